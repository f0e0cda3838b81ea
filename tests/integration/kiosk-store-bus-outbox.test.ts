// Issue 4 over the real transport: the renderer's outbox (Dexie on fake-indexeddb)
// delivers through the kiosk host's deliverOutboxMessage to Mosquitto. 500 orders
// taken while the broker is down wait in the outbox; after Mosquitto is back on the
// same port, a store subscriber receives every order exactly once, and every outbox
// row is delivered.
import 'fake-indexeddb/auto';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, type MqttClient } from 'mqtt';
import { afterEach, describe, expect, it } from 'vitest';
import { storeTopics } from '../../common/store-bus/messages';
import { createKioskHost } from '../../electron/host/kiosk-host';
import { openKioskData, startOutboxSync, StoreLinkUnavailableError, type NewOrder } from '../../renderer/data';
import { FIXTURE_MENU, FIXTURE_STORE } from '../support/kiosk';
import { endClient, startMosquitto, type Mosquitto } from './store-bus/support';

const STORE_ID = 'test-store';
const KIOSK_ID = 'kiosk-1';
const ORDERS = 500;
const topics = storeTopics(STORE_ID);
const users = [
  { username: 'kiosk-1', password: 'kiosk-1-secret', role: 'kiosk' as const, store: STORE_ID, kiosk: KIOSK_ID },
  { username: 'sam', password: '4711', role: 'staff' as const, store: STORE_ID },
  { username: 'olaf', password: 'operator-secret', role: 'operator' as const, store: STORE_ID },
];

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const newOrder = (): NewOrder => ({
  orderId: randomUUID(),
  storeId: STORE_ID,
  kioskId: KIOSK_ID,
  menuVersion: 'test-1',
  locale: 'en',
  serviceMode: 'eat_in',
  currency: 'EUR',
  lines: [{ lineId: 'l1', selection: { kind: 'item', itemId: 'plain-burger', quantity: 1, removedIngredientIds: [], options: {} }, title: 'Plain Burger', details: [], unitPrice: 450, total: 450, calories: 520 }],
  taxes: [{ rateId: 'reduced', label: 'VAT 7 %', basisPoints: 700, gross: 450, net: 421, tax: 29 }],
  total: 450,
});

/** A store subscriber (POS, kitchen) with a persistent session; counts each order id it receives. */
async function storeSubscriber(url: string, clientId: string, seen: Map<string, number>): Promise<MqttClient> {
  const client = connect(url, { username: 'sam', password: '4711', clientId, clean: false, protocolVersion: 4, reconnectPeriod: 200 });
  cleanups.push(() => endClient(client));
  client.on('message', (topic, payload) => {
    if (payload.length === 0 || !/\/order\/[^/]+\/[^/]+$/.test(topic)) return;
    const { orderId } = JSON.parse(payload.toString()) as { orderId: string };
    seen.set(orderId, (seen.get(orderId) ?? 0) + 1);
  });
  await new Promise<void>((resolve, reject) => {
    client.once('connect', () => resolve());
    client.once('error', reject);
  });
  await new Promise<void>((resolve, reject) => client.subscribe(topics.orderFilter, { qos: 1 }, (error) => (error ? reject(error) : resolve())));
  return client;
}

describe('outbox delivery through the kiosk host and Mosquitto', () => {
  it(`takes ${ORDERS} orders while the broker is down and delivers each exactly once after it is back`, async () => {
    let mosquitto: Mosquitto | undefined = await startMosquitto(users);
    cleanups.push(() => mosquitto?.stop());
    const port = mosquitto.port;
    const dir = mkdtempSync(join(tmpdir(), 'counterpart-outbox-bus-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const storePath = join(dir, 'store.json');
    writeFileSync(storePath, JSON.stringify({ ...JSON.parse(readFileSync(FIXTURE_STORE, 'utf8')), storeBus: { url: mosquitto.url, username: 'kiosk-1', password: 'kiosk-1-secret' } }));
    const host = createKioskHost({ storeConfigPath: storePath, menuPath: FIXTURE_MENU, dataDir: join(dir, 'host') });
    cleanups.push(() => host.close());
    const online: boolean[] = [];
    host.onEvent((event) => event.type === 'storeBus.connection' && online.push(event.online));
    await expect.poll(() => online.at(-1), { timeout: 15_000 }).toBe(true);

    const seen = new Map<string, number>();
    const subscriberId = `sam/outbox-${randomUUID().slice(0, 8)}`;
    let subscriber = await storeSubscriber(mosquitto.url, subscriberId, seen);

    const data = await openKioskData({ kioskId: KIOSK_ID, orderPrefix: 'T', databaseName: `counterpart-outbox-bus-${randomUUID()}` });
    // The same mapping as the renderer (renderer/services/store-bus-link.ts): "unavailable" backs off, anything else is a refusal.
    const sync = startOutboxSync({
      data,
      link: {
        async deliver(message) {
          const result = await host.dispatch('deliverOutboxMessage', message);
          if (result.ok) return;
          if (result.error.code === 'unavailable') throw new StoreLinkUnavailableError(result.error.message);
          throw new Error(result.error.message);
        },
      },
      backoff: { baseMs: 100, maxMs: 2_000 },
      log: () => undefined,
    });
    cleanups.push(() => sync.stop());
    host.onEvent((event) => event.type === 'storeBus.connection' && event.online && sync.kick());

    await mosquitto.stop();
    mosquitto = undefined;
    await expect.poll(() => online.at(-1)).toBe(false);

    const placed: string[] = [];
    for (let index = 0; index < ORDERS; index++) placed.push((await data.placeOrder(newOrder(), 'counter')).orderId);
    expect((await data.db.outbox.where('state').equals('delivered').count())).toBe(0);

    mosquitto = await startMosquitto(users, port);
    await endClient(subscriber);
    subscriber = await storeSubscriber(mosquitto.url, subscriberId, seen);
    await expect.poll(() => online.at(-1), { timeout: 20_000 }).toBe(true);
    await expect.poll(async () => data.db.outbox.where('state').equals('delivered').count(), { timeout: 120_000, interval: 250 }).toBe(ORDERS);
    await expect.poll(() => placed.filter((orderId) => seen.has(orderId)).length, { timeout: 30_000 }).toBe(ORDERS);

    // A last message through the same subscription: any duplicate would have arrived before it.
    const marker = randomUUID();
    await host.dispatch('deliverOutboxMessage', { kind: 'order', messageId: `order:${marker}:1`, orderId: marker, revision: 1, order: { ...newOrder(), orderId: marker, orderNumber: 'T-999', paymentMethod: 'counter', status: 'awaiting_counter_payment', placedAt: new Date().toISOString(), updatedAt: new Date().toISOString() } });
    await expect.poll(() => seen.has(marker)).toBe(true);
    expect(placed.filter((orderId) => seen.get(orderId) !== 1)).toEqual([]);
    expect(subscriber.connected).toBe(true);
  });
});
