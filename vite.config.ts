import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';

// The renderer is a static bundle: Electron loads it from disk, the browser shell serves it.
export default defineConfig({
  root: resolve(import.meta.dirname, 'renderer'),
  base: './',
  plugins: [react()],
  build: {
    outDir: resolve(import.meta.dirname, 'dist/renderer'),
    emptyOutDir: true,
    rollupOptions: {
      input: { kiosk: resolve(import.meta.dirname, 'renderer/index.html'), staff: resolve(import.meta.dirname, 'renderer/staff/index.html') },
    },
  },
});
