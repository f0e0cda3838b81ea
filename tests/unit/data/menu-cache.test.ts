import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { openKioskData, type KioskData } from '../../../renderer/data';
import { menuToApply } from '../../../common/menu/menu-policy';
import type { Menu, PublicStoreConfig } from '../../../common/menu/schema';
import { startupFromHostOrCache, type HostStartup } from '../../../renderer/state/menu-refresh';
import { TestClock, dataOptions, sampleMenu as testMenu, sampleOrder } from './fixtures';

const opened: KioskData[] = [];
afterEach(() => {
  for (const data of opened.splice(0)) data.close();
});

describe('menu cache', () => {
  it('starts offline from the last good menu and takes orders with it', async () => {
    const clock = new TestClock();
    const options = dataOptions(clock, { log: () => undefined });
    const online = await openKioskData(options);
    expect(await online.lastGoodMenu()).toBeUndefined();
    expect(await online.cacheMenu(testMenu)).toMatchObject({ ok: true });
    online.close();

    // Next start: no network, so no menu from the store.
    const offline = await openKioskData(options);
    opened.push(offline);
    const cached = await offline.lastGoodMenu();
    expect(cached).toMatchObject({ version: testMenu.version, cachedAt: clock.now().toISOString() });
    expect(cached?.menu).toEqual(testMenu);
    const order = await offline.placeOrder(sampleOrder({ menuVersion: cached!.version }), 'counter');
    expect(order).toMatchObject({ menuVersion: testMenu.version, orderNumber: 'B-001' });
  });

  it('refuses a corrupt menu, logs why, and the last good one keeps serving', async () => {
    const logged: string[] = [];
    const data = await openKioskData(dataOptions(new TestClock(), { log: (message) => logged.push(message) }));
    opened.push(data);
    await data.cacheMenu(testMenu);
    const corrupt = { ...testMenu, version: '2', categories: [] };
    const decision = menuToApply({ current: (await data.lastGoodMenu())?.menu, incoming: corrupt, sessionActive: false });
    expect(decision.action).toBe('refuse');
    const result = await data.cacheMenu(corrupt);
    expect(result.ok).toBe(false);
    expect(logged.join('\n')).toMatch(/Menu refused, the last good menu stays:[\s\S]*categories/);
    expect((await data.lastGoodMenu())?.version).toBe(testMenu.version);
  });

  it('ignores a cached menu that no longer validates, and says so', async () => {
    const logged: string[] = [];
    const data = await openKioskData(dataOptions(new TestClock(), { log: (message) => logged.push(message) }));
    opened.push(data);
    await data.db.menuCache.put({ slot: 'last_good', version: 'old', menu: { ...testMenu, schemaVersion: 0 } as never, cachedAt: 'x' });
    expect(await data.lastGoodMenu()).toBeUndefined();
    expect(logged.join('\n')).toMatch(/Cached menu old no longer validates[\s\S]*schemaVersion/);
  });
});

describe('the menu at start, once per version', () => {
  /** localStorage as the page has it, one per kiosk. */
  const memoryStorage = () => {
    const items = new Map<string, string>();
    return { getItem: (key: string) => items.get(key) ?? null, setItem: (key: string, value: string) => void items.set(key, value) };
  };
  const store = { kioskId: 'k1', orderPrefix: 'B' } as unknown as PublicStoreConfig;

  /** A host that serves `menu` and keeps what each start asked for and got. */
  const hostServing = (menu: Menu) => {
    const asked: { cachedMenuVersion: string | undefined; sentMenu: boolean }[] = [];
    return {
      asked,
      fromHost: async (cachedMenuVersion: string | undefined): Promise<HostStartup> => {
        const sendMenu = cachedMenuVersion !== menu.version;
        asked.push({ cachedMenuVersion, sentMenu: sendMenu });
        return { store, menuVersion: menu.version, assetBase: '.', ...(sendMenu ? { menu } : {}) };
      },
    };
  };

  it('sends the menu on the first start only; the next start takes it from the cache', async () => {
    const storage = memoryStorage();
    const options = dataOptions(new TestClock(), { log: () => undefined });
    const host = hostServing(testMenu);
    for (let start = 0; start < 2; start++) {
      const data = await openKioskData(options);
      opened.push(data);
      const startup = await startupFromHostOrCache({ fromHost: host.fromHost, openCache: async () => data, storage, log: () => undefined });
      expect(startup.menu).toEqual(testMenu);
      data.close();
    }
    expect(host.asked).toEqual([
      { cachedMenuVersion: undefined, sentMenu: true },
      { cachedMenuVersion: testMenu.version, sentMenu: false },
    ]);
  });

  it('a new menu on the host is sent, cached, and then not sent again', async () => {
    const storage = memoryStorage();
    const data = await openKioskData(dataOptions(new TestClock(), { log: () => undefined }));
    opened.push(data);
    const open = async () => data;
    await startupFromHostOrCache({ fromHost: hostServing(testMenu).fromHost, openCache: open, storage, log: () => undefined });
    const newer = { ...testMenu, version: `${testMenu.version}-b` };
    const host = hostServing(newer);
    expect((await startupFromHostOrCache({ fromHost: host.fromHost, openCache: open, storage, log: () => undefined })).menu.version).toBe(newer.version);
    expect((await startupFromHostOrCache({ fromHost: host.fromHost, openCache: open, storage, log: () => undefined })).menu.version).toBe(newer.version);
    expect(host.asked.map((entry) => entry.sentMenu)).toEqual([true, false]);
  });

  it('asks for the menu itself when the cache lost the version it claimed (storage cleared)', async () => {
    const storage = memoryStorage();
    const data = await openKioskData(dataOptions(new TestClock(), { log: () => undefined }));
    opened.push(data);
    const host = hostServing(testMenu);
    await startupFromHostOrCache({ fromHost: host.fromHost, openCache: async () => data, storage, log: () => undefined });
    await data.db.menuCache.clear();
    const startup = await startupFromHostOrCache({ fromHost: host.fromHost, openCache: async () => data, storage, log: () => undefined });
    expect(startup.menu).toEqual(testMenu);
    expect(host.asked).toEqual([
      { cachedMenuVersion: undefined, sentMenu: true },
      { cachedMenuVersion: testMenu.version, sentMenu: false },
      { cachedMenuVersion: undefined, sentMenu: true },
    ]);
    expect((await data.lastGoodMenu())?.version).toBe(testMenu.version);
  });
});

describe('the data layer at start', () => {
  it('opens with the store config cached from the last start while the host answers, then with the host’s', async () => {
    const items = new Map<string, string>();
    const storage = { getItem: (key: string) => items.get(key) ?? null, setItem: (key: string, value: string) => void items.set(key, value) };
    const data = await openKioskData(dataOptions(new TestClock(), { log: () => undefined }));
    opened.push(data);
    const events: string[] = [];
    const store = (kioskId: string) => ({ kioskId, orderPrefix: 'B' }) as unknown as PublicStoreConfig;
    const start = (kioskId: string) =>
      startupFromHostOrCache({
        storage,
        log: () => undefined,
        fromHost: async () => {
          events.push('host asked');
          return { store: store(kioskId), menu: testMenu, menuVersion: testMenu.version, assetBase: '.' };
        },
        openCache: async (config) => {
          events.push(`open ${config.kioskId}`);
          return data;
        },
      });
    await start('k1');
    expect(events.splice(0)).toEqual(['host asked', 'open k1']);
    // The next start knows the store config: the data layer opens before the host has answered.
    await start('k2');
    expect(events.splice(0)).toEqual(['open k1', 'host asked', 'open k2']);
  });
});
