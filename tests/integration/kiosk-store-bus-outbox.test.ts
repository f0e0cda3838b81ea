// The renderer's outbox (Dexie on fake-indexeddb) delivering in batches through the kiosk host's
// deliverOutboxMessages to a real broker: Mosquitto, and the embedded broker (aedes) the kiosk
// runs by default, reached by URL through a relay that can fail a batch at an exact packet.
// Each order takes effect at the store exactly once, after the consumer's de-duplication on the
// order document (order id + state), whatever happens halfway through a batch.
import 'fake-indexeddb/auto';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, type MqttClient } from 'mqtt';
import { afterEach, describe, expect, it } from 'vitest';
import { storeTopics } from '../../common/store-bus/messages';
import { createKioskHost, type KioskHost } from '../../electron/host/kiosk-host';
import { startEmbeddedBroker } from '../../electron/host/store-bus/broker';
import { hashPassword } from '../../electron/host/store-bus/credentials';
import { openKioskData, startOutboxSync, StoreLinkUnavailableError, type KioskData, type NewOrder, type OutboxSync, type StoreLinkPort } from '../../renderer/data';
import { FIXTURE_MENU, FIXTURE_STORE } from '../support/kiosk';
import { outboxCount } from '../support/outbox-count';
import { outboxRelay, type OutboxRelay } from './outbox-relay';
import { endClient, startMosquitto, type Mosquitto } from './store-bus/support';

const STORE_ID = 'test-store';
const KIOSK_ID = 'kiosk-1';
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

/** A store consumer (POS, kitchen) with a persistent session: counts what it receives per order document. */
interface StoreConsumer {
  client: MqttClient;
  /** orderId → messages received (duplicates included). */
  received: Map<string, number>;
  /**
   * orderId → messages forwarded as they were published (retain flag clear). A retained copy is
   * the broker replaying its last value to a new subscription, not another send by the kiosk.
   */
  live: Map<string, number>;
  /** orderId#status → messages received: the consumer de-duplicates on this. */
  documents: Map<string, number>;
}

async function storeConsumer(url: string, clientId: string, into?: StoreConsumer): Promise<StoreConsumer> {
  const consumer = into ?? { client: undefined as unknown as MqttClient, received: new Map<string, number>(), live: new Map<string, number>(), documents: new Map<string, number>() };
  const client = connect(url, { username: 'sam', password: '4711', clientId, clean: false, protocolVersion: 4, reconnectPeriod: 200 });
  cleanups.push(() => endClient(client));
  client.on('message', (topic, payload, packet) => {
    if (payload.length === 0 || !/\/order\/[^/]+\/[^/]+$/.test(topic)) return;
    const { orderId, status } = JSON.parse(payload.toString()) as { orderId: string; status: string };
    consumer.received.set(orderId, (consumer.received.get(orderId) ?? 0) + 1);
    if (!packet.retain) consumer.live.set(orderId, (consumer.live.get(orderId) ?? 0) + 1);
    consumer.documents.set(`${orderId}#${status}`, (consumer.documents.get(`${orderId}#${status}`) ?? 0) + 1);
  });
  await new Promise<void>((resolve, reject) => {
    client.once('connect', () => resolve());
    client.once('error', reject);
  });
  await new Promise<void>((resolve, reject) => client.subscribe(topics.orderFilter, { qos: 1 }, (error) => (error ? reject(error) : resolve())));
  consumer.client = client;
  return consumer;
}

/** The same mapping as the renderer (renderer/services/store-bus-link.ts): "unavailable" backs off, anything else refuses the batch. */
const hostLink = (host: KioskHost): StoreLinkPort => ({
  async deliver(messages) {
    const result = await host.dispatch('deliverOutboxMessages', { messages });
    if (result.ok) return (result.output as { results: Awaited<ReturnType<StoreLinkPort['deliver']>> }).results;
    if (result.error.code === 'unavailable') throw new StoreLinkUnavailableError(result.error.message);
    throw new Error(result.error.message);
  },
});

/** A kiosk host whose store config names `url` as its store bus; resolves once its link is online. */
async function hostOn(url: string): Promise<{ host: KioskHost; online: boolean[]; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'counterpart-outbox-bus-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const storePath = join(dir, 'store.json');
  writeFileSync(storePath, JSON.stringify({ ...JSON.parse(readFileSync(FIXTURE_STORE, 'utf8')), storeBus: { url, username: 'kiosk-1', password: 'kiosk-1-secret' } }));
  const host = createKioskHost({ storeConfigPath: storePath, menuPath: FIXTURE_MENU, dataDir: join(dir, 'host') });
  cleanups.push(() => host.close());
  const online: boolean[] = [];
  host.onEvent((event) => event.type === 'storeBus.connection' && online.push(event.online));
  await expect.poll(() => online.at(-1), { timeout: 15_000 }).toBe(true);
  return { host, online, dir };
}

const openData = () => openKioskData({ kioskId: KIOSK_ID, orderPrefix: 'T', databaseName: `counterpart-outbox-bus-${randomUUID()}`, log: () => undefined });

function startSync(data: KioskData, link: StoreLinkPort, host: KioskHost): OutboxSync {
  const sync = startOutboxSync({ data, link, backoff: { baseMs: 100, maxMs: 2_000 }, log: () => undefined });
  cleanups.push(() => sync.stop());
  host.onEvent((event) => event.type === 'storeBus.connection' && event.online && sync.kick());
  return sync;
}

/** `count` counter orders queued for the store (one document each: status "queued"). */
async function queueOrders(data: KioskData, count: number): Promise<string[]> {
  const orderIds: string[] = [];
  for (let index = 0; index < count; index++) {
    const order = await data.placeOrder(newOrder(), 'counter');
    await data.transitionOrder(order.orderId, 'queued');
    orderIds.push(order.orderId);
  }
  return orderIds;
}

/** Every order delivered on the kiosk, none pending or dead, and each document took effect once at the store. */
async function expectExactlyOnce(data: KioskData, consumer: StoreConsumer, orderIds: string[]): Promise<void> {
  await expect.poll(async () => data.db.orders.where('status').equals('delivered').count(), { timeout: 60_000, interval: 100 }).toBe(orderIds.length);
  await expect.poll(() => orderIds.filter((orderId) => consumer.documents.has(`${orderId}#queued`)).length, { timeout: 30_000 }).toBe(orderIds.length);
  expect((await outboxCount(data.db, 'pending')) + (await outboxCount(data.db, 'dead'))).toBe(0);
  // After de-duplication on the document, one effect per order: nothing lost, nothing applied twice.
  const effects = new Set([...consumer.documents.keys()].filter((key) => key.endsWith('#queued')));
  expect(orderIds.filter((orderId) => !effects.has(`${orderId}#queued`))).toEqual([]);
  expect(effects.size).toBe(orderIds.length);
}

interface Broker {
  url: string;
  port: number;
  stop(): Promise<void>;
}

const brokers: { name: string; start: () => Promise<Broker> }[] = [
  {
    name: 'the embedded broker (aedes)',
    async start() {
      const cost = { N: 1024, r: 8, p: 1 };
      const hashed = await Promise.all(users.map(async ({ password, ...rest }) => ({ ...rest, passwordHash: await hashPassword(password, cost) })));
      const broker = await startEmbeddedBroker({ users: hashed, tcpPort: 0, wsPort: 0 });
      return { url: broker.tcpUrl, port: broker.tcpPort, stop: () => broker.close() };
    },
  },
  { name: 'Mosquitto', start: (): Promise<Mosquitto> => startMosquitto(users) },
];

const BATCH_ORDERS = 30;

describe.each(brokers)('outbox batches through the kiosk host and $name', ({ start }) => {
  /** The broker, a relay in front of it for the kiosk's link, a kiosk host, a store consumer and the kiosk's outbox. */
  async function setup() {
    const broker = await start();
    cleanups.push(() => broker.stop());
    const relay: OutboxRelay = await outboxRelay(broker.port);
    cleanups.push(() => relay.close());
    const { host } = await hostOn(relay.url);
    const consumer = await storeConsumer(broker.url, `sam/outbox-${randomUUID().slice(0, 8)}`);
    const data = await openData();
    cleanups.push(() => data.close());
    return { relay, host, consumer, data };
  }

  it('a connection dropped mid-batch: nothing lost, nothing applied twice', async () => {
    const { relay, host, consumer, data } = await setup();
    const orderIds = await queueOrders(data, BATCH_ORDERS);
    relay.cutAtOrderPublish(11);
    startSync(data, hostLink(host), host);
    await expectExactlyOnce(data, consumer, orderIds);
    expect(relay.cuts()).toBe(1);
  });

  it('a PUBACK lost for one message of a batch: that message goes again, and takes effect once', async () => {
    const { relay, host, consumer, data } = await setup();
    const orderIds = await queueOrders(data, BATCH_ORDERS);
    relay.dropPubackOfOrderPublish(16);
    startSync(data, hostLink(host), host);
    await expectExactlyOnce(data, consumer, orderIds);
    expect(relay.pubacksDropped()).toBe(1);
    // The broker had it the first time: the consumer received it twice and applied it once.
    const lost = orderIds[15]!;
    await expect.poll(() => consumer.received.get(lost)).toBe(2);
    expect(orderIds.filter((orderId) => orderId !== lost && consumer.received.get(orderId) !== 1)).toEqual([]);
  }, 60_000);

  it('a crash between publish and commit: the batch goes again after the restart, and takes effect once', async () => {
    const { host, consumer, data } = await setup();
    const orderIds = await queueOrders(data, BATCH_ORDERS);
    const databaseName = data.db.name;
    let crashed = false;
    const link = hostLink(host);
    const crashing = startSync(
      data,
      {
        async deliver(messages) {
          const outcomes = await link.deliver(messages);
          // The broker acknowledged the batch; the kiosk dies before the commit that records it.
          data.close();
          crashed = true;
          return outcomes;
        },
      },
      host,
    );
    await expect.poll(() => crashed).toBe(true);
    await crashing.stop();
    await expect.poll(() => orderIds.filter((orderId) => consumer.received.has(orderId)).length).toBe(BATCH_ORDERS);

    const restarted = await openKioskData({ kioskId: KIOSK_ID, orderPrefix: 'T', databaseName, log: () => undefined });
    cleanups.push(() => restarted.close());
    expect(await outboxCount(restarted.db, 'pending')).toBe(BATCH_ORDERS);
    startSync(restarted, link, host);
    await expectExactlyOnce(restarted, consumer, orderIds);
    await expect.poll(() => orderIds.filter((orderId) => consumer.received.get(orderId) === 2).length).toBe(BATCH_ORDERS);
  });
});

describe('outbox delivery through the kiosk host and Mosquitto', () => {
  const ORDERS = 500;
  it(`takes ${ORDERS} orders while the broker is down and delivers each exactly once after it is back`, async () => {
    let mosquitto: Mosquitto | undefined = await startMosquitto(users);
    cleanups.push(() => mosquitto?.stop());
    const port = mosquitto.port;
    const { host, online } = await hostOn(mosquitto.url);
    const subscriberId = `sam/outbox-${randomUUID().slice(0, 8)}`;
    const consumer = await storeConsumer(mosquitto.url, subscriberId);

    const data = await openData();
    cleanups.push(() => data.close());
    startSync(data, hostLink(host), host);

    await mosquitto.stop();
    mosquitto = undefined;
    await expect.poll(() => online.at(-1)).toBe(false);
    // The consumer goes too, before the broker comes back. Left reconnecting, it could take some of
    // the kiosk's orders and be dropped before acknowledging them; its successor (same session) would
    // then get them again from the broker, which is the broker's redelivery, not the kiosk's.
    await endClient(consumer.client);

    const placed: string[] = [];
    for (let index = 0; index < ORDERS; index++) placed.push((await data.placeOrder(newOrder(), 'counter')).orderId);
    expect(await outboxCount(data.db, 'pending')).toBe(ORDERS);

    mosquitto = await startMosquitto(users, port);
    // The new subscription also replays the retained orders: an order can reach this consumer
    // twice, once as sent and once retained. Only a second copy as sent would be the kiosk sending
    // it again.
    await storeConsumer(mosquitto.url, subscriberId, consumer);
    await expect.poll(() => online.at(-1), { timeout: 20_000 }).toBe(true);
    // A delivered message leaves the outbox.
    await expect.poll(async () => data.db.outbox.count(), { timeout: 120_000, interval: 250 }).toBe(0);
    await expect.poll(() => placed.filter((orderId) => consumer.received.has(orderId)).length, { timeout: 30_000 }).toBe(ORDERS);

    // A last message through the same subscription: any duplicate would have arrived before it.
    const marker = randomUUID();
    const at = new Date().toISOString();
    await host.dispatch('deliverOutboxMessages', {
      messages: [{ kind: 'order', messageId: `order:${marker}:1`, orderId: marker, revision: 1, order: { ...newOrder(), orderId: marker, orderNumber: 'T-999', paymentMethod: 'counter', status: 'awaiting_counter_payment', placedAt: at, updatedAt: at } }],
    });
    await expect.poll(() => consumer.received.has(marker)).toBe(true);
    expect(placed.filter((orderId) => (consumer.live.get(orderId) ?? 0) > 1)).toEqual([]);
    expect(consumer.client.connected).toBe(true);
  });
});
