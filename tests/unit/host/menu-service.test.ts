import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConfigError } from '../../../electron/host/config';
import { createKioskHost } from '../../../electron/host/kiosk-host';
import { createMenuService, lastGoodMenuPath, loadStartConfig, REPLACED_MENU_GRACE_MS, type MenuService } from '../../../electron/host/menu-service';
import type { KioskEvent } from '../../../common/contract/index';
import type { Menu } from '../../../common/menu/schema';
import { FIXTURE_MENU, FIXTURE_STORE } from '../../support/kiosk';

const temp: string[] = [];
const services: MenuService[] = [];
const tempDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'counterpart-menu-service-'));
  temp.push(dir);
  return dir;
};
afterEach(() => {
  for (const service of services.splice(0)) service.close();
  for (const dir of temp.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const fixtureMenu = (): Menu => JSON.parse(readFileSync(FIXTURE_MENU, 'utf8')) as Menu;
const withVersion = (version: string, change: (menu: Menu) => void = () => undefined): Menu => {
  const menu = fixtureMenu();
  menu.version = version;
  change(menu);
  return menu;
};
/** A menu whose first item has a negative price: valid JSON, refused by the schema at $.items[0].price. */
const corruptMenu = (version: string) => withVersion(version, (menu) => (menu.items[0]!.price = -5));

/** A menu file and a data dir in a fresh directory, plus a service started from them. */
function setUp() {
  const dir = tempDir();
  const menuPath = join(dir, 'menu.json');
  const dataDir = join(dir, 'data');
  copyFileSync(FIXTURE_MENU, menuPath);
  const lines: string[] = [];
  const log = (line: string) => lines.push(line);
  const start = loadStartConfig({ storeConfigPath: FIXTURE_STORE, menuPath, dataDir: dir, log });
  const service = createMenuService({ store: start.store, menu: start.menu, menuPath, dataDir: dir, log });
  services.push(service);
  return { dir, menuPath, dataDir, lines, log, start, service };
}

describe('menu service', () => {
  it('serves the menu file it started with and saves it as the last good menu', () => {
    const { service, start, dir } = setUp();
    expect(start.menuSource).toBe('file');
    expect(service.current().version).toBe('test-1');
    expect(JSON.parse(readFileSync(lastGoodMenuPath(dir), 'utf8')).version).toBe('test-1');
  });

  it('refuses a corrupt menu with its JSON path, keeps serving the last good one and tells nobody', () => {
    const { service, lines, dir } = setUp();
    const updated = vi.fn();
    service.onUpdated(updated);
    const result = service.offer(corruptMenu('test-2'), 'store bus counterpart/v1/test-store/menu');
    expect(result.outcome).toBe('refused');
    expect(lines.join('\n')).toMatch(/REFUSED a menu from store bus counterpart\/v1\/test-store\/menu; version test-1 keeps serving/);
    expect(lines.join('\n')).toMatch(/\$\.items\[0\]\.price: /);
    expect(service.current().version).toBe('test-1');
    expect(JSON.parse(readFileSync(lastGoodMenuPath(dir), 'utf8')).version).toBe('test-1');
    expect(updated).not.toHaveBeenCalled();
  });

  it('refuses a menu that does not fit the store config (currency), naming the path', () => {
    const { service, lines } = setUp();
    const result = service.offer(withVersion('test-2', (menu) => (menu.currency = 'USD')), 'operator');
    expect(result.outcome).toBe('refused');
    expect(lines.join('\n')).toMatch(/operator: \$\.currency: the menu is priced in USD but the store config uses EUR/);
    expect(service.current().version).toBe('test-1');
  });

  it('applies a newer valid menu, saves it and announces it once', () => {
    const { service, dir } = setUp();
    const updated = vi.fn();
    service.onUpdated(updated);
    expect(service.offer(withVersion('test-2'), 'operator').outcome).toBe('applied');
    expect(service.offer(withVersion('test-2'), 'operator').outcome).toBe('unchanged');
    expect(service.current().version).toBe('test-2');
    expect(updated).toHaveBeenCalledTimes(1);
    expect(updated.mock.calls[0]![0].version).toBe('test-2');
    expect(JSON.parse(readFileSync(lastGoodMenuPath(dir), 'utf8')).version).toBe('test-2');
  });

  it('still prices with a menu it replaced for REPLACED_MENU_GRACE_MS (a customer who began before a publish or a roll back), never with one it did not serve', () => {
    vi.useFakeTimers({ now: new Date('2026-12-05T12:00:00Z'), toFake: ['Date'] });
    try {
      const { service } = setUp();
      expect(service.offer(withVersion('test-2', (menu) => (menu.items[0]!.price = 999)), 'operator').outcome).toBe('applied');
      expect(service.served('test-2')?.items[0]!.price).toBe(999);
      expect(service.served('test-1')?.items[0]!.price).toBe(450);
      expect(service.served('test-0')).toBeUndefined();
      vi.setSystemTime(new Date(Date.now() + REPLACED_MENU_GRACE_MS + 1));
      expect(service.served('test-1')).toBeUndefined();
      // Rolled back to it, it is the menu served again.
      expect(service.offer(withVersion('test-1'), 'operator').outcome).toBe('applied');
      expect(service.served('test-1')?.items[0]!.price).toBe(450);
      expect(service.served('test-2')?.items[0]!.price).toBe(999);
    } finally {
      vi.useRealTimers();
    }
  });

  it('refuses a changed menu that kept its old version (no screen could tell it apart)', () => {
    const { service, lines } = setUp();
    const result = service.offer(withVersion('test-1', (menu) => (menu.items[0]!.price = 999)), 'operator');
    expect(result.outcome).toBe('refused');
    expect(lines.join('\n')).toMatch(/\$\.version: the menu changed but its version is still "test-1"/);
    expect(service.current().items[0]!.price).toBe(450);
  });

  it('follows edits of the menu file: refuses bad JSON with line and column, then takes the fixed file', async () => {
    const { service, menuPath, lines } = setUp();
    service.watchMenuFile();
    writeFileSync(menuPath, '{ "schemaVersion": 1, ');
    await vi.waitFor(() => expect(lines.join('\n')).toMatch(/menu\.json: line 1, column \d+: not valid JSON/), { timeout: 5000 });
    expect(service.current().version).toBe('test-1');
    writeFileSync(menuPath, JSON.stringify(corruptMenu('test-2')));
    await vi.waitFor(() => expect(lines.join('\n')).toMatch(/menu\.json: \$\.items\[0\]\.price/), { timeout: 5000 });
    expect(service.current().version).toBe('test-1');
    writeFileSync(menuPath, JSON.stringify(withVersion('test-3')));
    await vi.waitFor(() => expect(service.current().version).toBe('test-3'), { timeout: 5000 });
  });

  it("takes the operator's menu from the store link's retained menu topic", () => {
    const { service, lines } = setUp();
    let deliver: ((message: { menuVersion: string; publishedAt: string; menu: Record<string, unknown> }) => void) | undefined;
    const link = {
      store: 'test-store',
      onMenu(listener: typeof deliver & object) {
        deliver = listener;
        return () => (deliver = undefined);
      },
    };
    const stop = service.followStoreLink(link);
    const publishedAt = new Date().toISOString();
    deliver!({ menuVersion: 'test-2', publishedAt, menu: corruptMenu('test-2') as unknown as Record<string, unknown> });
    expect(service.current().version).toBe('test-1');
    expect(lines.join('\n')).toMatch(/store bus counterpart\/v1\/test-store\/menu: \$\.items\[0\]\.price/);
    deliver!({ menuVersion: 'test-2', publishedAt, menu: withVersion('test-2') as unknown as Record<string, unknown> });
    expect(service.current().version).toBe('test-2');
    stop();
    expect(deliver).toBeUndefined();
  });
});

describe('starting with a broken menu file', () => {
  it('starts from the last good menu in the data dir, loudly, when the menu file is corrupt', () => {
    const { menuPath, dir } = setUp();
    writeFileSync(menuPath, JSON.stringify(corruptMenu('test-9')));
    const lines: string[] = [];
    const start = loadStartConfig({ storeConfigPath: FIXTURE_STORE, menuPath, dataDir: dir, log: (line) => lines.push(line) });
    expect(start.menuSource).toBe('last_good');
    expect(start.menu.version).toBe('test-1');
    expect(lines.join('\n')).toMatch(/MENU FILE NOT USABLE - the kiosk starts with the last good menu \(version test-1\)/);
    expect(lines.join('\n')).toContain(`${menuPath}: $.items[0].price`);
  });

  it('starts from the last good menu when the menu file is gone', () => {
    const { menuPath, dir } = setUp();
    rmSync(menuPath);
    const lines: string[] = [];
    const start = loadStartConfig({ storeConfigPath: FIXTURE_STORE, menuPath, dataDir: dir, log: (line) => lines.push(line) });
    expect(start.menu.version).toBe('test-1');
    expect(lines.join('\n')).toContain(`${menuPath}: file not found`);
  });

  it('fails with the menu file problems when no last good menu was ever saved', () => {
    const dir = tempDir();
    const menuPath = join(dir, 'menu.json');
    writeFileSync(menuPath, JSON.stringify(corruptMenu('test-9')));
    let error: unknown;
    try {
      loadStartConfig({ storeConfigPath: FIXTURE_STORE, menuPath, dataDir: join(dir, 'empty'), log: () => undefined });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toContain(`${menuPath}: $.items[0].price`);
  });

  it('never falls back when the store config itself is broken', () => {
    const { menuPath, dir } = setUp();
    const storePath = join(dir, 'store.json');
    writeFileSync(storePath, '{}');
    expect(() => loadStartConfig({ storeConfigPath: storePath, menuPath, dataDir: dir, log: () => undefined })).toThrow(ConfigError);
  });
});

describe('kiosk host with the menu service', () => {
  it('answers getMenu with the served menu and emits menu.updated with the version', async () => {
    const dir = tempDir();
    const menuPath = join(dir, 'menu.json');
    copyFileSync(FIXTURE_MENU, menuPath);
    const host = createKioskHost({ storeConfigPath: FIXTURE_STORE, menuPath, dataDir: join(dir, 'data') });
    const events: KioskEvent[] = [];
    host.onEvent((event) => events.push(event));
    try {
      expect(host.menus.offer(withVersion('test-2'), 'operator').outcome).toBe('applied');
      const menu = await host.dispatch('getMenu', {});
      expect(menu.ok && (menu.output as { menu: Menu }).menu.version).toBe('test-2');
      const startup = await host.dispatch('getStartup', {});
      expect(startup.ok && (startup.output as { menu: Menu }).menu.version).toBe('test-2');
      expect(events).toEqual([expect.objectContaining({ type: 'menu.updated', version: 'test-2' })]);
    } finally {
      await host.close();
    }
  });
});
