// Bundles Electron's main process and preload with esbuild into dist/electron/
// (CommonJS for Node inside Electron). electron is provided at run time; serialport
// stays external because its native bindings are loaded from node_modules.
import { build, type BuildOptions } from 'esbuild';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
export const ELECTRON_OUT_DIR = join(root, 'dist/electron');

export async function buildElectron(outDir = ELECTRON_OUT_DIR): Promise<void> {
  const common: BuildOptions = {
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    sourcemap: true,
    logLevel: 'warning',
    // better-sqlite3 (the back office's database) loads a native binding; pg's optional native driver is not used.
    external: ['electron', 'serialport', '@serialport/*', 'better-sqlite3', 'pg-native'],
    // Sources find their files relative to themselves; in the bundle that is dist/electron.
    define: { 'import.meta.dirname': '__dirname' },
  };
  await Promise.all([
    build({ ...common, entryPoints: [join(root, 'electron/main/main.ts')], outfile: join(outDir, 'main.cjs') }),
    // Sandboxed preloads may only require('electron'); everything else is bundled in.
    build({ ...common, entryPoints: [join(root, 'electron/preload/preload.ts')], outfile: join(outDir, 'preload.cjs'), external: ['electron'] }),
  ]);
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  buildElectron().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
