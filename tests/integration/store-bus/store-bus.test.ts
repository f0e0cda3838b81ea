// The store bus against real brokers: the embedded aedes broker and Mosquitto
// (password_file + acl_file). The kiosk side is the real StoreLink; staff,
// operator and POS are plain MQTT clients with their own credentials.
import type { MqttClient } from 'mqtt';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  handoffPublishPlan,
  orderStatusPublishPlan,
  storeTopics,
  type HandoffMessage,
  type OrderStatusMessage,
} from '../../../common/store-bus/messages';
import { startEmbeddedBroker } from '../../../electron/host/store-bus/broker';
import { startStoreBus } from '../../../electron/host/store-bus/index';
import { connectStoreLink } from '../../../electron/host/store-bus/store-link';
import { StoreLinkOfflineError, type StoreLink } from '../../../electron/host/store-bus/types';
import {
  OTHER_STORE,
  STORE,
  collect,
  connectAs,
  cuttableLine,
  endClient,
  handoff,
  hashedUsers,
  order,
  publish,
  startMosquitto,
  subscribe,
  user,
  type CuttableLine,
} from './support';

interface RunningBroker {
  url: string;
  port: number;
  stop(): Promise<void>;
}

const brokers: { name: string; start(): Promise<RunningBroker> }[] = [
  {
    name: 'embedded aedes',
    async start() {
      const broker = await startEmbeddedBroker({ users: await hashedUsers(), tcpPort: 0, wsPort: 0 });
      return { url: broker.tcpUrl, port: broker.tcpPort, stop: () => broker.close() };
    },
  },
  { name: 'Mosquitto', start: () => startMosquitto() },
];

const topics = storeTopics(STORE);
const status = { devices: { printer: 'ok', terminal: 'ok' }, menuVersion: '2026-11-01' } as const;

describe.each(brokers)('store bus on $name', ({ name, start }) => {
  let broker: RunningBroker;
  let line: CuttableLine;
  const clients: MqttClient[] = [];
  const links: StoreLink[] = [];

  const linkFor = async (kiosk: 'A' | 'B', url = line.url): Promise<StoreLink> => {
    const link = await connectStoreLink({ url, username: user(`kiosk-${kiosk}`).username, password: user(`kiosk-${kiosk}`).password, store: STORE, kioskId: kiosk, reconnectPeriodMs: 100, ackTimeoutMs: 5000 });
    links.push(link);
    return link;
  };
  const as = async (name: string | null): Promise<MqttClient> => {
    const client = await connectAs(broker.url, name);
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    broker = await start();
    line = await cuttableLine(broker.port);
  });
  afterEach(async () => {
    line.setDown(false);
    await Promise.all(links.splice(0).map((link) => link.close()));
    await Promise.all(clients.splice(0).map((client) => endClient(client)));
  });
  afterAll(async () => {
    await line?.close();
    await broker?.stop();
  });

  it('delivers an order with QoS 1: publishOrder resolves on PUBACK and staff receive the same document', async () => {
    const staff = await as('anna');
    const inbox = collect(staff);
    expect(await subscribe(staff, topics.orderFilter)).toEqual([1]);
    const kiosk = await linkFor('A');
    const placed = order({ status: 'queued' });

    await kiosk.publishOrder(placed);

    const received = await inbox.next((m) => m.topic === topics.order('A', placed.orderId));
    expect(JSON.parse(received.text)).toEqual(placed);
  });

  it('keeps a counter order retained until staff mark it paid; the kiosk hears that it was paid', async () => {
    const kiosk = await linkFor('A');
    const updates: OrderStatusMessage[] = [];
    kiosk.onOrderUpdate((update) => updates.push(update));
    const counterOrder = order({ paymentMethod: 'counter', status: 'awaiting_counter_payment', orderNumber: 'A-043' });
    await kiosk.publishOrder(counterOrder);

    // A console that signs in after the order was placed still lists it.
    const staff = await as('anna');
    const inbox = collect(staff);
    await subscribe(staff, topics.counterFilter);
    const waiting = await inbox.next((m) => m.topic === topics.counter('A', counterOrder.orderId));
    expect(waiting.retain).toBe(true);
    expect(JSON.parse(waiting.text)).toMatchObject({ orderId: counterOrder.orderId, orderNumber: 'A-043' });

    const paid: OrderStatusMessage = { orderId: counterOrder.orderId, kioskId: 'A', orderNumber: 'A-043', status: 'paid', by: { role: 'staff', name: 'anna' }, at: new Date().toISOString() };
    for (const step of orderStatusPublishPlan(STORE, paid)) await publish(staff, step.topic, step.payload, step.retain);
    await expect.poll(() => updates).toEqual([paid]);

    // Cleared: a later console sees the next waiting order but not the paid one.
    const later = await as('anna');
    const laterInbox = collect(later);
    await subscribe(later, topics.counterFilter);
    const next = order({ paymentMethod: 'counter', status: 'awaiting_counter_payment', orderNumber: 'A-044' });
    await kiosk.publishOrder(next);
    await laterInbox.next((m) => m.topic === topics.counter('A', next.orderId));
    expect(laterInbox.messages.filter((m) => m.topic === topics.counter('A', counterOrder.orderId) && m.text !== '')).toEqual([]);
  });

  it('keeps the kiosk status retained; a cut connection shows offline (last will), then online again after reconnecting', async () => {
    const kiosk = await linkFor('B');
    const connection: boolean[] = [];
    kiosk.onConnectionChange((online) => connection.push(online));
    await kiosk.setStatus({ ...status, devices: { printer: 'paper_low', terminal: 'ok' } });

    const staff = await as('anna');
    const inbox = collect(staff);
    await subscribe(staff, topics.kioskStatusFilter);
    const retained = await inbox.next((m) => m.topic === topics.kioskStatus('B'));
    expect(retained.retain).toBe(true);
    expect(JSON.parse(retained.text)).toMatchObject({ state: 'online', kioskId: 'B', devices: { printer: 'paper_low' } });

    const seen = inbox.messages.length;
    line.cut();
    const will = await inbox.next((m) => inbox.messages.indexOf(m) >= seen && m.text.includes('"offline"'));
    expect(JSON.parse(will.text)).toMatchObject({ state: 'offline', kioskId: 'B', cause: 'connection_lost' });

    const back = await inbox.next((m) => inbox.messages.indexOf(m) > inbox.messages.indexOf(will) && m.text.includes('"online"'));
    expect(JSON.parse(back.text)).toMatchObject({ state: 'online', devices: { printer: 'paper_low' } });
    await expect.poll(() => connection).toEqual([false, true]);
  });

  it('refuses an order while the broker is unreachable and delivers it after reconnecting', async () => {
    const staff = await as('anna');
    const inbox = collect(staff);
    await subscribe(staff, topics.orderFilter);
    const kiosk = await linkFor('A');
    const reconnected = new Promise<void>((resolve) => kiosk.onConnectionChange((online) => online && resolve()));
    const offline = new Promise<void>((resolve) => kiosk.onConnectionChange((online) => !online && resolve()));

    line.setDown(true);
    await offline;
    const placed = order({ status: 'queued' });
    await expect(kiosk.publishOrder(placed)).rejects.toBeInstanceOf(StoreLinkOfflineError);

    line.setDown(false);
    await reconnected;
    await kiosk.publishOrder(placed);
    const received = await inbox.next((m) => m.topic === topics.order('A', placed.orderId));
    expect(JSON.parse(received.text).orderId).toBe(placed.orderId);
  });

  it('starts a kiosk while an external broker is unreachable and connects when it appears', async () => {
    line.setDown(true);
    const logged: string[] = [];
    const bus = await startStoreBus({
      store: STORE,
      kioskId: 'A',
      brokerUrl: line.url,
      credentials: { username: 'kiosk-A', password: user('kiosk-A').password },
      initialStatus: status,
      log: (text) => logged.push(text),
    });
    links.push(bus.link);
    expect(bus.link.online).toBe(false);
    await expect(bus.link.publishOrder(order())).rejects.toBeInstanceOf(StoreLinkOfflineError);

    const staff = await as('anna');
    const inbox = collect(staff);
    await subscribe(staff, topics.kioskStatusFilter);
    line.setDown(false);
    await expect.poll(() => bus.link.online, { timeout: 10_000 }).toBe(true);
    await inbox.next((m) => m.topic === topics.kioskStatus('A') && m.text.includes('"online"'));
    await bus.link.publishOrder(order());
    expect(logged.some((text) => text.includes('connected to'))).toBe(true);
  });

  it('refuses to connect with a wrong password, saying so', async () => {
    await expect(connectStoreLink({ url: broker.url, username: 'kiosk-A', password: 'wrong', store: STORE, kioskId: 'A' })).rejects.toThrow(/refused kiosk-A.*(Bad username or password|Not authorized)/);
  });

  it('carries a help request: open (retained, with the cart) → acknowledged by staff → resolved and cleared', async () => {
    const kiosk = await linkFor('A');
    const updates: HandoffMessage[] = [];
    kiosk.onHandoffUpdate((update) => updates.push(update));
    const request = handoff();
    await kiosk.publishHandoff(request);

    const staff = await as('anna');
    const inbox = collect(staff);
    await subscribe(staff, topics.handoffFilter());
    const shown = await inbox.next((m) => m.topic === topics.handoff('A', request.handoffId));
    expect(shown.retain).toBe(true);
    expect(JSON.parse(shown.text)).toMatchObject({ state: 'open', reason: 'allergy_question', screen: 'cart', cart: { total: 1970 } });

    const acknowledged: HandoffMessage = { ...request, state: 'acknowledged', acknowledgedBy: { role: 'staff', name: 'anna' }, acknowledgedAt: new Date().toISOString() };
    for (const step of handoffPublishPlan(acknowledged)) await publish(staff, step.topic, step.payload, step.retain);
    await expect.poll(() => updates.map((u) => u.state)).toContain('acknowledged');
    expect(updates.find((u) => u.state === 'acknowledged')).toMatchObject({ acknowledgedBy: { name: 'anna' } });

    const resolved: HandoffMessage = { ...acknowledged, state: 'resolved', resolvedBy: { role: 'staff', name: 'anna' }, resolvedAt: new Date().toISOString(), outcome: 'helped' };
    for (const step of handoffPublishPlan(resolved)) await publish(staff, step.topic, step.payload, step.retain);
    await expect.poll(() => updates.map((u) => u.state)).toContain('resolved');

    const later = await as('anna');
    const laterInbox = collect(later);
    await subscribe(later, topics.handoffFilter());
    const another = handoff({ reason: 'payment_problem' });
    await kiosk.publishHandoff(another);
    await laterInbox.next((m) => m.topic === topics.handoff('A', another.handoffId));
    expect(laterInbox.messages.filter((m) => m.topic === topics.handoff('A', request.handoffId))).toEqual([]);
    await kiosk.publishHandoff({ ...another, state: 'resolved', resolvedBy: { role: 'kiosk', name: 'kiosk-A' }, resolvedAt: new Date().toISOString(), outcome: 'cancelled_by_customer' });
  });

  describe('access control', () => {
    it('refuses anonymous connections and wrong passwords', async () => {
      await expect(connectAs(broker.url, null)).rejects.toThrow(/Not authorized|Bad username or password/i);
      await expect(connectAs(broker.url, 'anna', { password: 'wrong' })).rejects.toThrow(/Not authorized|Bad username or password/i);
    });

    /** Publishes as `name` something the ACL must refuse, then a marker the operator may publish; the watcher must see only the marker. */
    const expectRefused = async (name: string, topic: string, payload: string, retain: boolean): Promise<void> => {
      const watcher = await as('anna');
      const inbox = collect(watcher);
      await subscribe(watcher, [topic, topics.availability]);
      const offender = await as(name);
      // aedes disconnects the offender; Mosquitto acknowledges (MQTT 3.1.1) and drops the message.
      await Promise.race([publish(offender, topic, payload, retain).catch(() => undefined), new Promise<void>((resolve) => offender.once('close', () => resolve()))]);
      const operator = await as('olaf');
      const marker = JSON.stringify({ soldOut: [`marker-${Math.random()}`], by: { role: 'operator', name: 'olaf' }, at: new Date().toISOString() });
      await publish(operator, topics.availability, marker, false);
      await inbox.next((m) => m.text === marker);
      expect(inbox.messages.filter((m) => m.topic === topic && m.text === payload)).toEqual([]);
    };
    const menuPayload = JSON.stringify({ menuVersion: 'evil', publishedAt: new Date().toISOString(), menu: { items: [] } });

    it('a kiosk cannot publish a menu', () => expectRefused('kiosk-A', topics.menu, menuPayload, true));

    it('staff cannot publish a menu', () => expectRefused('anna', topics.menu, menuPayload, true));

    it('a kiosk cannot speak for another kiosk', () =>
      expectRefused('kiosk-A', topics.kioskStatus('B'), JSON.stringify({ state: 'online', kioskId: 'B', devices: { printer: 'ok', terminal: 'ok' }, menuVersion: 'x', at: new Date().toISOString() }), true));

    it('the operator can publish a menu', async () => {
      const staff = await as('anna');
      const inbox = collect(staff);
      await subscribe(staff, topics.menu);
      await publish(await as('olaf'), topics.menu, menuPayload, true);
      expect((await inbox.next((m) => m.topic === topics.menu)).text).toBe(menuPayload);
      await publish(await as('olaf'), topics.menu, '', true);
    });

    it('a kiosk cannot read another store or another kiosk', async () => {
      const kiosk = await as('kiosk-A');
      const inbox = collect(kiosk);
      const granted = await subscribe(kiosk, [storeTopics(OTHER_STORE).all, topics.handoffFilter('B'), topics.availability]);
      expect(granted[2]).toBe(1);
      if (name === 'embedded aedes') expect(granted.slice(0, 2)).toEqual([128, 128]); // Mosquitto grants and then filters on delivery
      const other = await as('kiosk-H');
      const foreign = JSON.stringify({ state: 'online', kioskId: 'H', devices: { printer: 'ok', terminal: 'ok' }, menuVersion: 'x', at: new Date().toISOString() });
      await publish(other, storeTopics(OTHER_STORE).kioskStatus('H'), foreign, false);
      const kioskB = await as('kiosk-B');
      const secretHandoff = handoff({ kioskId: 'B' });
      await publish(kioskB, topics.handoff('B', secretHandoff.handoffId), JSON.stringify(secretHandoff), false);
      const marker = JSON.stringify({ soldOut: ['marker'], by: { role: 'operator', name: 'olaf' }, at: new Date().toISOString() });
      await publish(await as('olaf'), topics.availability, marker, false);
      await inbox.next((m) => m.text === marker);
      expect(inbox.messages.map((m) => m.topic)).toEqual([topics.availability]);
    });
  });
});
