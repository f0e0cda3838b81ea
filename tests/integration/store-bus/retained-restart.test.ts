// The embedded broker keeps its retained messages across a restart of the kiosk host: a staff
// console or order status display that opens afterwards sees the orders waiting and being
// prepared, and their status, as before; a message cleared before the restart stays cleared, and
// a line cut by a power loss costs that line only.
import { appendFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, type MqttClient } from 'mqtt';
import { afterEach, describe, expect, it } from 'vitest';
import { orderPublishPlan, orderStatusPublishPlan, storeTopics } from '../../../common/store-bus/messages';
import { startEmbeddedBroker, type EmbeddedBroker } from '../../../electron/host/store-bus/broker';
import { hashPassword, type StoreBusUser } from '../../../electron/host/store-bus/credentials';
import { RETAINED_FILE } from '../../../electron/host/store-bus/retained-store';
import { collect, endClient, order, publish, STORE, subscribe } from './support';

const COST = { N: 1024, r: 8, p: 1 };
const topics = storeTopics(STORE);
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const users = async (): Promise<StoreBusUser[]> => [
  { username: 'screen', role: 'display', store: STORE, passwordHash: await hashPassword('screen-secret', COST) },
  { username: 'kiosk-A', role: 'kiosk', store: STORE, kiosk: 'A', passwordHash: await hashPassword('kiosk-secret', COST) },
  { username: 'anna', role: 'staff', store: STORE, passwordHash: await hashPassword('4711', COST) },
];

const signIn = (broker: EmbeddedBroker, username: string, password: string): Promise<MqttClient> =>
  new Promise((resolve, reject) => {
    const client = connect(broker.tcpUrl, { username, password, clientId: `${username}/test`, protocolVersion: 4, reconnectPeriod: 0, connectTimeout: 5000 });
    cleanups.push(() => endClient(client).catch(() => undefined));
    client.once('connect', () => resolve(client));
    client.once('error', reject);
  });

describe('retained messages across a restart of the embedded broker', () => {
  it('a screen that opens after the restart sees the orders and their status; a cleared one stays cleared', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'counterpart-retained-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const retainedFile = join(dir, RETAINED_FILE);
    const known = await users();

    const first = await startEmbeddedBroker({ users: known, tcpPort: 0, wsPort: 0, retainedFile });
    const kiosk = await signIn(first, 'kiosk-A', 'kiosk-secret');
    const staff = await signIn(first, 'anna', '4711');
    const waiting = order({ paymentMethod: 'counter', status: 'awaiting_counter_payment', orderNumber: 'A-041' });
    const ready = order({ paymentMethod: 'card', status: 'queued', orderNumber: 'A-042' });
    const collected = order({ paymentMethod: 'card', status: 'queued', orderNumber: 'A-043' });
    for (const placed of [waiting, ready, collected]) for (const step of orderPublishPlan(placed)) await publish(kiosk, step.topic, step.payload, step.retain);
    // The kiosk says it is online; the host then stops without its last will going out.
    await publish(kiosk, topics.kioskStatus('A'), JSON.stringify({ state: 'online', kioskId: 'A', devices: { printer: 'ok', terminal: 'ok' }, menuVersion: 'v1', at: new Date().toISOString() }), true);
    for (const step of orderStatusPublishPlan(STORE, { orderId: ready.orderId, kioskId: 'A', orderNumber: 'A-042', status: 'ready', by: { role: 'staff', name: 'anna' }, at: new Date().toISOString() })) {
      await publish(staff, step.topic, step.payload, step.retain);
    }
    // Cleared before the restart (the kiosk's retention does this a day later).
    await publish(kiosk, topics.order('A', collected.orderId), '', true);
    await endClient(kiosk);
    await endClient(staff);
    await first.close();
    expect(statSync(retainedFile).mode & 0o077).toBe(0);
    // A power loss cut the log's last line.
    appendFileSync(retainedFile, '{"topic":"counterpart/v1/berlin-1/order/A/cut","payl');

    const second = await startEmbeddedBroker({ users: known, tcpPort: 0, wsPort: 0, retainedFile });
    cleanups.push(() => second.close());
    const screen = await signIn(second, 'screen', 'screen-secret');
    const inbox = collect(screen);
    await subscribe(screen, [topics.orderFilter, topics.orderStatusFilter()]);
    const shown = await inbox.next((message) => message.topic === topics.order('A', waiting.orderId));
    const status = await inbox.next((message) => message.topic === topics.orderStatus('A', ready.orderId));
    expect([shown.retain, JSON.parse(shown.text).orderNumber]).toEqual([true, 'A-041']);
    expect([status.retain, JSON.parse(status.text).status]).toEqual([true, 'ready']);
    await inbox.next((message) => message.topic === topics.order('A', ready.orderId));
    // Everything retained has arrived by the time a later publish does.
    const afterRestart = order({ orderNumber: 'A-044' });
    const kioskAgain = await signIn(second, 'kiosk-A', 'kiosk-secret');
    for (const step of orderPublishPlan(afterRestart)) await publish(kioskAgain, step.topic, step.payload, step.retain);
    await inbox.next((message) => message.topic === topics.order('A', afterRestart.orderId));
    expect(inbox.messages.some((message) => message.topic === topics.order('A', collected.orderId))).toBe(false);
    expect(inbox.messages.some((message) => message.topic.endsWith('/cut'))).toBe(false);
    // A kiosk's status is not restored: the kiosk says it again when it connects.
    const staffAgain = await signIn(second, 'anna', '4711');
    const staffInbox = collect(staffAgain);
    await subscribe(staffAgain, [topics.kioskStatus('A'), topics.orderFilter]);
    await staffInbox.next((message) => message.topic === topics.order('A', afterRestart.orderId));
    expect(staffInbox.messages.some((message) => message.topic === topics.kioskStatus('A'))).toBe(false);
  });

  it('starts the broker without them when the saved messages cannot be read, and sets the file aside', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'counterpart-retained-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const retainedFile = join(dir, RETAINED_FILE);
    mkdirSync(retainedFile); // not a file at all
    const broker = await startEmbeddedBroker({ users: await users(), tcpPort: 0, wsPort: 0, retainedFile });
    cleanups.push(() => broker.close());
    const kiosk = await signIn(broker, 'kiosk-A', 'kiosk-secret');
    const placed = order();
    for (const step of orderPublishPlan(placed)) await publish(kiosk, step.topic, step.payload, step.retain);
    expect(readdirSync(dir).some((name) => name.startsWith(`${RETAINED_FILE}.unreadable-`))).toBe(true);
  });
});
