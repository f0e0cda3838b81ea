import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, onTestFinished } from 'vitest';
import { openKioskData, type KioskData } from '../../../renderer/data';
import { TestClock, dataOptions, sampleOrder } from './fixtures';

const opened: KioskData[] = [];
const open = async (...args: Parameters<typeof dataOptions>) => {
  const data = await openKioskData(dataOptions(...args));
  opened.push(data);
  return data;
};
afterEach(() => {
  for (const data of opened.splice(0)) data.close();
});

describe('placeOrder', () => {
  it('numbers orders per local day and kiosk, and restarts the counter at local midnight', async () => {
    const clock = new TestClock(new Date('2026-11-25T10:00:00Z'));
    const data = await open(clock);
    const first = await data.placeOrder(sampleOrder(), 'card');
    const second = await data.placeOrder(sampleOrder(), 'counter');
    expect([first.orderNumber, second.orderNumber]).toEqual(['B-001', 'B-002']);
    // 22:59 UTC is still 25 Nov in Berlin (UTC+1); 23:00 UTC is the next local day.
    clock.set('2026-11-25T22:59:00Z');
    expect((await data.placeOrder(sampleOrder(), 'card')).orderNumber).toBe('B-003');
    clock.set('2026-11-25T23:00:00Z');
    expect((await data.placeOrder(sampleOrder(), 'card')).orderNumber).toBe('B-001');
  });

  it('stores the order with its status, times and one outbox message, all in one transaction', async () => {
    const clock = new TestClock();
    const data = await open(clock);
    const card = await data.placeOrder(sampleOrder(), 'card');
    const counter = await data.placeOrder(sampleOrder(), 'counter');
    expect(card).toMatchObject({ status: 'placed', paymentMethod: 'card', placedAt: clock.now().toISOString() });
    expect(counter).toMatchObject({ status: 'awaiting_counter_payment', paymentMethod: 'counter' });
    expect(await data.getOrder(card.orderId)).toEqual(card);
    const outbox = await data.db.outbox.toArray();
    expect(outbox.map((row) => [row.kind, row.subjectId, row.state])).toEqual([
      ['order', card.orderId, 'pending'],
      ['order', counter.orderId, 'pending'],
    ]);
    expect(outbox[0]!.message).toMatchObject({ kind: 'order', orderId: card.orderId, order: card });
  });

  it('returns the stored order when the same orderId is placed again (no second number)', async () => {
    const data = await open(new TestClock());
    const input = sampleOrder();
    const first = await data.placeOrder(input, 'card');
    const again = await data.placeOrder(input, 'card');
    expect(again).toEqual(first);
    expect(await data.db.orders.count()).toBe(1);
    expect(await data.db.outbox.count()).toBe(1);
  });

  it('refuses an invalid order with a message naming the field, and stores nothing', async () => {
    const data = await open(new TestClock());
    await expect(data.placeOrder(sampleOrder({ lines: [] }), 'card')).rejects.toThrow(/lines/);
    await expect(data.placeOrder(sampleOrder(), 'cash' as 'card')).rejects.toThrow(/"card" or "counter"/);
    expect(await data.db.orders.count()).toBe(0);
    expect(await data.db.outbox.count()).toBe(0);
    expect(await data.db.counters.count()).toBe(0);
  });

  it('commits with strict durability', async () => {
    // Dexie binds IDBDatabase.transaction when it opens, so watch the prototype before opening.
    const prototype = IDBDatabase.prototype;
    const original = prototype.transaction;
    const seen: { mode?: IDBTransactionMode; durability?: IDBTransactionDurability }[] = [];
    prototype.transaction = function (this: IDBDatabase, names: string | string[], mode?: IDBTransactionMode, options?: IDBTransactionOptions) {
      seen.push({ mode, durability: options?.durability });
      return original.call(this, names, mode, options);
    } as typeof original;
    onTestFinished(() => {
      prototype.transaction = original;
    });
    const data = await open(new TestClock());
    await data.placeOrder(sampleOrder(), 'card');
    const writes = seen.filter((transaction) => transaction.mode === 'readwrite');
    expect(writes.length).toBeGreaterThan(0);
    expect(writes.every((transaction) => transaction.durability === 'strict')).toBe(true);
  });
});

describe('draft', () => {
  it('saves, loads and clears the cart', async () => {
    const clock = new TestClock();
    const data = await open(clock);
    expect(await data.loadDraft()).toBeUndefined();
    const lines = [{ lineId: 'l1', selection: { kind: 'item' as const, itemId: 'fries', sizeId: 'large', quantity: 2, removedIngredientIds: [], options: {} } }];
    const startedAt = Date.parse('2026-11-25T09:58:00Z');
    await data.saveDraft({ sessionId: 's1', startedAt, screen: 'review', serviceMode: 'take_away', locale: 'de', lines });
    expect(await data.loadDraft()).toEqual({ sessionId: 's1', startedAt, screen: 'review', serviceMode: 'take_away', locale: 'de', lines, updatedAt: clock.now().toISOString() });
    await data.clearDraft();
    expect(await data.loadDraft()).toBeUndefined();
  });

  it('keeps a cart saved without a start time or screen as reached the menu, start unknown', async () => {
    const data = await open(new TestClock());
    await data.saveDraft({ serviceMode: 'eat_in', locale: 'en', lines: [] });
    const draft = await data.loadDraft();
    expect(draft).toMatchObject({ screen: 'menu' });
    expect(draft).not.toHaveProperty('startedAt');
  });

  it('refuses a screen no draft is kept on', async () => {
    const data = await open(new TestClock());
    await expect(data.saveDraft({ serviceMode: 'eat_in', locale: 'en', lines: [], screen: 'attract' as never })).rejects.toThrow(/screen/);
  });

  it('survives closing and reopening the database', async () => {
    const clock = new TestClock();
    const options = dataOptions(clock);
    const first = await openKioskData(options);
    await first.saveDraft({ serviceMode: null, locale: 'en', lines: [] });
    first.close();
    const second = await openKioskData(options);
    opened.push(second);
    expect(await second.loadDraft()).toMatchObject({ serviceMode: null, locale: 'en', lines: [] });
  });

  it('refuses a malformed cart line with a message naming it', async () => {
    const data = await open(new TestClock());
    await expect(
      data.saveDraft({ serviceMode: 'eat_in', locale: 'en', lines: [{ lineId: 'l1', selection: { kind: 'item', itemId: 'x', quantity: 0 } as never }] }),
    ).rejects.toThrow(/lines\[0\]\.selection\.quantity|quantity/);
  });
});

describe('recordEvent', () => {
  it('stores the event and queues it for the store', async () => {
    const clock = new TestClock();
    const data = await open(clock);
    const event = await data.recordEvent({ type: 'item_added', sessionId: 's1', durationMs: 4200, detail: { itemId: 'burger' } });
    expect(event).toMatchObject({ type: 'item_added', sessionId: 's1', durationMs: 4200, at: clock.now().toISOString() });
    expect(await data.db.events.get(event.eventId)).toEqual(event);
    const [row] = await data.db.outbox.toArray();
    expect(row).toMatchObject({ kind: 'event', subjectId: event.eventId, state: 'pending', message: { event } });
  });

  it('keeps the recorded order of events written in the same millisecond (reports sort by time)', async () => {
    const clock = new TestClock();
    const data = await open(clock);
    const first = await data.recordEvent({ type: 'staff_action', detail: { action: 'switched_to_counter' } });
    const second = await data.recordEvent({ type: 'staff_action', detail: { action: 'signed_out' } });
    expect(first.at).toBe(clock.now().toISOString());
    expect(second.at > first.at).toBe(true);
    const sorted = (await data.db.events.orderBy('at').toArray()).map((event) => event.detail?.action);
    expect(sorted).toEqual(['switched_to_counter', 'signed_out']);
    // Time moving on is taken as it is.
    clock.advance(60_000);
    expect((await data.recordEvent({ type: 'staff_action' })).at).toBe(clock.now().toISOString());
  });

  it('refuses a malformed event type', async () => {
    const data = await open(new TestClock());
    await expect(data.recordEvent({ type: 'Item Added' })).rejects.toThrow(/type/);
  });
});
