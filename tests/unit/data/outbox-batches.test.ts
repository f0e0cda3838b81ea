// The outbox delivered in batches: one read, one call, one strict commit per batch, and an
// exactly-once effect at the store (consumers de-duplicate on order id + revision) when a batch
// is cut off halfway: the connection dropped mid-batch, one PUBACK lost, or the kiosk stopped
// between the store's acknowledgement and the commit that records it.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { openKioskData, startOutboxSync, type KioskData, type OutboxMessage } from '../../../renderer/data';
import { consecutiveRuns } from '../../../renderer/data/outbox';
import { outboxHarness, POLL, queueCounterOrders, recordingSleep, type FakeStore, outboxCount } from './fixtures';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const setup = () => outboxHarness(cleanups);

const orderIdOf = (message: OutboxMessage) => (message.kind === 'order' ? message.orderId : message.eventId);

/** Every order took effect at the store exactly once (after de-duplication) and is delivered on the kiosk; its message left the outbox. */
const expectExactlyOnce = async (data: KioskData, store: FakeStore, orderIds: string[]) => {
  for (const orderId of orderIds) {
    const revisions = [...store.effects].filter(([key]) => key.startsWith(`${orderId}#`));
    expect(revisions.length, orderId).toBeGreaterThan(0);
    expect(revisions.every(([, effects]) => effects === 1)).toBe(true);
    expect(store.applied.get(orderId)?.order.status).toBe('queued');
    expect((await data.getOrder(orderId))?.status).toBe('delivered');
  }
  expect(await data.db.outbox.count()).toBe(0);
};

/** `count` pending event rows, straight into the outbox (placing them one by one is not the point of these tests). */
const pendingEvents = (count: number) =>
  Array.from({ length: count }, (_, index) => {
    const eventId = `event-${index}`;
    const event = { eventId, type: 'session_started', at: new Date().toISOString() };
    return { messageId: `event:${eventId}`, kind: 'event' as const, subjectId: eventId, state: 'pending' as const, message: { kind: 'event' as const, messageId: `event:${eventId}`, eventId, event }, createdAt: 0, attempts: 0, nextAttemptAt: 0 };
  });

describe('outbox batches', () => {
  it('sends up to N messages per call, in queue order, and reads each batch after the last one delivered', async () => {
    const { data, store, start } = await setup();
    const orderIds = await queueCounterOrders(data, 25);
    const seqs = (await data.db.outbox.orderBy('seq').toArray()).map((row) => row.seq);
    const reads: (number | undefined)[] = [];
    const nextBatch = data.outbox.nextBatch.bind(data.outbox);
    data.outbox.nextBatch = (limits) => {
      reads.push(limits.afterSeq);
      return nextBatch(limits);
    };
    const sync = start({ batchSize: 10 });
    await sync.whenIdle();
    expect(store.batches.map((batch) => batch.length)).toEqual([10, 10, 5]);
    expect(store.received.map(orderIdOf)).toEqual(orderIds);
    // Each read seeks past the previous batch's last row.
    expect(reads.slice(0, 3)).toEqual([undefined, seqs[9], seqs[19]]);
    await expectExactlyOnce(data, store, orderIds);
  });

  it('keeps its place when the connection drops mid-batch: what arrived is recorded, the rest goes after reconnecting', async () => {
    const { data, store, start } = await setup();
    const orderIds = await queueCounterOrders(data, 10);
    const rows = await data.db.outbox.orderBy('seq').toArray();
    store.dropConnectionAtOnce.add(rows[4]!.messageId);
    const sync = start({ batchSize: 10 });
    // Messages 1–4 reached the store; at the 5th the connection dropped and the rest never arrived.
    await expect.poll(() => store.calls.length > 10, POLL).toBe(true);
    expect(store.received.map(orderIdOf)).toEqual(orderIds.slice(0, 4));
    // Recorded before the loop waits out the backoff: the four left the outbox and read delivered.
    await expect.poll(async () => (await data.getOrder(orderIds[3]!))?.status, POLL).toBe('delivered');
    expect(await data.db.outbox.where('[kind+subjectId]').anyOf(orderIds.slice(0, 4).map((orderId) => ['order', orderId])).count()).toBe(0);
    expect((await data.getOrder(orderIds[4]!))?.status).toBe('queued');

    store.online = true;
    sync.kick();
    await sync.whenIdle();
    // Every later batch started at the first message without an acknowledgement.
    expect(store.batches.length).toBeGreaterThan(1);
    expect(store.batches.slice(1).map((batch) => orderIdOf(batch[0]!))).toEqual(store.batches.slice(1).map(() => orderIds[4]));
    expect(store.received.map(orderIdOf)).toEqual(orderIds);
    await expectExactlyOnce(data, store, orderIds);
  });

  it('sends again only the message whose PUBACK was lost; the store de-duplicates it', async () => {
    const { data, store, start } = await setup();
    const orderIds = await queueCounterOrders(data, 10);
    const rows = await data.db.outbox.orderBy('seq').toArray();
    store.loseAckOnce.add(rows[6]!.messageId);
    const sync = start({ batchSize: 10 });
    await expect.poll(async () => (await data.getOrder(orderIds[6]!))?.status === 'delivered', POLL).toBe(true);
    await sync.whenIdle();
    expect(store.batches.map((batch) => batch.map(orderIdOf))).toEqual([orderIds, [orderIds[6]]]);
    expect(store.receivedFor(orderIds[6]!)).toHaveLength(2);
    await expectExactlyOnce(data, store, orderIds);
  });

  it('sends the whole batch again after a crash between the store acknowledging it and the commit', async () => {
    const { options, data, store, start } = await setup();
    const orderIds = await queueCounterOrders(data, 10);
    let crashed = false;
    const crashing = start({
      batchSize: 10,
      link: {
        async deliver(messages) {
          const outcomes = await store.deliver(messages);
          // Power lost right after the PUBACKs: the commit that would record them never happens.
          data.close();
          crashed = true;
          return outcomes;
        },
      },
    });
    await expect.poll(() => crashed, POLL).toBe(true);
    await crashing.stop();
    expect(store.received.map(orderIdOf)).toEqual(orderIds);

    const restarted = await openKioskData(options);
    cleanups.push(() => restarted.close());
    expect(await outboxCount(restarted.db, 'pending')).toBe(10);
    const sync = startOutboxSync({ data: restarted, link: store, sleep: recordingSleep().sleep, log: () => undefined, batchSize: 10 });
    cleanups.push(() => sync.stop());
    await sync.whenIdle();
    // Received twice, took effect once.
    expect(store.received.map(orderIdOf)).toEqual([...orderIds, ...orderIds]);
    await expectExactlyOnce(restarted, store, orderIds);
  });

  it('sends a refused batch one message at a time, so only the message at fault counts towards a dead letter', async () => {
    const { data, store, start } = await setup();
    const orderIds = await queueCounterOrders(data, 6);
    const rows = await data.db.outbox.orderBy('seq').toArray();
    const poison = rows[2]!.messageId;
    const deliver = store.deliver.bind(store);
    // The host refuses a call as a whole when one message in it fails the contract's schema.
    store.deliver = async (messages) => {
      if (messages.some((message) => message.messageId === poison)) {
        store.calls.push(...messages);
        throw new Error(`deliverOutboxMessages input: messages.${messages.findIndex((message) => message.messageId === poison)}: invalid`);
      }
      return deliver(messages);
    };
    const sync = start({ batchSize: 6, maxAttempts: 2 });
    await sync.whenIdle();
    const dead = await data.listDeadLetters();
    expect(dead.map((letter) => letter.messageId)).toEqual([poison]);
    expect(dead[0]?.attempts).toBe(2);
    const others = orderIds.filter((_, index) => index !== 2);
    for (const orderId of others) expect((await data.getOrder(orderId))?.status).toBe('delivered');
    expect(await outboxCount(data.db, 'pending')).toBe(0);
  });

  it('a paid order the host refuses with a code (not_paid) is kept: retried, then a dead letter naming the code; the others go through', async () => {
    const { data, store, start } = await setup();
    const orderIds = await queueCounterOrders(data, 3);
    const refused = orderIds[1]!;
    const deliver = store.deliver.bind(store);
    // The host answers that message alone "refused" with its code, as deliverOutboxMessages does.
    store.deliver = async (messages) => {
      const others = messages.filter((message) => orderIdOf(message) !== refused);
      const delivered = others.length ? await deliver(others) : [];
      return messages.map((message) => (orderIdOf(message) === refused ? { outcome: 'refused' as const, code: 'not_paid' as const, reason: 'no approved payment in the host journal' } : delivered.shift()!));
    };
    const sync = start({ maxAttempts: 2 });
    await sync.whenIdle();
    const dead = await data.listDeadLetters();
    expect(dead).toEqual([expect.objectContaining({ subjectId: refused, attempts: 2, lastErrorCode: 'not_paid', lastError: 'no approved payment in the host journal' })]);
    // Nothing is lost: the order is still on the kiosk as it was, and staff can send it again.
    expect((await data.getOrder(refused))?.status).toBe('queued');
    for (const orderId of orderIds.filter((id) => id !== refused)) expect((await data.getOrder(orderId))?.status).toBe('delivered');
  });

  it('commits a fully acknowledged batch once the next batch is on its way', async () => {
    const { data, store, start } = await setup();
    const orderIds = await queueCounterOrders(data, 30);
    const steps: string[] = [];
    const record = data.outbox.record.bind(data.outbox);
    data.outbox.record = (rows, outcomes, policy) => {
      steps.push(`record ${orderIdOf(rows[0]!.message)}`);
      return record(rows, outcomes, policy);
    };
    const deliver = store.deliver.bind(store);
    store.deliver = (messages) => {
      steps.push(`send ${orderIdOf(messages[0]!)}`);
      return deliver(messages);
    };
    const sync = start({ batchSize: 10 });
    await sync.whenIdle();
    const [first, second, third] = [orderIds[0], orderIds[10], orderIds[20]];
    expect(steps).toEqual([`send ${first}`, `send ${second}`, `record ${first}`, `send ${third}`, `record ${second}`, `record ${third}`]);
    await expectExactlyOnce(data, store, orderIds);
  });

  it('records the answers for rows far apart (sent again from the start) as for a run of rows', async () => {
    const { data } = await setup();
    const orderIds = await queueCounterOrders(data, 10);
    const rows = await data.db.outbox.orderBy('seq').toArray();
    const policy = { maxAttempts: 3, delayMs: () => 1_000 };
    const delivered = { outcome: 'delivered' as const };
    expect(await data.outbox.record([rows[0]!, rows[9]!], [delivered, delivered], policy)).toMatchObject({ delivered: 2, doneThrough: rows[9]!.seq });
    expect(await data.outbox.record(rows.slice(1, 9), rows.slice(1, 9).map(() => delivered), policy)).toMatchObject({ delivered: 8, doneThrough: rows[8]!.seq });
    expect(await data.db.outbox.count()).toBe(0);
    // Recorded already: nothing changes the second time.
    expect(await data.outbox.record([rows[0]!, rows[5]!], [delivered, delivered], policy)).toMatchObject({ delivered: 0, doneThrough: rows[5]!.seq });
    // The orders read delivered once marked (the sync loop does it before it waits).
    for (const orderId of orderIds) expect((await data.getOrder(orderId))?.status).toBe('queued');
    expect(await data.outbox.markDelivered()).toBe(10);
    for (const orderId of orderIds) expect((await data.getOrder(orderId))?.status).toBe('delivered');
    expect(await data.outbox.markDelivered()).toBe(0);
  });

  it('records a delivered row replaced meanwhile by a newer document of its order as still pending, and the newer one once it is delivered', async () => {
    const { data } = await setup();
    const [orderId] = await queueCounterOrders(data, 1);
    const [sent] = await data.db.outbox.toArray();
    const policy = { maxAttempts: 3, delayMs: () => 1_000 };
    // While the queued document is on its way, staff cancels the order: the pending row now carries the newer document.
    await data.transitionOrder(orderId!, 'cancelled_by_staff');
    expect(await data.outbox.record([sent!], [{ outcome: 'delivered' }], policy)).toEqual({ delivered: 0, retry: 0, dead: 0, unavailable: 0, acknowledgedOrders: [] });
    const [newer] = await data.db.outbox.toArray();
    expect(newer).toMatchObject({ seq: sent!.seq, state: 'pending', message: { order: { status: 'cancelled' } } });
    // The order was not marked delivered on the older document's acknowledgement.
    expect((await data.getOrder(orderId!))?.status).toBe('cancelled');
    expect(await data.outbox.record([newer!], [{ outcome: 'delivered' }], policy)).toMatchObject({ delivered: 1, doneThrough: sent!.seq, acknowledgedOrders: [orderId] });
    expect(await data.db.outbox.count()).toBe(0);
    // Cancelled is where it stays: only a queued order becomes delivered.
    expect(await data.outbox.markDelivered({ orderIds: [orderId!] })).toBe(0);
    expect((await data.getOrder(orderId!))?.status).toBe('cancelled');
  });

  it('removes a dead letter sent again once delivered, though its order has moved on to a newer revision meanwhile', async () => {
    const { data, store, start } = await setup();
    const [orderId] = await queueCounterOrders(data, 1);
    const [first] = await data.db.outbox.toArray();
    store.refuse.add(first!.messageId);
    const sync = start({ maxAttempts: 1 });
    await sync.whenIdle();
    expect((await data.listDeadLetters()).map((letter) => letter.seq)).toEqual([first!.seq]);
    await sync.stop();
    // The order moves on: its newer document is a row of its own (the dead letter is not pending, so nothing replaces it).
    await data.transitionOrder(orderId!, 'cancelled_by_staff');
    store.refuse.clear();
    await data.retryDeadLetter(first!.seq);
    const again = start();
    await again.whenIdle();
    // Both documents reached the store and both rows left the outbox: the older one is not mistaken for replaced.
    expect(store.receivedFor(orderId!).map((message) => message.messageId)).toEqual([first!.messageId, `order:${orderId}:3`]);
    expect(await data.db.outbox.count()).toBe(0);
  });

  it('removes delivered rows as it records them: only a dead letter among them stays', async () => {
    const { data, store, start } = await setup();
    await data.db.outbox.bulkAdd(pendingEvents(600));
    store.refuse.add('event:event-100');
    const sync = start({ batchSize: 50, maxAttempts: 1 });
    await sync.whenIdle();
    expect(store.received).toHaveLength(599);
    expect((await data.db.outbox.toArray()).map((row) => [row.messageId, row.state])).toEqual([['event:event-100', 'dead']]);
  });

  it('groups sequence numbers into runs for range deletes', () => {
    expect(consecutiveRuns([])).toEqual([]);
    expect(consecutiveRuns([1, 2, 3, 7, 9, 10])).toEqual([[1, 3], [7, 7], [9, 10]]);
  });

  it('drops the delivery log an older version kept when it starts, and delivers what is pending', async () => {
    const { data, store, start } = await setup();
    // Rows as older versions left them: delivered ones kept as a log, around a pending and a dead one.
    const rows = pendingEvents(6).map((row, index) => ({ ...row, state: index === 2 ? ('pending' as const) : index === 4 ? ('dead' as const) : ('delivered' as const) }));
    await data.db.outbox.bulkAdd(rows);
    const sync = start();
    await sync.whenIdle();
    expect(store.received.map((message) => message.messageId)).toEqual(['event:event-2']);
    expect((await data.db.outbox.toArray()).map((row) => [row.messageId, row.state])).toEqual([['event:event-4', 'dead']]);
  });
});
