// The kiosk host's store service over real brokers: outbox messages reach a
// subscriber once per PUBACK, "unavailable" while the broker is away (so the
// renderer's outbox backs off), staff sessions and the audit log, and a help
// request resolved at the kiosk by a signed-in staff member.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CallResult } from '../../electron/host/dispatcher';
import { createKioskHost, type KioskHost } from '../../electron/host/kiosk-host';
import { hashPassword } from '../../electron/host/store-bus/credentials';
import { storeTopics, type HandoffMessage } from '../../common/store-bus/messages';
import type { KioskEvent } from '../../common/contract/index';
import { FIXTURE_MENU, FIXTURE_STORE } from '../support/kiosk';
import { fixtureOrder } from './security/support';
import { cart, collect, endClient, freePort, startMosquitto, subscribe, type Mosquitto } from './store-bus/support';
import { connect, type MqttClient } from 'mqtt';

const STORE_ID = 'test-store';
const KIOSK_ID = 'kiosk-1';
const topics = storeTopics(STORE_ID);
const TEST_COST = { N: 1024, r: 8, p: 1 };

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'counterpart-store-bus-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A store config (from the harness fixture) in a temp dir, with a users file beside it for the embedded broker. */
async function storeConfig(extra: Record<string, unknown> = {}): Promise<string> {
  const dir = tempDir();
  const config = { ...JSON.parse(readFileSync(FIXTURE_STORE, 'utf8')), ...extra };
  const path = join(dir, 'store.json');
  writeFileSync(path, JSON.stringify(config));
  writeFileSync(
    join(dir, 'store-bus-users.json'),
    JSON.stringify([
      { username: 'sam', role: 'staff', store: STORE_ID, passwordHash: await hashPassword('4711', TEST_COST) },
      { username: 'pos-1', role: 'pos', store: STORE_ID, passwordHash: await hashPassword('pos-secret', TEST_COST) },
      { username: 'alex', role: 'staff', manager: true, store: STORE_ID, passwordHash: await hashPassword('7395', TEST_COST) },
    ]),
  );
  return path;
}

async function startHost(storeConfigPath: string, env: Record<string, string> = {}): Promise<{ host: KioskHost; events: KioskEvent[] }> {
  const saved = { ...process.env };
  Object.assign(process.env, env);
  const dataDir = tempDir();
  const host = createKioskHost({ storeConfigPath, menuPath: FIXTURE_MENU, dataDir });
  process.env = saved;
  const events: KioskEvent[] = [];
  host.onEvent((event) => events.push(event));
  cleanups.push(() => host.close());
  return { host, events };
}

const ok = (result: CallResult): unknown => {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.output;
};

/** One outbox message through the batch call: its outcome, or the call's error when the bus is unreachable. */
const deliverOne = async (host: KioskHost, message: unknown): Promise<unknown> => {
  const result = await host.dispatch('deliverOutboxMessages', { messages: [message] });
  return result.ok ? (result.output as { results: unknown[] }).results[0] : result;
};

function clientOf(url: string, username: string, password: string): Promise<MqttClient> {
  const client = connect(url, { username, password, clientId: `${username}/test-${randomUUID().slice(0, 8)}`, protocolVersion: 4, reconnectPeriod: 500 });
  cleanups.push(() => endClient(client));
  return new Promise((resolve, reject) => {
    client.once('connect', () => resolve(client));
    client.once('error', reject);
  });
}

/** An outbox message of a correctly priced counter order (the host vouches for every order it sends: order-book.ts). */
const orderFor = (status: 'awaiting_counter_payment' | 'queued' = 'awaiting_counter_payment') => {
  const order = fixtureOrder(1, { status });
  return { kind: 'order' as const, messageId: `order:${order.orderId}:1`, orderId: order.orderId, revision: 1, order };
};

describe('kiosk host store service, embedded broker', () => {
  it('lets only a manager (users file) cancel an order or comp above the store\'s limit; refusals are in the audit log', async () => {
    const [tcp, ws] = [await freePort(), await freePort()];
    const { host } = await startHost(await storeConfig({ staffMode: { managerCompAbove: 300 } }), { COUNTERPART_STORE_BUS_PORT: String(tcp), COUNTERPART_STORE_BUS_WS_PORT: String(ws) });
    const sam = ok(await host.dispatch('verifyStaffPin', { username: 'sam', pin: '4711' })) as { staffSessionId: string; manager: boolean };
    const alex = ok(await host.dispatch('verifyStaffPin', { username: 'alex', pin: '7395' })) as { staffSessionId: string; manager: boolean };
    expect([sam.manager, alex.manager]).toEqual([false, true]);
    const log = (session: { staffSessionId: string }, action: string, extra: Record<string, unknown> = {}) => host.dispatch('logStaffAction', { staffSessionId: session.staffSessionId, action, ...extra });

    expect(await log(sam, 'order_cancelled', { reason: 'customer_left' })).toMatchObject({ ok: false, error: { code: 'manager_required' } });
    expect(await log(sam, 'item_comped', { reason: 'goodwill', detail: { lineId: 'l1', waivedTotal: 300 } })).toMatchObject({ ok: true });
    expect(await log(sam, 'item_comped', { reason: 'goodwill', detail: { lineId: 'l2', waivedTotal: 301 } })).toMatchObject({ ok: false, error: { code: 'manager_required' } });
    // A comp names its line and what it gives away, or it is no comp (and not a staff action to audit).
    expect(await log(sam, 'item_comped', { reason: 'goodwill' })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(await log(sam, 'item_comped', { reason: 'goodwill', detail: { lineId: 'l3', waivedTotal: -5 } })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(await log(alex, 'item_comped', { reason: 'goodwill', detail: { lineId: 'l4', waivedTotal: 5000 } })).toMatchObject({ ok: true });
    expect(await log(alex, 'order_cancelled', { reason: 'customer_left' })).toMatchObject({ ok: true });

    const audit = readFileSync(join(host.dataDir, 'staff-actions.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(audit.map((entry) => [entry.staffName, entry.action, entry.refused ?? 'ok'])).toEqual([
      ['sam', 'order_cancelled', 'manager_required'],
      ['sam', 'item_comped', 'ok'],
      ['sam', 'item_comped', 'manager_required'],
      ['alex', 'item_comped', 'ok'],
      ['alex', 'order_cancelled', 'ok'],
    ]);
  });

  it('delivers orders and events on PUBACK, runs staff sessions, and resolves a help request at the kiosk', async () => {
    const [tcp, ws] = [await freePort(), await freePort()];
    const { host, events } = await startHost(await storeConfig(), { COUNTERPART_STORE_BUS_PORT: String(tcp), COUNTERPART_STORE_BUS_WS_PORT: String(ws) });
    const info = await host.storeService.info();
    expect(info.brokerUrl).toBe(`mqtt://127.0.0.1:${tcp}`);

    const staff = await clientOf(info.brokerUrl, 'sam', '4711');
    const inbox = collect(staff);
    await subscribe(staff, topics.all);
    await expect.poll(() => inbox.messages.some((m) => m.topic === topics.kioskStatus(KIOSK_ID) && JSON.parse(m.text).state === 'online')).toBe(true);

    const message = orderFor();
    expect(await deliverOne(host, message)).toEqual({ outcome: 'delivered' });
    const received = await inbox.next((m) => m.topic === topics.order(KIOSK_ID, message.orderId));
    expect(JSON.parse(received.text)).toMatchObject({ orderId: message.orderId, status: 'awaiting_counter_payment' });

    const eventId = randomUUID();
    const event = { kind: 'event' as const, messageId: `event:${eventId}`, eventId, event: { eventId, type: 'staff_called', at: new Date().toISOString(), detail: { reason: 'accessibility' } } };
    expect(await deliverOne(host, event)).toEqual({ outcome: 'delivered' });
    const published = JSON.parse((await inbox.next((m) => m.topic === topics.event(KIOSK_ID, eventId))).text);
    expect(published).toMatchObject({ eventId, storeId: STORE_ID, kioskId: KIOSK_ID, type: 'staff_called' });

    // An order for another kiosk is refused (the outbox counts it towards a dead letter), not reported unavailable.
    const foreign = orderFor();
    foreign.order.kioskId = 'kiosk-9';
    expect(await deliverOne(host, foreign)).toMatchObject({ outcome: 'refused' });

    // Call staff → the console acknowledges → the kiosk hears who is coming.
    const call = ok(await host.dispatch('callStaff', { reason: 'allergy_question', screen: 'cart', cart })) as { handoffId: string; outcome: string };
    expect(call.outcome).toBe('notified');
    const open = JSON.parse((await inbox.next((m) => m.topic === topics.handoff(KIOSK_ID, call.handoffId) && m.text !== '')).text) as HandoffMessage;
    const acknowledged = { ...open, state: 'acknowledged', acknowledgedBy: { role: 'staff', name: 'sam' }, acknowledgedAt: new Date().toISOString() };
    await new Promise<void>((resolve, reject) => staff.publish(topics.handoff(KIOSK_ID, call.handoffId), JSON.stringify(acknowledged), { qos: 1, retain: true }, (e) => (e ? reject(e) : resolve())));
    await expect.poll(() => events.find((e) => e.type === 'staff.handoff' && e.handoff.state === 'acknowledged')).toMatchObject({ handoff: { acknowledgedBy: { name: 'sam' } } });

    // Staff mode: a wrong PIN is refused; the right one opens a session whose actions are logged under the staff name.
    expect(await host.dispatch('verifyStaffPin', { username: 'sam', pin: '0000' })).toMatchObject({ ok: false, error: { code: 'wrong_pin' } });
    const session = ok(await host.dispatch('verifyStaffPin', { username: 'sam', pin: '4711' })) as { staffSessionId: string; staffName: string };
    expect(session.staffName).toBe('sam');
    const logged = ok(await host.dispatch('logStaffAction', { staffSessionId: session.staffSessionId, action: 'item_removed', reason: 'customer changed mind', detail: { lineId: 'l1' } })) as { staffName: string };
    expect(logged.staffName).toBe('sam');
    expect(ok(await host.dispatch('resolveHelpRequest', { staffSessionId: session.staffSessionId, handoffId: call.handoffId, outcome: 'helped' }))).toEqual({ resolved: true });
    const resolved = JSON.parse((await inbox.next((m) => m.topic === topics.handoff(KIOSK_ID, call.handoffId) && m.text.includes('"resolved"'))).text) as HandoffMessage;
    // Signed by the kiosk, naming the staff member it signed in: a kiosk never signs as staff.
    expect(resolved).toMatchObject({ state: 'resolved', outcome: 'helped', resolvedBy: { role: 'kiosk', name: `kiosk-${KIOSK_ID}` }, staffName: 'sam', acknowledgedBy: { name: 'sam' } });
    // The kiosk hears its own resolution back from the broker and forgets the request.
    await expect.poll(async () => ok(await host.dispatch('getHelpRequest', {}))).toEqual({ handoff: null });

    expect(ok(await host.dispatch('endStaffSession', { staffSessionId: session.staffSessionId }))).toEqual({ ended: true });
    expect(await host.dispatch('logStaffAction', { staffSessionId: session.staffSessionId, action: 'signed_out' })).toMatchObject({ ok: false, error: { code: 'session_ended' } });
    const audit = readFileSync(join(host.dataDir, 'staff-actions.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(audit.map((entry) => entry.action)).toEqual(['sign_in_refused', 'item_removed']);
    expect(audit[1]).toMatchObject({ staffName: 'sam', kioskId: KIOSK_ID, reason: 'customer changed mind' });
  });

  it('locks a staff name out after repeated wrong PINs at the kiosk, even with the right PIN', async () => {
    const { host } = await startHost(await storeConfig(), { COUNTERPART_STORE_BUS_PORT: '0', COUNTERPART_STORE_BUS_WS_PORT: '0' });
    await host.storeService.info();
    for (let attempt = 0; attempt < 5; attempt++) {
      expect(await host.dispatch('verifyStaffPin', { username: 'sam', pin: `000${attempt}` })).toMatchObject({ ok: false, error: { code: 'wrong_pin' } });
    }
    expect(await host.dispatch('verifyStaffPin', { username: 'sam', pin: '4711' })).toMatchObject({ ok: false, error: { code: 'locked_out' } });
  });

  it('keeps running when the embedded broker cannot start: deliveries are "unavailable", call staff says ask at the counter', async () => {
    const blocker = await freePort();
    const { createServer } = await import('node:net');
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(blocker, '127.0.0.1', () => resolve()));
    cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const { host } = await startHost(await storeConfig(), { COUNTERPART_STORE_BUS_PORT: String(blocker), COUNTERPART_STORE_BUS_WS_PORT: '0' });
    await expect(host.storeService.info()).rejects.toThrow(/cannot listen/);
    expect(await deliverOne(host, orderFor())).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    expect(ok(await host.dispatch('callStaff', { reason: 'other', screen: 'menu', cart }))).toMatchObject({ outcome: 'ask_at_counter' });
    expect(ok(await host.dispatch('getStartup', {}))).toMatchObject({ store: { kioskId: KIOSK_ID } });
  });
});

describe('kiosk host store service, Mosquitto', () => {
  let mosquitto: Mosquitto | undefined;
  afterEach(async () => {
    await mosquitto?.stop();
    mosquitto = undefined;
  });

  it('reports "unavailable" while Mosquitto is down and delivers after it is back on the same port', async () => {
    const users = [
      { username: 'kiosk-1', password: 'kiosk-1-secret', role: 'kiosk' as const, store: STORE_ID, kiosk: KIOSK_ID },
      { username: 'sam', password: '4711', role: 'staff' as const, store: STORE_ID },
      { username: 'olaf', password: 'operator-secret', role: 'operator' as const, store: STORE_ID },
    ];
    mosquitto = await startMosquitto(users);
    const port = mosquitto.port;
    const config = await storeConfig({ storeBus: { url: mosquitto.url, username: 'kiosk-1', password: 'kiosk-1-secret' } });
    const { host, events } = await startHost(config);
    await expect.poll(async () => (ok(await host.dispatch('getStoreBusStatus', {})) as { online: boolean }).online, { timeout: 15_000 }).toBe(true);

    const staff = await clientOf(mosquitto.url, 'sam', '4711');
    const inbox = collect(staff);
    await subscribe(staff, topics.all);

    const first = orderFor();
    expect(await deliverOne(host, first)).toEqual({ outcome: 'delivered' });
    await inbox.next((m) => m.topic === topics.order(KIOSK_ID, first.orderId));

    // Staff sign-in at the kiosk is checked by Mosquitto's password file; the kiosk locks out after 5 wrong PINs.
    expect(ok(await host.dispatch('verifyStaffPin', { username: 'sam', pin: '4711' }))).toMatchObject({ staffName: 'sam' });
    for (let attempt = 0; attempt < 5; attempt++) expect(await host.dispatch('verifyStaffPin', { username: 'sam', pin: '1111' })).toMatchObject({ ok: false, error: { code: 'wrong_pin' } });
    expect(await host.dispatch('verifyStaffPin', { username: 'sam', pin: '4711' })).toMatchObject({ ok: false, error: { code: 'locked_out' } });

    await mosquitto.stop();
    mosquitto = undefined;
    await expect.poll(() => events.filter((e) => e.type === 'storeBus.connection').at(-1)).toMatchObject({ online: false });
    const second = orderFor();
    expect(await deliverOne(host, second)).toMatchObject({ ok: false, error: { code: 'unavailable' } });

    mosquitto = await startMosquitto(users, port);
    await expect.poll(() => events.filter((e) => e.type === 'storeBus.connection').at(-1), { timeout: 20_000 }).toMatchObject({ online: true });
    const staffAgain = await clientOf(mosquitto.url, 'sam', '4711');
    const inboxAgain = collect(staffAgain);
    await subscribe(staffAgain, topics.orderFilter);
    expect(await deliverOne(host, second)).toEqual({ outcome: 'delivered' });
    await inboxAgain.next((m) => m.topic === topics.order(KIOSK_ID, second.orderId));
    expect(inboxAgain.messages.filter((m) => m.topic === topics.order(KIOSK_ID, second.orderId))).toHaveLength(1);
  });
});
