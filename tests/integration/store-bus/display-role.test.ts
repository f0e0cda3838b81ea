// The order status display's store bus user on the real embedded broker: it reads a kiosk's
// retained orders and their status changes, is refused everything else (SUBACK 0x80), and
// anything it publishes closes its connection and is not delivered.
import { connect, type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orderPublishPlan, orderStatusPublishPlan, storeTopics } from '../../../common/store-bus/messages';
import { startEmbeddedBroker, type EmbeddedBroker } from '../../../electron/host/store-bus/broker';
import { hashPassword, type StoreBusUser } from '../../../electron/host/store-bus/credentials';
import { collect, endClient, order, publish, STORE, subscribe } from './support';

const COST = { N: 1024, r: 8, p: 1 };
const topics = storeTopics(STORE);

describe('the display role on the embedded broker', () => {
  let broker: EmbeddedBroker;
  const clients: MqttClient[] = [];
  const signIn = (username: string, password: string): Promise<MqttClient> =>
    new Promise((resolve, reject) => {
      const client = connect(broker.tcpUrl, { username, password, clientId: `${username}/test`, protocolVersion: 4, reconnectPeriod: 0, connectTimeout: 5000 });
      clients.push(client);
      client.once('connect', () => resolve(client));
      client.once('error', reject);
    });

  beforeAll(async () => {
    const users: StoreBusUser[] = [
      { username: 'screen', role: 'display', store: STORE, passwordHash: await hashPassword('screen-secret', COST) },
      { username: 'kiosk-A', role: 'kiosk', store: STORE, kiosk: 'A', passwordHash: await hashPassword('kiosk-secret', COST) },
      { username: 'anna', role: 'staff', store: STORE, passwordHash: await hashPassword('4711', COST) },
    ];
    broker = await startEmbeddedBroker({ users, tcpPort: 0, wsPort: 0 });
  });
  afterAll(async () => {
    await Promise.all(clients.map((client) => endClient(client).catch(() => undefined)));
    await broker?.close();
  });

  it('reads retained orders and their status, and nothing else', async () => {
    const kiosk = await signIn('kiosk-A', 'kiosk-secret');
    const staff = await signIn('anna', '4711');
    const paid = order({ paymentMethod: 'card', status: 'queued', orderNumber: 'A-007' });
    for (const step of orderPublishPlan(paid)) await publish(kiosk, step.topic, step.payload, step.retain);
    for (const step of orderStatusPublishPlan(STORE, { orderId: paid.orderId, kioskId: 'A', orderNumber: 'A-007', status: 'ready', by: { role: 'staff', name: 'anna' }, at: new Date().toISOString() })) {
      await publish(staff, step.topic, step.payload, step.retain);
    }

    const screen = await signIn('screen', 'screen-secret');
    const inbox = collect(screen);
    expect(await subscribe(screen, [topics.orderFilter, topics.orderStatusFilter(), topics.all, topics.handoffFilter(), topics.menu, topics.refusal('screen')])).toEqual([1, 1, 128, 128, 128, 128]);
    const placed = await inbox.next((message) => message.topic === topics.order('A', paid.orderId));
    const ready = await inbox.next((message) => message.topic === topics.orderStatus('A', paid.orderId));
    expect([placed.retain, JSON.parse(placed.text).orderNumber]).toEqual([true, 'A-007']);
    expect([ready.retain, JSON.parse(ready.text).status]).toEqual([true, 'ready']);
  });

  it('may publish nothing: a message, even an empty retained one, closes its connection', async () => {
    const screen = await signIn('screen', 'screen-secret');
    const closed = new Promise<void>((resolve) => screen.once('close', () => resolve()));
    screen.publish(topics.orderStatus('A', order().orderId), '', { qos: 1, retain: true });
    await closed;
    expect(screen.connected).toBe(false);
  });
});
