// Builds the renderer with Vite when dist/renderer is missing, so `npm start`
// and `npm run start:browser` work straight after `npm install`.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../host/config';

export const RENDERER_DIR = join(REPO_ROOT, 'dist/renderer');

export async function ensureRendererBuilt(): Promise<string> {
  if (existsSync(join(RENDERER_DIR, 'index.html'))) return RENDERER_DIR;
  console.log('Building the renderer (dist/renderer is missing) …');
  const { build } = await import('vite');
  await build({ configFile: join(REPO_ROOT, 'vite.config.ts'), logLevel: 'warn' });
  return RENDERER_DIR;
}
