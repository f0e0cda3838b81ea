// Bundles with esbuild:
// - Electron's main process and preload into dist/electron/ (CommonJS for Node inside Electron);
//   electron is provided at run time;
// - the browser shell and `npm start`'s launcher into dist/host/ (ESM run by plain node, no
//   TypeScript compiled at start), the host's modules in a chunk of their own that the browser
//   shell imports after starting Chromium.
// Native and optional modules (serialport's bindings, better-sqlite3 if present) stay external:
// they are loaded from node_modules; so do the build tools (vite, esbuild), imported only when
// something must be built.
import { rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { BuildOptions } from 'esbuild';
import { REPO_ROOT as root } from './host/paths';
export const ELECTRON_OUT_DIR = join(root, 'dist/electron');
export const HOST_OUT_DIR = join(root, 'dist/host');
/** The sources each host bundle was built from (relative to the repo), so `npm start` can tell a stale bundle. */
export const HOST_INPUTS_FILE = 'inputs.json';

// better-sqlite3 is the back office's database; pg's optional native driver is not used.
const NATIVE_EXTERNALS = ['serialport', '@serialport/*', 'better-sqlite3', 'pg-native', 'bufferutil', 'utf-8-validate', 'fsevents'];

export async function buildElectron(outDir = ELECTRON_OUT_DIR): Promise<void> {
  const { build } = await import('esbuild');
  const common: BuildOptions = {
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    sourcemap: true,
    logLevel: 'warning',
    external: ['electron', ...NATIVE_EXTERNALS],
    // Sources find their files relative to themselves; in the bundle that is dist/electron.
    define: { 'import.meta.dirname': '__dirname' },
  };
  await Promise.all([
    build({ ...common, entryPoints: [join(root, 'electron/main/main.ts')], outfile: join(outDir, 'main.cjs') }),
    // Sandboxed preloads may only require('electron'); everything else is bundled in.
    build({ ...common, entryPoints: [join(root, 'electron/preload/preload.ts')], outfile: join(outDir, 'preload.cjs'), external: ['electron'] }),
  ]);
}

export async function buildHost(outDir = HOST_OUT_DIR): Promise<void> {
  const { build } = await import('esbuild');
  // Chunk names change with their content: no chunk of an older build stays behind.
  rmSync(outDir, { recursive: true, force: true });
  const result = await build({
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: true,
    // Less to read and parse at every start (node --enable-source-maps maps stack traces back).
    minify: true,
    logLevel: 'warning',
    entryPoints: { 'browser-shell': join(root, 'electron/browser-shell/cli.ts'), launch: join(root, 'electron/launch.ts') },
    outdir: outDir,
    outExtension: { '.js': '.mjs' },
    // ESM builds first: jsonc-parser's UMD build requires its own files by relative path.
    mainFields: ['module', 'main'],
    // Shared code and what the shell imports after starting Chromium go to chunks, next to the
    // entries: sources find files relative to themselves, and dist/host is two levels deep as they are.
    splitting: true,
    chunkNames: '[name]-[hash]',
    external: ['electron', 'vite', 'esbuild', ...NATIVE_EXTERNALS],
    // CommonJS dependencies bundled into ESM still call require() and read __dirname.
    banner: {
      js: [
        "import { createRequire as __counterpartRequire } from 'node:module';",
        "import { fileURLToPath as __counterpartPath } from 'node:url';",
        "import { dirname as __counterpartDirname } from 'node:path';",
        'const require = __counterpartRequire(import.meta.url);',
        'const __filename = __counterpartPath(import.meta.url);',
        'const __dirname = __counterpartDirname(__filename);',
      ].join('\n'),
    },
    metafile: true,
  });
  const inputs = Object.keys(result.metafile.inputs)
    .map((input) => relative(root, resolve(process.cwd(), input)))
    .filter((input) => !input.startsWith('node_modules') && !input.includes('/node_modules/'));
  writeFileSync(join(outDir, HOST_INPUTS_FILE), JSON.stringify({ builtAt: new Date().toISOString(), inputs: [...inputs, 'package.json', 'package-lock.json'] }, null, 1) + '\n');
}

// Run as a script (not when bundled into the launcher, which builds Electron's bundles before starting it).
if (process.argv[1] && resolve(process.argv[1]) === join(root, 'electron/build.ts')) {
  const only = process.argv[2];
  (only === '--host' ? buildHost() : Promise.all([buildElectron(), buildHost()])).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
