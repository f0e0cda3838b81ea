// `npm start`: builds the kiosk and runs it in Electron. Where Electron's binary
// is not installed (it is downloaded at install time, which can fail or be
// skipped), it says so and runs the same kiosk in the browser shell instead.
// Looks for the binary itself: require('electron') would try to download it.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureRendererBuilt } from './browser-shell/renderer-build';
import { REPO_ROOT } from './host/config';
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

async function main(): Promise<void> {
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

if (process.argv[1] && join(process.argv[1]) === join(import.meta.filename)) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
