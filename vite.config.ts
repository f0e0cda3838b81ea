import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';

// The kiosk page is a static bundle: Electron loads it from disk, the browser shell serves it.
// Each other app (staff-console/, …) has its own vite.config.ts and builds into dist/renderer/<app>/.
export default defineConfig({
  root: resolve(import.meta.dirname, 'renderer'),
  base: './',
  plugins: [react()],
  build: {
    outDir: resolve(import.meta.dirname, 'dist/renderer'),
    emptyOutDir: true,
    // Fonts stay files: the page's policy takes fonts from the page's own origin only, not data: URLs.
    assetsInlineLimit: (file) => (file.endsWith('.woff2') ? false : undefined),
  },
});
