import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConfigError, DEFAULT_MENU_PATH, DEFAULT_STORE_PATH } from '../../../electron/host/config';
import { createKioskHost, type KioskHost, type KioskHostOptions } from '../../../electron/host/kiosk-host';
import { lookupStaticFile } from '../../../electron/host/static-files';
import { ensurePrivateFile, isReadableByOthers } from '../../../electron/host/private-files';
import { FIXTURE_MENU, FIXTURE_STORE } from '../../support/kiosk';

const temp: string[] = [];
const tempDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'counterpart-unit-'));
  temp.push(dir);
  return dir;
};
// Every host a test opens is closed after it: its embedded broker listens on ports 1883 and 9001.
const hosts: KioskHost[] = [];
const openHost = (options: KioskHostOptions): KioskHost => {
  const host = createKioskHost(options);
  hosts.push(host);
  return host;
};
afterEach(async () => {
  for (const host of hosts.splice(0)) await host.close();
  for (const dir of temp.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const errorOf = (run: () => unknown): ConfigError => {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
};

describe('kiosk host', () => {
  it('answers getStartup with the validated store config, menu and asset base', async () => {
    const host = openHost({ storeConfigPath: FIXTURE_STORE, menuPath: FIXTURE_MENU, dataDir: tempDir() });
    const result = await host.dispatch('getStartup', {});
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const output = result.output as { store: { storeName: string; timezone: string }; menu: { id: string }; assetBase: string };
    expect(output.store.storeName).toBe('Harness Test Burgers');
    // Defaults from the schema are filled in at load time.
    expect(output.store.timezone).toBe('Europe/Berlin');
    expect(output.menu.id).toBe('harness-menu');
    expect(output.assetBase).toBe('menu-assets/');
  });

  it('sends the menu once per version: a page that has the current one cached gets its version alone', async () => {
    const host = openHost({ storeConfigPath: FIXTURE_STORE, menuPath: FIXTURE_MENU, dataDir: tempDir() });
    const first = await host.dispatch('getStartup', {});
    if (!first.ok) throw new Error(first.error.message);
    const { menuVersion, menu } = first.output as { menuVersion: string; menu: { version: string } };
    expect(menu.version).toBe(menuVersion);
    const cached = await host.dispatch('getStartup', { cachedMenuVersion: menuVersion });
    expect(cached).toMatchObject({ ok: true, output: { menuVersion } });
    expect(cached.ok && 'menu' in (cached.output as object)).toBe(false);
    const older = await host.dispatch('getStartup', { cachedMenuVersion: `${menuVersion}-older` });
    expect(older).toMatchObject({ ok: true, output: { menuVersion, menu: { version: menuVersion } } });
    expect(await host.dispatch('getStartup', { cachedMenuVersion: 42 })).toMatchObject({ ok: false, error: { code: 'bad_request', message: expect.stringMatching(/cachedMenuVersion/) } });
  });

  it('pageFirst: the store bus and its broker wait for the kiosk page, start after its getStartup, and never start when the host closes first', async () => {
    const host = openHost({ storeConfigPath: FIXTURE_STORE, menuPath: FIXTURE_MENU, dataDir: tempDir(), pageFirst: true });
    let started = false;
    const info = host.storeService.info().then((value) => {
      started = true;
      return value;
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(started).toBe(false);
    expect(await host.dispatch('getStartup', {})).toMatchObject({ ok: true });
    expect((await info).brokerUrl).toMatch(/^mqtt:\/\/127\.0\.0\.1:\d+$/);

    const closedFirst = createKioskHost({ storeConfigPath: FIXTURE_STORE, menuPath: FIXTURE_MENU, dataDir: tempDir(), pageFirst: true });
    const neverInfo = closedFirst.storeService.info();
    await closedFirst.close();
    await expect(neverInfo).rejects.toThrow(/closed before the store bus started/);
  });

  it('loads the sample store config and menu by default', () => {
    vi.stubEnv('COUNTERPART_STORE', undefined);
    vi.stubEnv('COUNTERPART_MENU', undefined);
    try {
      const host = openHost({ dataDir: tempDir() });
      expect(host.config.storeConfigPath).toBe(DEFAULT_STORE_PATH);
      expect(host.config.menuPath).toBe(DEFAULT_MENU_PATH);
      expect(host.menu.items.length).toBeGreaterThan(0);
      expect(host.assetDir).toBe(dirname(DEFAULT_MENU_PATH));
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('names the file, JSON path and reason for every problem in a bad menu', () => {
    const dir = tempDir();
    const file = join(dir, 'menu.json');
    writeFileSync(
      file,
      JSON.stringify({
        schemaVersion: 1, id: 'x', version: '1', currency: 'eur', locales: ['en'], defaultLocale: 'en',
        items: [{ id: 'a', name: { en: 'A' }, image: 'images/a.svg', price: -5, calories: 1, taxClass: 'food' }],
        categories: [{ id: 'c', name: { en: 'C' }, image: 'images/c.svg', entryIds: ['a'] }],
      }),
    );
    const error = errorOf(() => createKioskHost({ storeConfigPath: FIXTURE_STORE, menuPath: file, dataDir: dir }));
    expect(error.problems).toEqual([
      { file, where: '$.currency', reason: 'must be an ISO 4217 code such as "EUR"' },
      { file, where: '$.items[0].price', reason: 'must not be negative' },
    ]);
    expect(error.message).toContain(`${file}: $.items[0].price: must not be negative`);
  });

  it('checks references the schema cannot: a tax class the store does not define', () => {
    const dir = tempDir();
    const file = join(dir, 'menu.json');
    const menu = JSON.parse(readFileSync(FIXTURE_MENU, 'utf8'));
    menu.items[0].taxClass = 'drinks';
    writeFileSync(file, JSON.stringify(menu));
    const error = errorOf(() => createKioskHost({ storeConfigPath: FIXTURE_STORE, menuPath: file, dataDir: dir }));
    expect(error.problems).toEqual([{ file, where: '$.items[0].taxClass', reason: expect.stringContaining('tax class "drinks" is not defined in the store config') }]);
  });

  it('reports a missing file and broken JSON plainly, in both files at once', () => {
    const dir = tempDir();
    const missing = join(dir, 'nope.json');
    const broken = join(dir, 'menu.json');
    writeFileSync(broken, '{\n  "id": "a",\n}');
    const error = errorOf(() => createKioskHost({ storeConfigPath: missing, menuPath: broken, dataDir: dir }));
    expect(error.problems).toEqual([
      { file: missing, reason: 'file not found' },
      { file: broken, where: 'line 3, column 1', reason: 'not valid JSON: expected a property name in double quotes' },
    ]);
  });

  it('uses COUNTERPART_STORE and COUNTERPART_MENU when no paths are given', () => {
    const saved = { store: process.env.COUNTERPART_STORE, menu: process.env.COUNTERPART_MENU };
    process.env.COUNTERPART_STORE = FIXTURE_STORE;
    process.env.COUNTERPART_MENU = FIXTURE_MENU;
    try {
      const host = openHost({ dataDir: tempDir() });
      expect(host.store.storeName).toBe('Harness Test Burgers');
      expect(host.config.menuPath).toBe(FIXTURE_MENU);
    } finally {
      if (saved.store === undefined) delete process.env.COUNTERPART_STORE;
      else process.env.COUNTERPART_STORE = saved.store;
      if (saved.menu === undefined) delete process.env.COUNTERPART_MENU;
      else process.env.COUNTERPART_MENU = saved.menu;
    }
  });

  it('delivers valid events to listeners and refuses events outside the contract', () => {
    const host = openHost({ storeConfigPath: FIXTURE_STORE, menuPath: FIXTURE_MENU, dataDir: tempDir() });
    const seen: unknown[] = [];
    const unsubscribe = host.onEvent((event) => seen.push(event));
    host.emit({ type: 'host.ready', at: '2026-01-01T00:00:00.000Z' });
    expect(() => host.emit({ type: 'made.up' } as never)).toThrow();
    unsubscribe();
    host.emit({ type: 'host.ready', at: '2026-01-01T00:00:01.000Z' });
    expect(seen).toEqual([{ type: 'host.ready', at: '2026-01-01T00:00:00.000Z' }]);
  });
});

describe('static files', () => {
  const roots = { rendererDir: join(FIXTURE_MENU, '..', 'images'), assetDir: join(FIXTURE_MENU, '..') };

  it('serves menu images under menu-assets/, and nothing else from the menu folder', () => {
    expect(lookupStaticFile('/menu-assets/images/burger.svg', roots)).toMatchObject({ contentType: 'image/svg+xml' });
    expect(lookupStaticFile('/menu-assets/menu.json', roots)).toEqual({ notFound: '/menu-assets/menu.json is not a menu image' });
    expect(lookupStaticFile('/menu-assets/../../../etc/passwd.png', roots)).toHaveProperty('notFound');
    expect(lookupStaticFile('/menu-assets/%2e%2e/%2e%2e/x.svg', roots)).toHaveProperty('notFound');
  });

  it('keeps renderer paths inside the renderer folder', () => {
    expect(lookupStaticFile('/burger.svg', roots)).toMatchObject({ contentType: 'image/svg+xml' });
    expect(lookupStaticFile('/../menu.json', roots)).toHaveProperty('notFound');
    expect(lookupStaticFile('/%2e%2e/store.json', roots)).toHaveProperty('notFound');
    expect(lookupStaticFile('/%E0%A4%A', roots)).toEqual({ notFound: 'bad URL encoding in /%E0%A4%A' });
  });
});

describe("the host's files", () => {
  it('keeps its data dir to the kiosk user (0700), tightening one found open', async () => {
    const dataDir = join(tempDir(), 'data');
    mkdirSync(dataDir, { mode: 0o755 });
    chmodSync(dataDir, 0o755);
    openHost({ storeConfigPath: FIXTURE_STORE, menuPath: FIXTURE_MENU, dataDir });
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    const fresh = join(tempDir(), 'fresh', 'data');
    openHost({ storeConfigPath: FIXTURE_STORE, menuPath: FIXTURE_MENU, dataDir: fresh });
    expect(statSync(fresh).mode & 0o777).toBe(0o700);
  });

  it('makes a secret file 0600, creating it or tightening it, and keeps what it held', () => {
    const dir = tempDir();
    const loose = join(dir, 'staff-actions.jsonl');
    writeFileSync(loose, '{"action":"comp"}\n', { mode: 0o644 });
    chmodSync(loose, 0o644);
    expect(isReadableByOthers(loose)).toBe(true);
    ensurePrivateFile(loose);
    expect(statSync(loose).mode & 0o777).toBe(0o600);
    expect(readFileSync(loose, 'utf8')).toBe('{"action":"comp"}\n');
    const created = join(dir, 'new.jsonl');
    ensurePrivateFile(created);
    expect(statSync(created).mode & 0o777).toBe(0o600);
    expect(isReadableByOthers(created)).toBe(false);
  });

  it('refuses the sample store when told to refuse the demo, and names the way out', () => {
    const error = errorOf(() => createKioskHost({ storeConfigPath: DEFAULT_STORE_PATH, menuPath: DEFAULT_MENU_PATH, dataDir: tempDir(), refuseDemo: true }));
    expect(error.problems).toEqual([expect.objectContaining({ file: DEFAULT_STORE_PATH, reason: expect.stringContaining('--demo') })]);
  });
});
