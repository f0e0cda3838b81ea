// Builds the pages once before the end-to-end tests, so they run against the
// same static bundles the kiosk ships (dist/renderer), never a stale one.
import { buildPages } from '../../electron/browser-shell/renderer-build';

let built = false;

export default async function setup(): Promise<void> {
  if (built) return;
  // Vitest sets NODE_ENV=test, which would make Vite bundle React's development build;
  // the tests must run the production bundle the kiosk ships.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await buildPages('production');
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
  built = true;
}
