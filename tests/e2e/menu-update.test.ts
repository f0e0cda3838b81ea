// Menu updates at the kiosk: a corrupt menu is refused with its JSON path in the host's log and
// the last good one keeps serving and pricing; a valid newer menu reaches the screen only after
// the customer who is ordering has finished.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { connect, type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedBroker, type EmbeddedBroker } from '../../electron/host/store-bus/broker';
import { hashPassword } from '../../electron/host/store-bus/credentials';
import { FIXTURE_STORE, startKiosk, type Kiosk } from '../support/kiosk';
import { cachedMenuVersion, menuDirectory, menuVersion, OWN_BROKER_ENV } from './offline-kiosk';
import { addAsIs, openCategory, readKioskStore, startOrder } from './ordering-steps';

describe('menu updates', () => {
  const menus = menuDirectory();
  let kiosk: Kiosk;
  beforeAll(async () => {
    kiosk = await startKiosk({ storeConfigPath: FIXTURE_STORE, menuPath: menus.menuPath, env: OWN_BROKER_ENV });
  });
  afterAll(async () => {
    await kiosk?.close();
    menus.remove();
  });

  const burgerButton = (kiosk: Kiosk) => kiosk.page.getByRole('main').getByRole('button', { name: /^Plain Burger / });

  it('refuses a corrupt menu, keeps pricing with the last good one, and applies a newer one after the customer', async () => {
    const { page } = kiosk;
    await page.getByRole('heading', { level: 1, name: 'Order here' }).waitFor();
    await expect.poll(() => cachedMenuVersion(page)).toBe('test-1');

    await startOrder(page, 'Take away');
    await addAsIs(page, 'Burgers', 'Plain Burger');

    // Corrupt: a negative price. Refused, with the file and the JSON path; test-1 keeps serving.
    menus.write(menuVersion('test-2', (menu) => (menu.items[0]!.price = -5)));
    await expect
      .poll(() => kiosk.host.output(), { timeout: 10_000 })
      .toMatch(/REFUSED a menu from \S+menu\.json; version test-1 keeps serving:(?:\n|\\n)\s*\S+menu\.json: \$\.items\[0\]\.price: /);
    // Not JSON at all: refused with line and column.
    menus.write('{ "schemaVersion": 1,');
    await expect.poll(() => kiosk.host.output(), { timeout: 10_000 }).toMatch(/menu\.json: line 1, column \d+: not valid JSON/);

    // A valid newer menu (the burger now costs €5.20) arrives while the customer is ordering.
    menus.write(menuVersion('test-3', (menu) => (menu.items[0]!.price = 520)));
    await expect.poll(() => cachedMenuVersion(page), { timeout: 10_000 }).toBe('test-3');

    // This customer keeps the menu they started with: another burger still at €4.50.
    await addAsIs(page, 'Burgers', 'Plain Burger');
    await expect.poll(() => page.getByRole('region', { name: 'Your order' }).locator('.order-summary').textContent()).toBe('2 items €9.00');
    await page.getByRole('button', { name: 'Review & pay' }).click();
    await expect(page.getByRole('row', { name: /^Total/ }).textContent()).resolves.toContain('€9.00');
    await page.getByRole('button', { name: 'Pay at the counter' }).click();
    await page.getByRole('heading', { level: 1, name: 'Thank you!' }).waitFor();
    const orders = await readKioskStore<{ menuVersion: string; total: number }>(page, 'orders');
    expect(orders).toEqual([expect.objectContaining({ menuVersion: 'test-1', total: 900 })]);

    // The next customer gets the new menu.
    await page.getByRole('button', { name: 'Done' }).click();
    await page.getByRole('heading', { level: 1, name: 'Order here' }).waitFor();
    await startOrder(page, 'Take away');
    await openCategory(page, 'Burgers');
    await expect.poll(() => burgerButton(kiosk).textContent()).toContain('€5.20');
    expect(kiosk.pageErrors).toEqual([]);
  });
});

describe('menus published on the store bus', () => {
  const menus = menuDirectory();
  const storePath = join(menus.dir, 'store-with-bus.json');
  let broker: EmbeddedBroker;
  let operator: MqttClient;
  let kiosk: Kiosk;
  const topic = 'counterpart/v1/test-store/menu';

  beforeAll(async () => {
    const cost = { N: 1024, r: 8, p: 1 };
    broker = await startEmbeddedBroker({
      tcpPort: 0,
      wsPort: 0,
      users: [
        { username: 'kiosk-1', role: 'kiosk', store: 'test-store', kiosk: 'kiosk-1', passwordHash: await hashPassword('kiosk-secret', cost) },
        { username: 'olaf', role: 'operator', store: 'test-store', passwordHash: await hashPassword('operator-secret', cost) },
      ],
    });
    writeFileSync(
      storePath,
      JSON.stringify({
        ...JSON.parse(readFileSync(FIXTURE_STORE, 'utf8')),
        // The schema's shortest times: a customer who walks away is gone within seconds.
        inactivity: { promptAfterSeconds: 5, resetAfterSeconds: 5 },
        storeBus: { url: broker.tcpUrl, username: 'kiosk-1', password: 'kiosk-secret' },
      }),
    );
    operator = connect(broker.tcpUrl, { username: 'olaf', password: 'operator-secret', clientId: 'olaf/menu-test', protocolVersion: 4 });
    await new Promise<void>((resolve, reject) => {
      operator.once('connect', () => resolve());
      operator.once('error', reject);
    });
    kiosk = await startKiosk({ storeConfigPath: storePath, menuPath: menus.menuPath });
  });
  afterAll(async () => {
    await kiosk?.close();
    operator?.end(true);
    await broker?.close();
    menus.remove();
  });

  /** The operator publishes a menu as the store bus carries it: retained, QoS 1. */
  const publish = (menu: { version: string }) =>
    operator.publishAsync(topic, JSON.stringify({ menuVersion: menu.version, publishedAt: new Date().toISOString(), menu }), { qos: 1, retain: true });

  it('refuses a corrupt published menu with its JSON path and applies a valid one between customers', async () => {
    const { page } = kiosk;
    await page.getByRole('heading', { level: 1, name: 'Order here' }).waitFor();
    await expect.poll(() => kiosk.host.output(), { timeout: 20_000 }).toMatch(/store bus: connected/);

    await publish(menuVersion('bus-2', (menu) => (menu.items[0]!.calories = -1)));
    await expect
      .poll(() => kiosk.host.output(), { timeout: 10_000 })
      .toMatch(/REFUSED a menu from store bus counterpart\/v1\/test-store\/menu; version test-1 keeps serving:(?:\n|\\n)\s*store bus counterpart\/v1\/test-store\/menu: \$\.items\[0\]\.calories: /);

    await startOrder(page, 'Eat in');
    await publish(menuVersion('bus-3', (menu) => (menu.items[0]!.price = 610)));
    await expect.poll(() => cachedMenuVersion(page), { timeout: 10_000 }).toBe('bus-3');
    await openCategory(page, 'Burgers');
    await expect.poll(() => page.getByRole('main').getByRole('button', { name: /^Plain Burger / }).textContent()).toContain('€4.50');

    // The customer walks away: the session resets after the store's (shortest) inactivity times,
    // and the next customer sees the operator's new price.
    await page.getByRole('heading', { level: 1, name: 'Order here' }).waitFor({ timeout: 30_000 });
    await startOrder(page, 'Eat in');
    await openCategory(page, 'Burgers');
    await expect.poll(() => page.getByRole('main').getByRole('button', { name: /^Plain Burger / }).textContent()).toContain('€6.10');
  });
});
