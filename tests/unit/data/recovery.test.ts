import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import {
  CONFIRMATION_DISMISSED_EVENT,
  openKioskData,
  recoverOnStart,
  startOutboxSync,
  type KioskData,
  type KioskDataOptions,
  type PaymentResolution,
  type ReceiptCheck,
} from '../../../renderer/data';
import type { OrderDocument } from '../../../common/order/order';
import { FakeStore, TestClock, dataOptions, recordingSleep, sampleOrder } from './fixtures';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Opens, lets `before` run, closes ("the kiosk dies"), and opens the same database again. */
const crashAndRestart = async (clock: TestClock, before: (data: KioskData) => Promise<void>) => {
  const options: KioskDataOptions = dataOptions(clock, { log: () => undefined });
  const first = await openKioskData(options);
  await before(first);
  first.close();
  const second = await openKioskData(options);
  cleanups.push(() => second.close());
  return second;
};

const ports = (resolutions: Record<string, PaymentResolution | Error> = {}, receipts: Record<string, ReceiptCheck> = {}) => {
  const asked: { payment: string[]; receipt: string[] } = { payment: [], receipt: [] };
  return {
    asked,
    resolvePayment: async (order: OrderDocument) => {
      asked.payment.push(order.orderId);
      const answer = resolutions[order.orderId] ?? { result: 'unknown', reason: 'terminal has no record' };
      if (answer instanceof Error) throw answer;
      return answer;
    },
    checkReceipt: async (order: OrderDocument) => {
      asked.receipt.push(order.orderId);
      return receipts[order.orderId] ?? 'unknown';
    },
  };
};

const line = { lineId: 'l1', selection: { kind: 'item' as const, itemId: 'burger', quantity: 1, removedIngredientIds: [], options: {} } };

describe('recovery at start', () => {
  it('offers a recent draft back', async () => {
    const clock = new TestClock();
    const data = await crashAndRestart(clock, (data) => data.saveDraft({ sessionId: 's1', serviceMode: 'eat_in', locale: 'en', lines: [line] }));
    clock.advance(5 * 60_000);
    const report = await recoverOnStart({ data, ...ports() });
    expect(report.draft).toMatchObject({ sessionId: 's1', lines: [line] });
    expect(report.draftCleared).toBe(false);
    expect(await data.loadDraft()).toBeDefined();
  });

  it('clears an old draft', async () => {
    const clock = new TestClock();
    const data = await crashAndRestart(clock, (data) => data.saveDraft({ serviceMode: 'eat_in', locale: 'en', lines: [line] }));
    clock.advance(16 * 60_000);
    const report = await recoverOnStart({ data, ...ports() });
    expect(report.draft).toBeUndefined();
    expect(report.draftCleared).toBe(true);
    expect(await data.loadDraft()).toBeUndefined();
  });

  it('resolves payments in doubt with the terminal and never sends them again', async () => {
    const clock = new TestClock();
    const ids: Record<string, string> = {};
    const data = await crashAndRestart(clock, async (data) => {
      for (const name of ['paidPending', 'notPaidUnknown', 'unresolved', 'enquiryFails']) {
        const order = await data.placeOrder(sampleOrder(), 'card');
        ids[name] = order.orderId;
        await data.beginPayment(order.orderId);
      }
      await data.recordPaymentOutcome(ids.notPaidUnknown!, { result: 'no_answer' });
    });
    const { asked, ...recovery } = ports(
      {
        [ids.paidPending!]: { result: 'paid', terminal: { receiptNumber: 42, authCode: '777' } },
        [ids.notPaidUnknown!]: { result: 'not_paid' },
        [ids.unresolved!]: { result: 'unknown', reason: 'terminal does not know the receipt number' },
        [ids.enquiryFails!]: new Error('terminal offline'),
      },
      { [ids.paidPending!]: 'printed' },
    );
    const report = await recoverOnStart({ data, ...recovery });

    expect(report.paymentsResolved.map(({ order, result }) => [order.orderId, result])).toEqual(
      expect.arrayContaining([
        [ids.paidPending, 'paid'],
        [ids.notPaidUnknown, 'not_paid'],
      ]),
    );
    expect((await data.getOrder(ids.paidPending!))?.status).toBe('queued');
    expect((await data.paymentAttempts(ids.paidPending!))[0]).toMatchObject({ outcome: 'resolved_paid', terminal: { receiptNumber: 42 } });
    expect((await data.getOrder(ids.notPaidUnknown!))?.status).toBe('placed');
    expect(report.needsStaff.map(({ order, reason }) => [order.orderId, reason])).toEqual(
      expect.arrayContaining([
        [ids.unresolved, 'terminal does not know the receipt number'],
        [ids.enquiryFails, expect.stringContaining('terminal offline')],
      ]),
    );
    expect((await data.getOrder(ids.unresolved!))?.status).toBe('payment_unknown');
    // One attempt each: nothing was charged again.
    for (const orderId of Object.values(ids)) expect(await data.paymentAttempts(orderId)).toHaveLength(1);
    expect(asked.payment.sort()).toEqual(Object.values(ids).sort());
  });

  it('checks whether the receipt printed, and queues paid orders for the store', async () => {
    const clock = new TestClock();
    const ids: string[] = [];
    const data = await crashAndRestart(clock, async (data) => {
      for (let i = 0; i < 3; i += 1) {
        const order = await data.placeOrder(sampleOrder(), 'card');
        await data.beginPayment(order.orderId);
        await data.recordPaymentOutcome(order.orderId, { result: 'approved' });
        ids.push(order.orderId);
      }
      // The third crashed after the receipt, before queueing.
      await data.transitionOrder(ids[2]!, 'receipt_printed');
    });
    const { asked, ...recovery } = ports({}, { [ids[0]!]: 'printed', [ids[1]!]: 'not_printed' });
    const report = await recoverOnStart({ data, ...recovery });
    expect(asked.receipt.sort()).toEqual([ids[0], ids[1]].sort());
    expect(report.receiptsMissing.map((order) => order.orderId)).toEqual([ids[1]]);
    for (const orderId of ids) expect((await data.getOrder(orderId))?.status).toBe('queued');
    expect((await data.paymentAttempts(ids[1]!))[0]?.outcome).toBe('approved');
  });

  it('delivers what was queued before the crash', async () => {
    const clock = new TestClock();
    let orderId = '';
    const data = await crashAndRestart(clock, async (data) => {
      const order = await data.placeOrder(sampleOrder(), 'counter');
      orderId = order.orderId;
      await data.transitionOrder(orderId, 'queued');
    });
    let kicks = 0;
    await recoverOnStart({ data, ...ports(), sync: { kick: () => (kicks += 1), whenIdle: async () => undefined, stop: async () => undefined } });
    expect((await data.listOrders(['queued'])).map((order) => order.orderId)).toEqual([orderId]);
    expect(kicks).toBe(1);
    const store = new FakeStore();
    const sync = startOutboxSync({ data, link: store, sleep: recordingSleep(clock).sleep, log: () => undefined });
    cleanups.push(() => sync.stop());
    await sync.whenIdle();
    expect((await data.getOrder(orderId))?.status).toBe('delivered');
    expect(store.receivedFor(orderId)).toHaveLength(1);
  });
});

describe('recovery at start: orders the customer may still be acting on', () => {
  it('queues a counter order whose number may be on its way to the counter, and lists unpaid card orders', async () => {
    const clock = new TestClock();
    let counterId = '';
    let cardId = '';
    const data = await crashAndRestart(clock, async (data) => {
      counterId = (await data.placeOrder(sampleOrder(), 'counter')).orderId;
      cardId = (await data.placeOrder(sampleOrder(), 'card')).orderId;
    });
    const report = await recoverOnStart({ data, ...ports() });
    expect((await data.listOrders(['queued'])).map((order) => order.orderId)).toEqual([counterId]);
    expect(report.unpaidPlaced.map((order) => order.orderId)).toEqual([cardId]);
    expect(report.needsStaff).toEqual([]);
  });

  it('lists recent orders whose confirmation the customer never dismissed, newest last', async () => {
    const clock = new TestClock();
    const ids: Record<string, string> = {};
    const data = await crashAndRestart(clock, async (data) => {
      ids.old = (await data.placeOrder(sampleOrder(), 'counter')).orderId;
      clock.advance(20 * 60_000);
      ids.dismissed = (await data.placeOrder(sampleOrder(), 'counter')).orderId;
      await data.recordEvent({ type: CONFIRMATION_DISMISSED_EVENT, orderId: ids.dismissed });
      clock.advance(60_000);
      ids.unpaidCard = (await data.placeOrder(sampleOrder(), 'card')).orderId;
      const paid = await data.placeOrder(sampleOrder(), 'card');
      await data.beginPayment(paid.orderId);
      await data.recordPaymentOutcome(paid.orderId, { result: 'approved' });
      ids.paidCard = paid.orderId;
      clock.advance(1000);
      ids.counter = (await data.placeOrder(sampleOrder(), 'counter')).orderId;
    });
    clock.advance(2 * 60_000);
    const report = await recoverOnStart({ data, ...ports({}, { [ids.paidCard!]: 'printed' }) });
    // Not the one older than the window, not the dismissed one, not the card order nobody paid.
    expect(report.awaitingConfirmation.map((order) => order.orderId)).toEqual([ids.paidCard, ids.counter]);
    expect(report.awaitingConfirmation.map((order) => order.status)).toEqual(['queued', 'queued']);
  });

  it('runs twice without changing anything the second time', async () => {
    const clock = new TestClock();
    const data = await crashAndRestart(clock, async (data) => {
      const order = await data.placeOrder(sampleOrder(), 'card');
      await data.beginPayment(order.orderId);
    });
    const [order] = await data.listOrders();
    const recovery = ports({ [order!.orderId]: { result: 'paid' } }, { [order!.orderId]: 'printed' });
    await recoverOnStart({ data, ...recovery });
    const after = await data.db.orders.get(order!.orderId);
    const outboxAfter = await data.db.outbox.toArray();
    const again = await recoverOnStart({ data, ...recovery });
    expect(again.paymentsResolved).toEqual([]);
    expect(await data.db.orders.get(order!.orderId)).toEqual(after);
    expect(await data.db.outbox.toArray()).toEqual(outboxAfter);
    expect(recovery.asked.payment).toHaveLength(1);
  });
});
