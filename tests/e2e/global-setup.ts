// Builds the renderer once before the end-to-end tests, so they run against the
// same static bundle the kiosk ships (dist/renderer), never a stale one.
import { join, resolve } from 'node:path';
import { build } from 'vite';

const REPO_ROOT = resolve(import.meta.dirname, '../..');
let built = false;

export default async function setup(): Promise<void> {
  if (built) return;
  // Vitest sets NODE_ENV=test, which would make Vite bundle React's development build;
  // the tests must run the production bundle the kiosk ships.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: join(REPO_ROOT, 'vite.config.ts'), mode: 'production', logLevel: 'warn' });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
  built = true;
}
