import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { openKioskData, type KioskData } from '../../../renderer/data';
import { OrderLifecycleError } from '../../../common/order/order-lifecycle';
import { TestClock, dataOptions, sampleOrder } from './fixtures';

const opened: KioskData[] = [];
afterEach(() => {
  for (const data of opened.splice(0)) data.close();
});
const open = async (clock = new TestClock()) => {
  const data = await openKioskData(dataOptions(clock));
  opened.push(data);
  return { data, clock };
};

describe('order transitions', () => {
  it('walks a card order through payment, receipt and queue, queueing each state for the store', async () => {
    const { data, clock } = await open();
    const order = await data.placeOrder(sampleOrder(), 'card');
    clock.advance(1000);
    const { order: pending, attempt } = await data.beginPayment(order.orderId);
    expect(pending.status).toBe('payment_pending');
    expect(attempt).toMatchObject({ orderId: order.orderId, attempt: 1, paymentKey: `${order.orderId}#1`, amount: 500, currency: 'EUR', outcome: 'pending' });
    const paid = await data.recordPaymentOutcome(order.orderId, {
      result: 'approved',
      terminal: { maskedPan: '4111 11** **** 1111', authCode: '123456', trace: 123, receiptNumber: 42 },
    });
    expect(paid.status).toBe('paid');
    expect((await data.transitionOrder(order.orderId, 'receipt_printed')).status).toBe('receipt_printed');
    const queued = await data.transitionOrder(order.orderId, 'queued');
    expect(queued).toMatchObject({ status: 'queued', updatedAt: clock.now().toISOString(), placedAt: order.placedAt });
    expect(await data.paymentAttempts(order.orderId)).toEqual([
      expect.objectContaining({ attempt: 1, outcome: 'approved', terminal: expect.objectContaining({ authCode: '123456' }) }),
    ]);
    const row = await data.db.orders.get(order.orderId);
    expect(row?.revision).toBe(5);
  });

  it('retries after a decline as a new attempt, and lets the customer switch to the counter', async () => {
    const { data } = await open();
    const order = await data.placeOrder(sampleOrder(), 'card');
    await data.beginPayment(order.orderId);
    expect((await data.recordPaymentOutcome(order.orderId, { result: 'declined', terminal: { resultCode: 5 } })).status).toBe('placed');
    const { attempt } = await data.beginPayment(order.orderId);
    expect(attempt.attempt).toBe(2);
    await data.recordPaymentOutcome(order.orderId, { result: 'aborted' });
    const counter = await data.transitionOrder(order.orderId, 'choose_counter');
    expect(counter).toMatchObject({ status: 'awaiting_counter_payment', paymentMethod: 'counter' });
    expect((await data.paymentAttempts(order.orderId)).map((row) => row.outcome)).toEqual(['declined', 'aborted']);
  });

  it('records an unresolved payment that staff settles', async () => {
    const { data } = await open();
    const order = await data.placeOrder(sampleOrder(), 'card');
    await data.beginPayment(order.orderId);
    expect((await data.recordPaymentOutcome(order.orderId, { result: 'no_answer' })).status).toBe('payment_unknown');
    expect((await data.transitionOrder(order.orderId, 'staff_marked_paid')).status).toBe('paid');
    expect((await data.paymentAttempts(order.orderId))[0]?.outcome).toBe('staff_marked_paid');
  });

  it('refuses a forbidden step with an error naming state and event, and changes nothing', async () => {
    const { data } = await open();
    const order = await data.placeOrder(sampleOrder(), 'card');
    await expect(data.transitionOrder(order.orderId, 'queued')).rejects.toThrow(OrderLifecycleError);
    await expect(data.transitionOrder(order.orderId, 'queued')).rejects.toThrow(/"queued".*"placed"/);
    await data.beginPayment(order.orderId);
    // A payment in flight is never started twice.
    await expect(data.beginPayment(order.orderId)).rejects.toThrow(/"payment_requested".*"payment_pending"/);
    expect(await data.paymentAttempts(order.orderId)).toHaveLength(1);
    expect((await data.db.orders.get(order.orderId))?.revision).toBe(2);
  });

  it('sends payment and delivery events through their own entry points', async () => {
    const { data } = await open();
    const order = await data.placeOrder(sampleOrder(), 'card');
    await expect(data.transitionOrder(order.orderId, 'payment_requested')).rejects.toThrow(/beginPayment/);
    await expect(data.transitionOrder(order.orderId, 'payment_approved')).rejects.toThrow(/recordPaymentOutcome/);
    await expect(data.transitionOrder(order.orderId, 'delivered')).rejects.toThrow(/outbox sync/);
    await expect(data.transitionOrder('no-such-order', 'queued')).rejects.toThrow(/no-such-order does not exist/);
    await expect(data.recordPaymentOutcome(order.orderId, { result: 'approved' })).rejects.toThrow(/"payment_approved".*"placed"/);
  });

  it('never stores a card number, and says why', async () => {
    const { data } = await open();
    const order = await data.placeOrder(sampleOrder(), 'card');
    await data.beginPayment(order.orderId);
    await expect(data.recordPaymentOutcome(order.orderId, { result: 'approved', terminal: { maskedPan: '4111111111111111' } })).rejects.toThrow(
      /never stored[\s\S]*maskedPan/,
    );
    expect((await data.getOrder(order.orderId))?.status).toBe('payment_pending');
    expect((await data.paymentAttempts(order.orderId))[0]?.terminal).toBeUndefined();
  });

  it('writes payment_pending with strict durability before the request may leave', async () => {
    const prototype = IDBDatabase.prototype;
    const original = prototype.transaction;
    const seen: { names: string[]; durability?: IDBTransactionDurability }[] = [];
    prototype.transaction = function (this: IDBDatabase, names: string | string[], mode?: IDBTransactionMode, options?: IDBTransactionOptions) {
      if (mode === 'readwrite') seen.push({ names: [names].flat(), durability: options?.durability });
      return original.call(this, names, mode, options);
    } as typeof original;
    try {
      const { data } = await open();
      const order = await data.placeOrder(sampleOrder(), 'card');
      seen.length = 0;
      await data.beginPayment(order.orderId);
      expect(seen).toEqual([{ names: expect.arrayContaining(['orders', 'outbox', 'paymentJournal']), durability: 'strict' }]);
    } finally {
      prototype.transaction = original;
    }
  });
});
