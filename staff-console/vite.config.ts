import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';

// The staff console: served by the store bus broker at /staff/ (see electron/host/store-bus/broker.ts).
export default defineConfig({
  root: import.meta.dirname,
  base: './',
  plugins: [react()],
  build: {
    outDir: resolve(import.meta.dirname, '../dist/renderer/staff'),
    emptyOutDir: true,
  },
});
