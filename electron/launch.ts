// `npm start`: builds the kiosk and runs it in Electron. Where Electron's binary
// is not installed (it is downloaded at install time, which can fail or be
// skipped), it says so and runs the same kiosk in the browser shell instead.
// Looks for the binary itself: require('electron') would try to download it.
// electron/start.mjs runs it prebuilt (dist/host/launch.mjs); `npm run dev` runs this source with tsx.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ensureRendererBuilt } from './browser-shell/renderer-build';
import { REPO_ROOT } from './host/paths';
import { buildElectron } from './build';

export function findElectronBinary(root = REPO_ROOT): string | null {
  const packageDir = join(root, 'node_modules/electron');
  const pathFile = join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

export const NO_ELECTRON_MESSAGE =
  "Electron's binary is not installed on this machine (it could not be downloaded) – starting the browser shell instead: npm run start:browser";

export async function launch(): Promise<void> {
  await ensureRendererBuilt();
  const binary = findElectronBinary();
  if (!binary) {
    console.log(NO_ELECTRON_MESSAGE);
    await import('./browser-shell/cli');
    return;
  }
  await buildElectron();
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE;
  const child = spawn(binary, [REPO_ROOT], { stdio: 'inherit', env });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

if (process.argv[1] && resolve(process.argv[1]) === join(REPO_ROOT, 'electron/launch.ts')) {
  launch().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
