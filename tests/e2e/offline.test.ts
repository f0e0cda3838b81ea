// The kiosk starts and takes orders offline from its cache: with the store bus unreachable and
// the menu file gone, the host serves the last good menu it saved; and when the host does not
// answer the page at all, the renderer starts from the menu cached in IndexedDB.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MENU_PATH } from '../../electron/host/config';
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

describe('the menu crosses the link once per version', () => {
  let kiosk: Kiosk;
  beforeAll(async () => {
    kiosk = await startKiosk();
  });
  afterAll(async () => {
    await kiosk?.close();
  });

  it('a reload says which menu it has cached; the host answers with its version alone and the menu comes from IndexedDB', async () => {
    const { page } = kiosk;
    await page.getByRole('heading', { level: 1, name: 'Order here' }).waitFor();
    const { version } = JSON.parse(readFileSync(DEFAULT_MENU_PATH, 'utf8')) as { version: string };
    await expect.poll(() => cachedMenuVersion(page)).toBe(version);

    // Every getStartup request and its answer on the kiosk WebSocket, as the page sent and got them.
    const startups: { input: Record<string, unknown>; output?: Record<string, unknown> }[] = [];
    const requestIds = new Map<number, number>();
    page.on('websocket', (socket) => {
      socket.on('framesent', ({ payload }) => {
        const message = JSON.parse(String(payload)) as { id: number; call: string; input: Record<string, unknown> };
        if (message.call === 'getStartup') requestIds.set(message.id, startups.push({ input: message.input }) - 1);
      });
      socket.on('framereceived', ({ payload }) => {
        const message = JSON.parse(String(payload)) as { id?: number; output?: Record<string, unknown> };
        const index = message.id === undefined ? undefined : requestIds.get(message.id);
        if (index !== undefined) startups[index]!.output = message.output;
      });
    });
    await page.reload();
    await startOrder(page, 'Eat in');
    await page.getByRole('navigation', { name: 'Categories' }).getByRole('button', { name: 'Burgers' }).waitFor();
    expect(startups).toHaveLength(1);
    expect(startups[0]!.input).toEqual({ cachedMenuVersion: version });
    expect(startups[0]!.output).toMatchObject({ menuVersion: version });
    expect(startups[0]!.output).not.toHaveProperty('menu');
    expect(kiosk.pageErrors).toEqual([]);
  });
});
