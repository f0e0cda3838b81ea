// The attract screen starts with the least code: the kiosk page built by its own Vite config (into
// a temp folder, with Vite's manifest), the customiser, payment, staff mode and the
// other screens are chunks of their own, none of them reachable by static imports from the page's
// entry; they are loaded ahead of time by import() only. zod, the contract's schemas and the data
// layer (Dexie) are not in the first script either: the page's contract client needs the calls'
// names only, and the data layer with its checks is a chunk fetched as the page starts.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, type Plugin } from 'vite';
import { REPO_ROOT } from '../../support/kiosk';

interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}
type Manifest = Record<string, ManifestChunk>;

const LAZY_MODULES = [
  'ui/screens/CustomizerScreen.tsx',
  'ui/screens/PaymentScreen.tsx',
  'ui/staff-mode/StaffMode.tsx',
  'ui/screens/MenuScreen.tsx',
  'ui/screens/ReviewScreen.tsx',
  'ui/screens/ConfirmationScreen.tsx',
];

/** Loaded by import() as the page starts, never with its first script: zod, the menu's schema (the menu check), the data layer. */
const NOT_AT_START = ['node_modules/zod/', 'common/menu/schema.ts', 'node_modules/dexie/', 'renderer/data/index.ts'];
/** Not in the page at all: the contract's schemas (the host checks every call; the page needs the names). */
const NOT_IN_THE_PAGE = ['common/contract/index.ts'];

let outDir: string;
let manifest: Manifest;
/** The modules in each output file (repo-relative paths), as the bundler reports them. */
const modulesOf = new Map<string, string[]>();

const recordModules: Plugin = {
  name: 'record-chunk-modules',
  generateBundle(_options, bundle) {
    for (const output of Object.values(bundle)) {
      if (output.type === 'chunk') modulesOf.set(output.fileName, output.moduleIds.map((id) => relative(REPO_ROOT, id)));
    }
  },
};

beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), 'counterpart-bundle-split-'));
  await build({ configFile: join(REPO_ROOT, 'vite.config.ts'), logLevel: 'silent', plugins: [recordModules], build: { outDir, emptyOutDir: true, manifest: true } });
  manifest = JSON.parse(readFileSync(join(outDir, '.vite/manifest.json'), 'utf8')) as Manifest;
}, 120_000);

afterAll(() => rmSync(outDir, { recursive: true, force: true }));

/** Every chunk the entry loads before it runs: itself and its static imports, transitively. */
function staticClosure(key: string, seen = new Set<string>()): Set<string> {
  if (seen.has(key)) return seen;
  seen.add(key);
  for (const imported of manifest[key]?.imports ?? []) staticClosure(imported, seen);
  return seen;
}

describe('the kiosk bundle', () => {
  it('loads the customiser, payment and staff mode only by import(), each in a chunk of its own', () => {
    const entryKey = Object.keys(manifest).find((key) => manifest[key]!.isEntry);
    expect(entryKey).toBe('index.html');
    const initialFiles = new Set([...staticClosure(entryKey!)].map((key) => manifest[key]!.file));
    for (const module of LAZY_MODULES) {
      const chunk = manifest[module];
      expect(chunk, `${module} is a chunk of its own`).toBeDefined();
      expect(chunk!.isDynamicEntry, `${module} is loaded by import()`).toBe(true);
      expect(initialFiles.has(chunk!.file), `${module} is not among the chunks the attract screen loads`).toBe(false);
      // Nor does any chunk the attract screen loads import it statically.
      for (const key of staticClosure(entryKey!)) expect(manifest[key]!.imports ?? []).not.toContain(module);
    }
  });

  it('keeps zod, the contract schemas and the data layer out of the chunks the attract screen loads', () => {
    const entryKey = Object.keys(manifest).find((key) => manifest[key]!.isEntry)!;
    const initialFiles = [...staticClosure(entryKey)].map((key) => manifest[key]!.file);
    const initialModules = initialFiles.flatMap((file) => modulesOf.get(file) ?? []);
    // The entry's own modules are recorded (so an empty list cannot pass this test).
    expect(initialModules).toContain('renderer/main.tsx');
    for (const module of [...NOT_AT_START, ...NOT_IN_THE_PAGE]) {
      expect(initialModules.filter((id) => id.includes(module)), `${module} is not in the first script`).toEqual([]);
    }
    const allModules = [...modulesOf.values()].flat();
    for (const module of NOT_AT_START) expect(allModules.some((id) => id.includes(module)), `${module} is in a chunk loaded by import()`).toBe(true);
    for (const module of NOT_IN_THE_PAGE) expect(allModules.filter((id) => id.includes(module)), `${module} is in no chunk`).toEqual([]);
  });

  it('lists only the initial chunks in index.html, and no inline script (the CSP allows none)', () => {
    const html = readFileSync(join(outDir, 'index.html'), 'utf8');
    const lazyFiles = LAZY_MODULES.map((module) => manifest[module]!.file);
    for (const file of lazyFiles) expect(html).not.toContain(file);
    expect(html).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
  });
});
