import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';

// The back office page: served by the back office's own server at /back-office/ (back-office/server/http.ts).
export default defineConfig({
  root: resolve(import.meta.dirname, 'web'),
  base: './',
  plugins: [react()],
  build: {
    outDir: resolve(import.meta.dirname, '../dist/renderer/back-office'),
    emptyOutDir: true,
  },
});
