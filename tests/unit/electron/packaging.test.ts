// electron-builder.yml (checked by electron-builder's own schema) and how
// `npm start` finds Electron's binary without requiring 'electron'.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findElectronBinary } from '../../../electron/launch';
import { REPO_ROOT } from '../../support/kiosk';

const require = createRequire(import.meta.url);

describe('electron-builder.yml', async () => {
  const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config.js');
  const { DebugLogger } = require('builder-util');
  const config = await getConfig(REPO_ROOT, join(REPO_ROOT, 'electron-builder.yml'), null);

  it('is valid for electron-builder', async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('builds AppImage and deb for Linux and nsis for Windows, rebuilding native modules (better-sqlite3) for Electron', () => {
    expect(config).toMatchObject({ productName: 'Counterpart', npmRebuild: true, asar: true });
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.win.target).toEqual(['nsis']);
    const files = (config.files as (string | { filter: string[] })[]).flatMap((entry) => (typeof entry === 'string' ? [entry] : entry.filter));
    expect(files).toEqual(expect.arrayContaining(['dist/**', 'menu-config/sample/**', 'package.json']));
    expect(config.asarUnpack).toEqual(expect.arrayContaining(['**/*.node']));
  });

  it('sets the fuses that close Node-level back doors', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
  });
});

describe('finding the Electron binary', () => {
  const root = mkdtempSync(join(tmpdir(), 'counterpart-electron-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const packageDir = join(root, 'node_modules/electron');
  mkdirSync(packageDir, { recursive: true });

  it('finds none when the download never happened (no path.txt)', () => {
    expect(findElectronBinary(root)).toBeNull();
  });

  it('finds none when path.txt names a binary that is not there', () => {
    writeFileSync(join(packageDir, 'path.txt'), 'electron');
    expect(findElectronBinary(root)).toBeNull();
  });

  it('finds the binary path.txt names', () => {
    mkdirSync(join(packageDir, 'dist'));
    writeFileSync(join(packageDir, 'dist/electron'), '');
    expect(findElectronBinary(root)).toBe(join(packageDir, 'dist/electron'));
  });
});
