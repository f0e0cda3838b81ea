import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { openKioskData, startOutboxSync, type KioskData, type OutboxSync, type OutboxSyncOptions } from '../../../renderer/data';
import { FakeStore, TestClock, dataOptions, POLL, firstPending, recordingSleep, sampleOrder, outboxCount } from './fixtures';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const setup = async (syncOptions: Partial<OutboxSyncOptions> = {}) => {
  const clock = new TestClock();
  const data = await openKioskData(dataOptions(clock, { log: () => undefined }));
  cleanups.push(() => data.close());
  const store = new FakeStore();
  const { waits, sleep } = recordingSleep(clock);
  const start = (overrides: Partial<OutboxSyncOptions> = {}): OutboxSync => {
    const sync = startOutboxSync({ data, link: store, sleep, random: () => 0.5, log: () => undefined, ...syncOptions, ...overrides });
    cleanups.push(() => sync.stop());
    return sync;
  };
  return { clock, data, store, waits, start };
};

const placeQueued = async (data: KioskData) => {
  const order = await data.placeOrder(sampleOrder(), 'counter');
  return data.transitionOrder(order.orderId, 'queued');
};

describe('outbox sync', () => {
  it('delivers in queue order and marks a queued order delivered on acknowledgement', async () => {
    const { data, store, start } = await setup();
    const first = await placeQueued(data);
    const event = await data.recordEvent({ type: 'completed', durationMs: 1000 });
    const second = await placeQueued(data);
    const sync = start();
    await sync.whenIdle();
    expect(store.received.map((message) => (message.kind === 'order' ? message.orderId : message.eventId))).toEqual([
      first.orderId,
      event.eventId,
      second.orderId,
    ]);
    expect((await data.getOrder(first.orderId))?.status).toBe('delivered');
    expect((await data.getOrder(second.orderId))?.status).toBe('delivered');
    expect(await outboxCount(data.db, 'pending')).toBe(0);
  });

  it('sends what is queued while it runs, and never sends a delivered row again', async () => {
    const { data, store, start } = await setup();
    const sync = start();
    await sync.whenIdle();
    const order = await placeQueued(data);
    await expect.poll(async () => (await data.getOrder(order.orderId))?.status === 'delivered', POLL).toBe(true);
    await sync.whenIdle();
    await data.recordEvent({ type: 'session_started' });
    await sync.whenIdle();
    // Placing and queueing may have gone out as one or two documents; none went twice.
    const ids = store.calls.map((message) => message.messageId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(store.calls.filter((message) => message.kind === 'event')).toHaveLength(1);
    expect(store.applied.get(order.orderId)?.order.status).toBe('queued');
  });

  it('takes up what was just queued once the page has settled (the settle hook), not before', async () => {
    const settles: (() => void)[] = [];
    const { data, store, start } = await setup({
      settle: () => new Promise<void>((resolve) => settles.push(resolve)),
      // Idle until woken: no poll finds the row behind the settle hook's back.
      sleep: (_ms, wake) => new Promise<void>((resolve) => (wake.aborted ? resolve() : wake.addEventListener('abort', () => resolve(), { once: true }))),
    });
    const sync = start();
    const idle = sync.whenIdle();
    for (const resolve of settles.splice(0)) resolve();
    await idle;
    await data.recordEvent({ type: 'session_started' });
    expect(settles).toHaveLength(1);
    await new Promise((done) => setTimeout(done, 20));
    expect(store.calls).toHaveLength(0);
    settles[0]!();
    await expect.poll(() => store.calls.length, POLL).toBe(1);
  });

  it('backs off exponentially with jitter while the store is unreachable, and retries at once on kick', async () => {
    const { data, store, waits, start } = await setup({ backoff: { baseMs: 100, maxMs: 1_000 } });
    store.online = false;
    await placeQueued(data);
    const sync = start();
    await expect.poll(() => store.calls.length >= 6, POLL).toBe(true);
    // random() = 0.5 → three quarters of each capped step: 100, 200, 400, 800, 1000, 1000 …
    expect(waits.slice(0, 6)).toEqual([75, 150, 300, 600, 750, 750]);
    // An unreachable store is not the message's fault: no attempts counted, no dead letter.
    const [row] = await data.db.outbox.toArray();
    expect(row).toMatchObject({ state: 'pending', attempts: 0 });
    store.online = true;
    sync.kick();
    await sync.whenIdle();
    expect(store.received).toHaveLength(1);
  });

  it('counts refusals with backoff, turns the message into a visible dead letter after N, and goes on with the rest', async () => {
    const { data, store, waits, start } = await setup({ maxAttempts: 3, backoff: { baseMs: 1_000, maxMs: 60_000 } });
    const poison = await placeQueued(data);
    const next = await placeQueued(data);
    const [poisonRow] = await data.db.outbox.toArray();
    store.refuse.add(poisonRow!.messageId);
    const sync = start();
    await sync.whenIdle();
    // Refused three times: the first two were retried after 750 and 1500 ms (virtual), the third made it dead.
    expect(store.calls.filter((message) => message.messageId === poisonRow!.messageId)).toHaveLength(3);
    expect(waits).toEqual(expect.arrayContaining([750, 1500]));
    const dead = await data.listDeadLetters();
    expect(dead).toHaveLength(1);
    expect(dead[0]).toMatchObject({ subjectId: poison.orderId, attempts: 3, lastError: expect.stringContaining('refused') });
    expect((await data.getOrder(next.orderId))?.status).toBe('delivered');
    expect((await data.getOrder(poison.orderId))?.status).toBe('queued');

    // Staff fixes the cause and sends it again.
    store.refuse.clear();
    await data.retryDeadLetter(dead[0]!.seq);
    await expect.poll(async () => (await data.getOrder(poison.orderId))?.status === 'delivered', POLL).toBe(true);
    expect(await data.listDeadLetters()).toEqual([]);
    await expect(data.retryDeadLetter(dead[0]!.seq)).rejects.toThrow(/not a dead letter/);
  });

  it('has an exactly-once effect when an acknowledgement is lost: the store de-duplicates on order id + revision', async () => {
    const { data, store, start } = await setup();
    const order = await placeQueued(data);
    const [row] = await data.db.outbox.toArray();
    store.loseAckOnce.add(row!.messageId);
    const sync = start();
    await expect.poll(async () => (await data.getOrder(order.orderId))?.status === 'delivered', POLL).toBe(true);
    await sync.whenIdle();
    expect(store.receivedFor(order.orderId)).toHaveLength(2);
    expect(store.effects.get(`${order.orderId}#${row!.message.kind === 'order' ? row!.message.revision : -1}`)).toBe(1);
  });

  it('de-duplicates: one undelivered message per order carries its latest state', async () => {
    const { data, store, start } = await setup();
    store.online = false;
    const placed = await data.placeOrder(sampleOrder(), 'card');
    await data.beginPayment(placed.orderId);
    await data.recordPaymentOutcome(placed.orderId, { result: 'approved' });
    await data.transitionOrder(placed.orderId, 'receipt_printed');
    await data.transitionOrder(placed.orderId, 'queued');
    const rows = await data.db.outbox.toArray();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.message).toMatchObject({ kind: 'order', revision: 5, order: { status: 'queued' } });
    store.online = true;
    const sync = start();
    await sync.whenIdle();
    expect(store.receivedFor(placed.orderId)).toHaveLength(1);
    expect((await data.getOrder(placed.orderId))?.status).toBe('delivered');
  });

  it('keeps a newer document queued when it replaced the one in flight', async () => {
    const { data, store, start } = await setup();
    const order = await placeQueued(data);
    // While the queued document is on its way, staff cancels the unpaid counter order.
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const deliverOne = store.deliverOne.bind(store);
    let first = true;
    store.deliverOne = async (message) => {
      if (first) {
        first = false;
        await gate;
        store.take(message);
        return { outcome: 'delivered' };
      }
      return deliverOne(message);
    };
    const sync = start();
    await expect.poll(() => store.calls.length === 1, POLL).toBe(true);
    await data.transitionOrder(order.orderId, 'cancelled_by_staff');
    release();
    await sync.whenIdle();
    const statuses = store.receivedFor(order.orderId).map((message) => message.kind === 'order' && message.order.status);
    expect(statuses).toEqual(['queued', 'cancelled']);
    expect((await data.getOrder(order.orderId))?.status).toBe('cancelled');
  });

  it('keeps a counter order paid when staff marks it paid before the acknowledgement arrives', async () => {
    const { data, store, start } = await setup();
    const order = await placeQueued(data);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const deliverOne = store.deliverOne.bind(store);
    let first = true;
    store.deliverOne = async (message) => {
      if (first) {
        first = false;
        const answer = await deliverOne(message);
        await gate;
        return answer;
      }
      return deliverOne(message);
    };
    const sync = start();
    await expect.poll(() => store.received.length === 1, POLL).toBe(true);
    expect((await data.transitionOrder(order.orderId, 'staff_marked_paid')).status).toBe('paid');
    release();
    await sync.whenIdle();
    expect((await data.getOrder(order.orderId))?.status).toBe('paid');
    expect(store.applied.get(order.orderId)?.order.status).toBe('paid');
  });

  it('does not count a refusal against a newer document that replaced the refused one', async () => {
    const { data, store, start } = await setup({ maxAttempts: 1 });
    const order = await placeQueued(data);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const deliverOne = store.deliverOne.bind(store);
    let first = true;
    store.deliverOne = async (message) => {
      if (first) {
        first = false;
        await gate;
        return { outcome: 'refused', reason: 'store refused the old document' };
      }
      return deliverOne(message);
    };
    const sync = start();
    await expect.poll(() => store.calls.length === 1, POLL).toBe(true);
    await data.transitionOrder(order.orderId, 'cancelled_by_staff');
    release();
    await sync.whenIdle();
    // With maxAttempts 1 the refusal would have made it dead had it been counted against the new document.
    expect(await data.listDeadLetters()).toEqual([]);
    expect(store.applied.get(order.orderId)?.order.status).toBe('cancelled');
  });

  it('takes 500 orders with the store unreachable, then delivers each exactly once after reconnecting', async () => {
    const { data, store, start } = await setup({ backoff: { baseMs: 50, maxMs: 5_000 } });
    store.online = false;
    const sync = start();
    const orderIds: string[] = [];
    for (let i = 0; i < 500; i += 1) {
      const order = await data.placeOrder(sampleOrder(), i % 2 ? 'counter' : 'card');
      if (order.paymentMethod === 'card') {
        await data.beginPayment(order.orderId);
        await data.recordPaymentOutcome(order.orderId, { result: 'approved', terminal: { maskedPan: '4111 11** **** 1111', authCode: 'A1', trace: i } });
        await data.transitionOrder(order.orderId, 'receipt_printed');
      }
      await data.transitionOrder(order.orderId, 'queued');
      orderIds.push(order.orderId);
    }
    expect(store.calls.length).toBeGreaterThan(0);
    expect(store.received).toHaveLength(0);
    expect(new Set((await data.listOrders()).map((order) => order.orderNumber)).size).toBe(500);

    store.online = true;
    sync.kick();
    await expect.poll(async () => (await data.db.orders.where('status').equals('delivered').count()) === 500, { ...POLL, timeout: 60_000 }).toBe(true);
    await sync.whenIdle();

    const perOrder = new Map<string, number>();
    for (const message of store.received) if (message.kind === 'order') perOrder.set(message.orderId, (perOrder.get(message.orderId) ?? 0) + 1);
    expect(perOrder.size).toBe(500);
    expect([...perOrder.values()].every((count) => count === 1)).toBe(true);
    expect(orderIds.every((orderId) => perOrder.get(orderId) === 1)).toBe(true);
    // Delivered in the order they were taken.
    expect(store.received.map((message) => message.kind === 'order' && message.orderId)).toEqual(orderIds);
    expect(await data.listDeadLetters()).toEqual([]);
  }, 120_000);
});

describe('outbox sync: one loop', () => {
  it('refuses a second loop on the same database until the first stops', async () => {
    const { start } = await setup();
    const first = start();
    expect(() => start()).toThrow(/already running/);
    await first.stop();
    await start().whenIdle();
  });
});

describe('outbox rows', () => {
  it('gives a newer document of an order a clean slate when it replaces a refused one', async () => {
    const { data } = await setup();
    const order = await data.placeOrder(sampleOrder(), 'counter');
    const row = (await firstPending(data))!;
    const policy = { maxAttempts: 5, delayMs: () => 60_000 };
    await data.outbox.record([row], [{ outcome: 'refused', reason: 'no' }], policy);
    await data.outbox.record([row], [{ outcome: 'refused', reason: 'no' }], policy);
    expect(await firstPending(data)).toMatchObject({ attempts: 2, lastError: 'no' });
    await data.transitionOrder(order.orderId, 'queued');
    const replaced = await firstPending(data);
    expect(replaced).toMatchObject({ seq: row.seq, attempts: 0, nextAttemptAt: 0, message: { revision: 2 } });
    expect(replaced?.lastError).toBeUndefined();
  });
});
