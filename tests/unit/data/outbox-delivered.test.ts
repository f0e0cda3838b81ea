// An order reads delivered once the store acknowledged it: its outbox row leaves in the commit
// that records the acknowledgement, and the order row is marked before the sync loop next waits
// (not between batches, so a backlog drains at the outbox's pace), or when the loop starts after
// a stop that came between the two.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { openKioskData, startOutboxSync, type KioskData } from '../../../renderer/data';
import { outboxHarness, POLL, queueCounterOrders, recordingSleep } from './fixtures';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const setup = () => outboxHarness(cleanups);

const statuses = async (data: KioskData, orderIds: string[]) => Promise.all(orderIds.map(async (orderId) => (await data.getOrder(orderId))?.status));

describe('orders marked delivered', () => {
  it('marks a backlog once the loop has drained it, in one pass, not batch by batch', async () => {
    const { data, store, start } = await setup();
    const orderIds = await queueCounterOrders(data, 30);
    const marked: (readonly string[] | undefined)[] = [];
    const markDelivered = data.outbox.markDelivered.bind(data.outbox);
    data.outbox.markDelivered = (options) => {
      marked.push(options?.orderIds);
      return markDelivered(options);
    };
    const seenWhileSending: string[][] = [];
    const deliver = store.deliver.bind(store);
    store.deliver = async (messages) => {
      seenWhileSending.push((await statuses(data, orderIds)).filter((status) => status !== undefined));
      return deliver(messages);
    };
    const sync = start({ batchSize: 10 });
    await sync.whenIdle();
    expect(store.batches).toHaveLength(3);
    // While the backlog went out, no order row was rewritten.
    for (const seen of seenWhileSending) expect(new Set(seen)).toEqual(new Set(['queued']));
    // The start's look at every queued order (none acknowledged yet), then the 30 at once before going idle.
    expect(marked).toEqual([undefined, orderIds]);
    expect(await statuses(data, orderIds)).toEqual(orderIds.map(() => 'delivered'));
  });

  it('marks what was acknowledged before waiting out a backoff', async () => {
    const { data, store, start } = await setup();
    const orderIds = await queueCounterOrders(data, 4);
    const rows = await data.db.outbox.orderBy('seq').toArray();
    store.dropConnectionAtOnce.add(rows[2]!.messageId);
    const sync = start({ batchSize: 10 });
    await expect.poll(async () => (await statuses(data, orderIds)).join(), POLL).toBe('delivered,delivered,queued,queued');
    store.online = true;
    sync.kick();
    await sync.whenIdle();
    expect(await statuses(data, orderIds)).toEqual(orderIds.map(() => 'delivered'));
  });

  it('marks at start what a stop left between the commit and the marking', async () => {
    const { options, data, store } = await setup();
    const orderIds = await queueCounterOrders(data, 3);
    const rows = await data.db.outbox.orderBy('seq').toArray();
    // The store acknowledged all three and the commit recorded it; the kiosk stopped before marking.
    await data.outbox.record(rows, rows.map(() => ({ outcome: 'delivered' as const })), { maxAttempts: 3, delayMs: () => 1_000 });
    data.close();

    const restarted = await openKioskData(options);
    cleanups.push(() => restarted.close());
    expect(await statuses(restarted, orderIds)).toEqual(['queued', 'queued', 'queued']);
    const sync = startOutboxSync({ data: restarted, link: store, sleep: recordingSleep().sleep, log: () => undefined });
    cleanups.push(() => sync.stop());
    await sync.whenIdle();
    expect(await statuses(restarted, orderIds)).toEqual(['delivered', 'delivered', 'delivered']);
    // Nothing was sent again: the rows had left the outbox.
    expect(store.received).toEqual([]);
  });

  it('leaves a queued order whose message is still pending or dead, and one that moved on meanwhile', async () => {
    const { data } = await setup();
    const [pending, dead, paid, acknowledged] = await queueCounterOrders(data, 4);
    const rows = await data.db.outbox.orderBy('seq').toArray();
    const policy = { maxAttempts: 1, delayMs: () => 1_000 };
    await data.outbox.record([rows[1]!], [{ outcome: 'refused', reason: 'no', code: 'bad_request' }], policy);
    await data.outbox.record([rows[2]!, rows[3]!], [{ outcome: 'delivered' }, { outcome: 'delivered' }], policy);
    // Staff took the money before the kiosk marked the order delivered: the lifecycle allows it from queued.
    await data.transitionOrder(paid!, 'staff_marked_paid');
    expect(await data.outbox.markDelivered({ orderIds: [pending!, dead!, paid!, acknowledged!] })).toBe(1);
    expect(await statuses(data, [pending!, dead!, paid!, acknowledged!])).toEqual(['queued', 'queued', 'paid', 'delivered']);
    // Looking at every queued order finds nothing more.
    expect(await data.outbox.markDelivered()).toBe(0);
  });
});
