// `npm start` rebuilds the pages when a source is newer than dist/renderer (after a pull, say),
// not only when dist/renderer is missing.
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PAGES, pagesStaleBecause } from '../../../electron/browser-shell/renderer-build';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

/** A checkout with one source file and built pages, the sources written at `sourceAt`, the build at `builtAt` (seconds). */
function checkout(sourceAt: number, builtAt: number) {
  const root = mkdtempSync(join(tmpdir(), 'counterpart-pages-'));
  folders.push(root);
  mkdirSync(join(root, 'renderer/ui'), { recursive: true });
  const source = join(root, 'renderer/ui/App.tsx');
  writeFileSync(source, 'export {};');
  utimesSync(source, sourceAt, sourceAt);
  utimesSync(join(root, 'renderer/ui'), sourceAt, sourceAt);
  utimesSync(join(root, 'renderer'), sourceAt, sourceAt);
  const rendererDir = join(root, 'dist/renderer');
  for (const page of PAGES) {
    mkdirSync(join(rendererDir, page.out), { recursive: true });
    const index = join(rendererDir, page.out, 'index.html');
    writeFileSync(index, '<!doctype html>');
    utimesSync(index, builtAt, builtAt);
  }
  return { root, rendererDir, source };
}

describe('pages build', () => {
  it('is up to date when every page was built after the last source change', () => {
    const { root, rendererDir } = checkout(1_000, 2_000);
    expect(pagesStaleBecause(root, rendererDir)).toBeNull();
  });

  it('is out of date when a source changed after the build, and says which', () => {
    const { root, rendererDir, source } = checkout(1_000, 2_000);
    utimesSync(source, 3_000, 3_000);
    expect(pagesStaleBecause(root, rendererDir)).toBe('renderer changed since the last build');
  });

  it('is out of date when a page is missing', () => {
    const { root, rendererDir } = checkout(1_000, 2_000);
    rmSync(join(rendererDir, PAGES[1]!.out, 'index.html'));
    expect(pagesStaleBecause(root, rendererDir)).toBe('dist/renderer is missing');
  });
});
