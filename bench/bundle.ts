// Bundle: the renderer's initial JS and CSS as a browser downloads them (gzip),
// against an empty React page built by the same Vite in the same run.
import { gzipSync } from 'node:zlib';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { build } from 'vite';
import react from '@vitejs/plugin-react';
import type { BenchResult } from './result';
import { buildPages } from '../electron/browser-shell/renderer-build';

const root = resolve(import.meta.dirname, '..');

/** Gzip bytes of the scripts and stylesheets an HTML page loads before it can start. */
export function initialAssetSizes(htmlPath: string): { js: number; css: number } {
  const html = readFileSync(htmlPath, 'utf8');
  const base = dirname(htmlPath);
  const refs = [...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*\shref)="([^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
  const sizes = { js: 0, css: 0 };
  for (const ref of new Set(refs)) {
    const bytes = gzipSync(readFileSync(join(base, ref.replace(/^\.\//, ''))), { level: 9 }).length;
    if (ref.endsWith('.css')) sizes.css += bytes;
    else sizes.js += bytes;
  }
  return sizes;
}

/** The baseline page: React rendering one paragraph, built by the same Vite; returns its index.html. */
export async function buildEmptyReactPage(): Promise<string> {
  const dir = join(root, 'bench/out/empty-react');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'index.html'), '<!doctype html><html><body><div id="root"></div><script type="module" src="./main.tsx"></script></body></html>');
  writeFileSync(
    join(dir, 'main.tsx'),
    "import { createRoot } from 'react-dom/client';\ncreateRoot(document.getElementById('root')!).render(<p>empty</p>);\n",
  );
  await build({ root: dir, base: './', logLevel: 'error', plugins: [react()], build: { outDir: join(dir, 'dist'), emptyOutDir: true } });
  return join(dir, 'dist/index.html');
}

export async function benchBundle(): Promise<BenchResult[]> {
  await buildPages();
  const kiosk = initialAssetSizes(join(root, 'dist/renderer/index.html'));
  const empty = initialAssetSizes(await buildEmptyReactPage());
  const kb = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;
  return [
    { name: 'bundle: initial JS (gzip)', value: kb(kiosk.js), unit: 'KB', baseline: kb(empty.js), target: '<= 200 KB', met: kb(kiosk.js) <= 200 },
    { name: 'bundle: initial CSS (gzip)', value: kb(kiosk.css), unit: 'KB', baseline: kb(empty.css), target: null, met: null },
  ];
}
