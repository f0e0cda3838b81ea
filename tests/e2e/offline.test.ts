// The kiosk starts and takes orders offline from its cache: with the store bus unreachable and
// the menu file gone, the host serves the last good menu it saved; and when the host does not
// answer the page at all, the renderer starts from the menu cached in IndexedDB.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_STORE, startKiosk, type Kiosk } from '../support/kiosk';
import { cachedMenuVersion, menuDirectory, OWN_BROKER_ENV } from './offline-kiosk';
import { addAsIs, readKioskStore, startOrder } from './ordering-steps';

interface StoredOrder {
  orderId: string;
  orderNumber: string;
  status: string;
  menuVersion: string;
  total: number;
}

async function orderOnePlainBurger(kiosk: Kiosk): Promise<string> {
  const { page } = kiosk;
  await startOrder(page, 'Take away');
  await addAsIs(page, 'Burgers', 'Plain Burger');
  await page.getByRole('button', { name: 'Review & pay' }).click();
  await page.getByRole('button', { name: 'Pay at the counter' }).click();
  await page.getByRole('heading', { level: 1, name: 'Thank you!' }).waitFor();
  const number = (await page.getByRole('region', { name: 'Your order number' }).locator('.order-number').textContent()) ?? '';
  await page.getByRole('button', { name: 'Done' }).click();
  await page.getByRole('heading', { level: 1, name: 'Order here' }).waitFor();
  return number;
}

describe('offline start from the cache', () => {
  const menus = menuDirectory();
  // The store bus is a broker that is not there (nothing listens on the discard port).
  const storePath = join(menus.dir, 'store-unreachable-bus.json');
  writeFileSync(
    storePath,
    JSON.stringify({ ...JSON.parse(readFileSync(FIXTURE_STORE, 'utf8')), storeBus: { url: 'mqtt://127.0.0.1:9', username: 'kiosk-1', password: 'not-used' } }),
  );
  let kiosk: Kiosk;
  beforeAll(async () => {
    kiosk = await startKiosk({ storeConfigPath: storePath, menuPath: menus.menuPath, env: OWN_BROKER_ENV });
  });
  afterAll(async () => {
    await kiosk?.close();
    menus.remove();
  });

  it('restarts with the menu file gone and no store bus: the host serves the last good menu and the kiosk takes an order', async () => {
    const { page } = kiosk;
    await page.getByRole('heading', { level: 1, name: 'Order here' }).waitFor();
    await expect.poll(() => cachedMenuVersion(page)).toBe('test-1');

    // A crash, and the menu source is gone when the kiosk comes back.
    await kiosk.stopHost('SIGKILL');
    rmSync(menus.menuPath);
    await kiosk.restartHost();
    expect(kiosk.host.output()).toMatch(/MENU FILE NOT USABLE - the kiosk starts with the last good menu \(version test-1\)/);
    expect(kiosk.host.output()).toMatch(/menu\.json: file not found/);

    await page.getByRole('heading', { level: 1, name: 'Order here' }).waitFor();
    const number = await orderOnePlainBurger(kiosk);
    expect(number).toMatch(/^T-\d{3}$/);
    const orders = await readKioskStore<StoredOrder>(page, 'orders');
    expect(orders).toEqual([expect.objectContaining({ orderNumber: number, menuVersion: 'test-1', total: 450, status: expect.stringMatching(/^(awaiting_counter_payment|queued)$/) })]);
    // The store cannot hear about it yet: the outbox keeps it until the bus is back.
    const outbox = await readKioskStore<{ subjectId: string; state: string }>(page, 'outbox');
    expect(outbox.filter((row) => row.subjectId === orders[0]!.orderId).map((row) => row.state)).toEqual(['pending']);
  });

  it('starts from the menu in IndexedDB when the host does not answer the page, and takes an order', async () => {
    const { page } = kiosk;
    // Every connection to the kiosk host is cut: getStartup cannot be answered.
    await page.routeWebSocket(/\/kiosk\b/, (socket) => socket.close());
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Order here' }).waitFor({ timeout: 30_000 });
    await page.getByRole('main').getByText('Harness Test Burgers').waitFor();
    const number = await orderOnePlainBurger(kiosk);
    const orders = await readKioskStore<StoredOrder>(page, 'orders');
    expect(orders.find((order) => order.orderNumber === number)).toMatchObject({ menuVersion: 'test-1', total: 450, status: expect.stringMatching(/^(awaiting_counter_payment|queued)$/) });
    expect(new Set(orders.map((order) => order.orderNumber)).size).toBe(orders.length);
  });
});
