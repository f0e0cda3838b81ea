// Builds the renderer once before the end-to-end tests, so they run against the
// same static bundle the kiosk ships (dist/renderer), never a stale one.
import { join, resolve } from 'node:path';
import { build } from 'vite';

const REPO_ROOT = resolve(import.meta.dirname, '../..');
let built = false;

export default async function setup(): Promise<void> {
  if (built) return;
  await build({ configFile: join(REPO_ROOT, 'vite.config.ts'), logLevel: 'warn' });
  built = true;
}
