// Builds the web pages with Vite: the kiosk (vite.config.ts) and each app folder
// with its own vite.config.ts, all into dist/renderer. `npm start` builds them when
// missing or older than their sources, so it works straight after `npm install` or a pull;
// the e2e setup always builds.
import { existsSync, readdirSync, statSync } from 'node:fs';
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

/** What the pages are built from: a change to any of these makes dist/renderer out of date. */
const PAGE_SOURCES = ['renderer', 'common', 'staff-console', 'status-display', 'back-office/web', 'back-office/shared', 'index.html', 'vite.config.ts', 'package-lock.json'];

/** The newest modification time under `path` (a file or a folder), 0 when it is missing. */
function newest(path: string): number {
  let stats;
  try {
    stats = statSync(path);
  } catch {
    return 0;
  }
  if (!stats.isDirectory()) return stats.mtimeMs;
  return readdirSync(path).reduce((latest, name) => Math.max(latest, newest(join(path, name))), stats.mtimeMs);
}

/** Why the pages must be built, or null when `rendererDir` is up to date with the sources under `root`. */
export function pagesStaleBecause(root = REPO_ROOT, rendererDir = RENDERER_DIR): string | null {
  const built = PAGES.map((page) => join(rendererDir, page.out, 'index.html'));
  if (!built.every((file) => existsSync(file))) return 'dist/renderer is missing';
  const builtAt = Math.min(...built.map((file) => statSync(file).mtimeMs));
  const changed = PAGE_SOURCES.find((source) => newest(join(root, source)) > builtAt);
  return changed === undefined ? null : `${changed} changed since the last build`;
}

/** Builds the pages when they are missing or older than their sources (after a `git pull`, say). */
export async function ensureRendererBuilt(): Promise<string> {
  const reason = pagesStaleBecause();
  if (reason === null) return RENDERER_DIR;
  console.log(`Building the pages (${reason}) …`);
  await buildPages();
  return RENDERER_DIR;
}
