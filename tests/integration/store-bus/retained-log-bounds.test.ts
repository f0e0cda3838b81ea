// The embedded broker's log of retained messages stays bounded while the host runs: a topic
// published again and again is compacted away (its latest value survives a restart), what is
// retained is capped (a message beyond the cap is delivered live but not kept), and a log with
// superseded and damaged lines restores the latest value of every topic.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MqttClient } from 'mqtt';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { orderPublishPlan, storeTopics } from '../../../common/store-bus/messages';
import { captureLog, type Logger } from '../../../electron/host/log';
import { startEmbeddedBroker, type EmbeddedBroker } from '../../../electron/host/store-bus/broker';
import { RETAINED_FILE } from '../../../electron/host/store-bus/retained-store';
import type * as RetainedStoreModule from '../../../electron/host/store-bus/retained-store';
import { collect, connectAs, endClient, hashedUsers, order, publish, STORE, subscribe } from './support';

// The broker opens the store with the production cap; a test may lower it (broker.ts is unchanged).
const bounds = vi.hoisted(() => ({ maxRetainedBytes: undefined as number | undefined }));
vi.mock('../../../electron/host/store-bus/retained-store', async (importOriginal) => {
  const actual = await importOriginal<typeof RetainedStoreModule>();
  return { ...actual, openRetainedStore: (file: string, log: Logger) => actual.openRetainedStore(file, log, { maxRetainedBytes: bounds.maxRetainedBytes }) };
});

const topics = storeTopics(STORE);
const MIB = 1024 * 1024;
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  bounds.maxRetainedBytes = undefined;
});

const tempDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'counterpart-retained-bounds-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
};

const signIn = async (broker: EmbeddedBroker, name: string): Promise<MqttClient> => {
  const client = await connectAs(broker.tcpUrl, name);
  cleanups.push(() => endClient(client));
  return client;
};

/** ~60 KB of sold-out ids, the first naming the round. */
const availability = (round: string): string =>
  JSON.stringify({
    soldOut: [`round-${round}`, ...Array.from({ length: 1999 }, (_, i) => `item-${i}-${'x'.repeat(18)}`)],
    by: { role: 'staff', name: 'anna' },
    at: new Date().toISOString(),
  });

describe('the log of retained messages stays bounded', () => {
  it('compacts a topic published 500 times while running; its latest value survives a restart', async () => {
    const dir = tempDir();
    const retainedFile = join(dir, RETAINED_FILE);
    const users = await hashedUsers();
    const first = await startEmbeddedBroker({ users, tcpPort: 0, wsPort: 0, retainedFile });
    const staff = await signIn(first, 'anna');
    const payload = availability('0');
    expect(payload.length).toBeGreaterThan(55_000);
    let largest = 0;
    for (let round = 1; round <= 500; round += 1) {
      await publish(staff, topics.availability, availability(String(round)), true);
      largest = Math.max(largest, statSync(retainedFile).size);
    }
    await endClient(staff);
    await first.close();
    // 500 × ~80 KB lines (~40 MB) were appended; compaction keeps the log to a few MB.
    expect(largest).toBeLessThan(6 * MIB);
    expect(statSync(retainedFile).size).toBeLessThan(6 * MIB);
    expect(readdirSync(dir)).toEqual([RETAINED_FILE]);

    const second = await startEmbeddedBroker({ users, tcpPort: 0, wsPort: 0, retainedFile });
    cleanups.push(() => second.close());
    expect(statSync(retainedFile).size).toBeLessThan(100_000); // one line: the latest
    const screen = await signIn(second, 'bert');
    const inbox = collect(screen);
    await subscribe(screen, topics.availability);
    const restored = await inbox.next((message) => message.topic === topics.availability);
    expect([restored.retain, (JSON.parse(restored.text) as { soldOut: string[] }).soldOut[0]]).toEqual([true, 'round-500']);
  });

  it('over the cap, a new topic is delivered live but not retained; earlier topics and replacements are', async () => {
    bounds.maxRetainedBytes = 256 * 1024;
    const dir = tempDir();
    const retainedFile = join(dir, RETAINED_FILE);
    const users = await hashedUsers();
    const { log, events } = captureLog('warn');
    const first = await startEmbeddedBroker({ users, tcpPort: 0, wsPort: 0, retainedFile, log });
    const watcher = await signIn(first, 'bert');
    const live = collect(watcher);
    await subscribe(watcher, topics.all);
    const staff = await signIn(first, 'anna');
    const kiosk = await signIn(first, 'kiosk-A');

    await publish(staff, topics.availability, availability('1'), true); // ~80 KB retained
    const placed = order({ orderNumber: 'A-051' });
    for (const step of orderPublishPlan(placed)) await publish(kiosk, step.topic, step.payload, step.retain);
    // ~200 KB more would take the retained set over 256 KiB.
    const menu = JSON.stringify({ kioskId: 'A', menuVersion: 'v-big', locale: 'en', menu: { blob: 'm'.repeat(150_000) }, at: new Date().toISOString() });
    await publish(kiosk, topics.kioskMenu('A'), menu, true);
    const delivered = await live.next((message) => message.topic === topics.kioskMenu('A'));
    expect(JSON.parse(delivered.text).menuVersion).toBe('v-big');
    expect(events.some((event) => event.event === 'store_bus_retained_over_cap' && event.topic === topics.kioskMenu('A'))).toBe(true);
    // A replacement that fits is kept.
    await publish(staff, topics.availability, availability('2'), true);

    const late = await signIn(first, 'olaf');
    const lateInbox = collect(late);
    await subscribe(late, topics.all);
    await lateInbox.next((message) => message.topic === topics.order('A', placed.orderId));
    const marker = order({ orderNumber: 'A-052' });
    for (const step of orderPublishPlan(marker)) await publish(kiosk, step.topic, step.payload, step.retain);
    await lateInbox.next((message) => message.topic === topics.order('A', marker.orderId));
    expect(lateInbox.messages.some((message) => message.topic === topics.kioskMenu('A'))).toBe(false);
    expect(JSON.parse(lateInbox.messages.find((message) => message.topic === topics.availability)!.text).soldOut[0]).toBe('round-2');
    for (const client of [watcher, staff, kiosk, late]) await endClient(client);
    await first.close();

    const second = await startEmbeddedBroker({ users, tcpPort: 0, wsPort: 0, retainedFile });
    cleanups.push(() => second.close());
    const screen = await signIn(second, 'bert');
    const inbox = collect(screen);
    await subscribe(screen, topics.all);
    const restoredOrder = await inbox.next((message) => message.topic === topics.order('A', placed.orderId));
    await inbox.next((message) => message.topic === topics.order('A', marker.orderId));
    const restoredAvailability = await inbox.next((message) => message.topic === topics.availability);
    expect(restoredOrder.retain).toBe(true);
    expect(JSON.parse(restoredAvailability.text).soldOut[0]).toBe('round-2');
    const kioskAgain = await signIn(second, 'kiosk-A');
    const after = order({ orderNumber: 'A-053' });
    for (const step of orderPublishPlan(after)) await publish(kioskAgain, step.topic, step.payload, step.retain);
    await inbox.next((message) => message.topic === topics.order('A', after.orderId));
    expect(inbox.messages.some((message) => message.topic === topics.kioskMenu('A'))).toBe(false);
  });

  it('restores the latest value of every topic from a log of superseded lines, a damaged one and one too long to be a message', async () => {
    const dir = tempDir();
    const retainedFile = join(dir, RETAINED_FILE);
    const ids = [randomUUID(), randomUUID(), randomUUID()];
    const cleared = randomUUID();
    const entry = (topic: string, text: string): string => `${JSON.stringify({ topic, payload: Buffer.from(text).toString('base64'), qos: 1 })}\n`;
    const lines: string[] = [entry(topics.order('A', cleared), 'soon cleared')];
    for (let version = 1; version <= 300; version += 1) {
      for (const id of ids) lines.push(entry(topics.order('A', id), JSON.stringify({ id, version, filler: 'f'.repeat(2000) })));
      if (version === 150) lines.push('{"topic":"counterpart/v1/berlin-1/order/A/cut","payl\n', `${'g'.repeat(6 * MIB)}\n`);
    }
    lines.push(entry(topics.order('A', cleared), ''));
    writeFileSync(retainedFile, lines.join(''), { mode: 0o600 });
    expect(statSync(retainedFile).size).toBeGreaterThan(8 * MIB);

    const { log, events } = captureLog('warn');
    const broker = await startEmbeddedBroker({ users: await hashedUsers(), tcpPort: 0, wsPort: 0, retainedFile, log });
    cleanups.push(() => broker.close());
    expect(events.find((event) => event.event === 'store_bus_retained_damaged')?.lines).toBe(2);
    expect(statSync(retainedFile).size).toBeLessThan(20_000); // compacted to the three latest
    expect(readdirSync(dir)).toEqual([RETAINED_FILE]);
    const screen = await signIn(broker, 'bert');
    const inbox = collect(screen);
    await subscribe(screen, topics.orderFilter);
    for (const id of ids) {
      const restored = await inbox.next((message) => message.topic === topics.order('A', id));
      expect([restored.retain, JSON.parse(restored.text).version]).toEqual([true, 300]);
    }
    const kiosk = await signIn(broker, 'kiosk-A');
    const marker = order({ orderNumber: 'A-061' });
    for (const step of orderPublishPlan(marker)) await publish(kiosk, step.topic, step.payload, step.retain);
    await inbox.next((message) => message.topic === topics.order('A', marker.orderId));
    expect(inbox.messages.filter((message) => message.topic !== topics.order('A', marker.orderId)).map((message) => message.topic).sort()).toEqual(ids.map((id) => topics.order('A', id)).sort());
  });
});
