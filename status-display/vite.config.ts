import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';

// The order status display: served by the store bus broker at /display/ (see electron/host/store-bus/staff-console-server.ts).
export default defineConfig({
  root: import.meta.dirname,
  base: './',
  plugins: [react()],
  build: {
    outDir: resolve(import.meta.dirname, '../dist/renderer/display'),
    emptyOutDir: true,
  },
});
