// `npm start` and `npm run start:browser`: the kiosk from its prebuilt bundles (dist/host, built by
// electron/build.ts), run by plain node, no TypeScript compiled at start. Plain JavaScript on
// purpose: it runs before anything is built. Builds the bundles first when they are missing or
// older than a source they were built from. `npm run dev` / `dev:browser` run the sources with tsx.
//   node electron/start.mjs                 → dist/host/launch.mjs (Electron, or the browser shell)
//   node electron/start.mjs browser-shell … → dist/host/browser-shell.mjs with the options after it
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const hostDir = join(root, 'dist/host');
const entry = process.argv[2] === 'browser-shell' ? 'browser-shell' : 'launch';
if (entry === 'browser-shell') process.argv.splice(2, 1);

const modified = (file) => {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return undefined;
  }
};

/** Why the bundles must be built, or null when they are up to date. */
function staleBecause() {
  const built = modified(join(hostDir, `${entry}.mjs`));
  if (built === undefined) return 'dist/host is missing';
  let inputs;
  try {
    inputs = JSON.parse(readFileSync(join(hostDir, 'inputs.json'), 'utf8')).inputs;
  } catch {
    return 'dist/host/inputs.json is missing';
  }
  const changed = inputs.find((input) => (modified(join(root, input)) ?? Infinity) > built);
  return changed === undefined ? null : `${changed} changed since the last build`;
}

const reason = staleBecause();
if (reason !== null) {
  console.log(`Building the kiosk host (${reason}) …`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'electron/build.ts'), '--host'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
const bundle = await import(pathToFileURL(join(hostDir, `${entry}.mjs`)).href);
// The browser shell starts on import; the launcher is a function.
if (entry === 'launch') {
  await bundle.launch().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
