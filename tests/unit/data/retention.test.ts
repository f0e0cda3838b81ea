import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { openKioskData, startOutboxSync, type KioskData } from '../../../renderer/data';
import { FakeStore, TestClock, dataOptions, recordingSleep, sampleOrder } from './fixtures';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const DAY = 24 * 60 * 60 * 1000;

const deliverAll = async (data: KioskData) => {
  const sync = startOutboxSync({ data, link: new FakeStore(), sleep: recordingSleep().sleep, log: () => undefined });
  await sync.whenIdle();
  await sync.stop();
};

describe('pruneDelivered', () => {
  it('removes finished, acknowledged orders and events older than the period, and keeps everything else', async () => {
    const clock = new TestClock(new Date('2026-01-01T10:00:00Z'));
    const data = await openKioskData(dataOptions(clock, { log: () => undefined }));
    cleanups.push(() => data.close());

    // Day 0: a card order delivered, a counter order delivered then paid, a cancelled one, and an event.
    const card = await data.placeOrder(sampleOrder(), 'card');
    await data.beginPayment(card.orderId);
    await data.recordPaymentOutcome(card.orderId, { result: 'approved', terminal: { authCode: '1' } });
    await data.transitionOrder(card.orderId, 'receipt_failed');
    await data.transitionOrder(card.orderId, 'queued');
    const counter = await data.transitionOrder((await data.placeOrder(sampleOrder(), 'counter')).orderId, 'queued');
    const cancelled = await data.transitionOrder((await data.placeOrder(sampleOrder(), 'card')).orderId, 'cancelled_by_customer');
    const oldEvent = await data.recordEvent({ type: 'session_started' });
    await deliverAll(data);
    await data.transitionOrder(counter.orderId, 'staff_marked_paid');
    await deliverAll(data);
    // Day 0 too, but never acknowledged: a delivered order whose later message the store has not taken.
    const unpaid = await data.placeOrder(sampleOrder(), 'card');

    clock.advance(31 * DAY);
    const recent = await data.transitionOrder((await data.placeOrder(sampleOrder(), 'counter')).orderId, 'queued');
    const recentEvent = await data.recordEvent({ type: 'completed', durationMs: 5 });
    await deliverAll(data);

    const result = await data.pruneDelivered({ olderThanDays: 30 });
    expect(result).toMatchObject({ orders: 3, events: 1, paymentAttempts: 1 });
    for (const orderId of [card.orderId, counter.orderId, cancelled.orderId]) {
      expect(await data.getOrder(orderId)).toBeUndefined();
      expect(await data.db.outbox.where('[kind+subjectId]').equals(['order', orderId]).count()).toBe(0);
    }
    expect(await data.paymentAttempts(card.orderId)).toEqual([]);
    expect(await data.db.events.get(oldEvent.eventId)).toBeUndefined();
    // Not finished (an unpaid placed order), or too recent: kept.
    expect((await data.getOrder(unpaid.orderId))?.status).toBe('placed');
    expect((await data.getOrder(recent.orderId))?.status).toBe('delivered');
    expect(await data.db.events.get(recentEvent.eventId)).toBeDefined();
  });

  it('keeps a finished order whose message the store has not acknowledged', async () => {
    const clock = new TestClock();
    const data = await openKioskData(dataOptions(clock));
    cleanups.push(() => data.close());
    const order = await data.transitionOrder((await data.placeOrder(sampleOrder(), 'card')).orderId, 'cancelled_by_customer');
    const event = await data.recordEvent({ type: 'abandoned' });
    clock.advance(100 * DAY);
    expect(await data.pruneDelivered({ olderThanDays: 30 })).toEqual({ orders: 0, outboxRows: 0, events: 0, paymentAttempts: 0 });
    expect(await data.getOrder(order.orderId)).toBeDefined();
    expect(await data.db.events.get(event.eventId)).toBeDefined();
  });

  it('keeps a finished order whose message became a dead letter, and drops one whose rows an older version kept as delivered', async () => {
    const clock = new TestClock();
    const data = await openKioskData(dataOptions(clock, { log: () => undefined }));
    cleanups.push(() => data.close());
    const dead = await data.transitionOrder((await data.placeOrder(sampleOrder(), 'card')).orderId, 'cancelled_by_customer');
    const logged = await data.transitionOrder((await data.placeOrder(sampleOrder(), 'card')).orderId, 'cancelled_by_customer');
    const loggedEvent = await data.recordEvent({ type: 'abandoned' });
    const deadRow = (await data.db.outbox.where('[kind+subjectId]').equals(['order', dead.orderId]).first())!;
    await data.db.outbox.update(deadRow.seq, { state: 'dead', attempts: 8 });
    // The delivery log of an older version: rows marked delivered instead of removed.
    await data.db.outbox.where('[kind+subjectId]').anyOf([['order', logged.orderId], ['event', loggedEvent.eventId]]).modify({ state: 'delivered' });
    clock.advance(100 * DAY);
    expect(await data.pruneDelivered({ olderThanDays: 30 })).toEqual({ orders: 1, outboxRows: 2, events: 1, paymentAttempts: 0 });
    expect(await data.getOrder(logged.orderId)).toBeUndefined();
    expect(await data.db.events.get(loggedEvent.eventId)).toBeUndefined();
    expect(await data.getOrder(dead.orderId)).toBeDefined();
    expect((await data.db.outbox.toArray()).map((row) => [row.subjectId, row.state])).toEqual([[dead.orderId, 'dead']]);
  });

  it('keeps the database bounded over months of daily pruning', async () => {
    const clock = new TestClock(new Date('2026-01-01T10:00:00Z'));
    const data = await openKioskData(dataOptions(clock, { log: () => undefined }));
    cleanups.push(() => data.close());
    const sizes: number[] = [];
    for (let day = 0; day < 90; day += 1) {
      for (let i = 0; i < 3; i += 1) {
        await data.transitionOrder((await data.placeOrder(sampleOrder(), 'counter')).orderId, 'queued');
        await data.recordEvent({ type: 'completed', durationMs: 1 });
      }
      await deliverAll(data);
      await data.pruneDelivered({ olderThanDays: 7 });
      sizes.push((await data.db.orders.count()) + (await data.db.outbox.count()) + (await data.db.events.count()));
      clock.advance(DAY);
    }
    // After the first week the size stops growing.
    expect(Math.max(...sizes.slice(10))).toBe(Math.max(...sizes.slice(60)));
    // 8 days kept (today and the 7 before) × 3 × (order + event); a delivered message left the outbox at once.
    expect(Math.max(...sizes)).toBe(8 * 3 * 2);
  }, 60_000);

  it('refuses a negative period', async () => {
    const data = await openKioskData(dataOptions(new TestClock()));
    cleanups.push(() => data.close());
    await expect(data.pruneDelivered({ olderThanDays: -1 })).rejects.toThrow(/olderThanDays.*-1/);
  });
});
