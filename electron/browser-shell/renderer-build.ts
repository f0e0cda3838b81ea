// Builds the web pages with Vite: the kiosk (vite.config.ts) and each app folder
// with its own vite.config.ts, all into dist/renderer. `npm start` builds them when
// missing, so it works straight after `npm install`; the e2e setup always builds.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../host/paths';

export const RENDERER_DIR = join(REPO_ROOT, 'dist/renderer');
/** Each page: its Vite config and where its index.html lands. The kiosk first: its build empties dist/renderer. */
export const PAGES = [
  { config: 'vite.config.ts', out: '' },
  { config: 'staff-console/vite.config.ts', out: 'staff' },
  { config: 'status-display/vite.config.ts', out: 'display' },
  { config: 'back-office/vite.config.ts', out: 'back-office' },
];

export async function buildPages(mode: 'production' | 'development' = 'production'): Promise<void> {
  const { build } = await import('vite');
  for (const page of PAGES) await build({ configFile: join(REPO_ROOT, page.config), mode, logLevel: 'warn' });
}

export async function ensureRendererBuilt(): Promise<string> {
  if (PAGES.every((page) => existsSync(join(RENDERER_DIR, page.out, 'index.html')))) return RENDERER_DIR;
  console.log('Building the pages (dist/renderer is missing) …');
  await buildPages();
  return RENDERER_DIR;
}
