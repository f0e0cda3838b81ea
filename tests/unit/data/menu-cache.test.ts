import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { openKioskData, type KioskData } from '../../../renderer/data';
import { menuToApply } from '../../../common/menu/menu-policy';
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
