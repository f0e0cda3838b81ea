// Random runs of a kiosk's life (orders, payments, receipts, staff, crashes, the store coming and
// going) against the real data layer, checking what must always hold: nothing is lost, nothing is
// delivered twice, no payment is sent again, and the store ends up with every order's latest state.
import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openKioskData, recoverOnStart, startOutboxSync, type KioskData, type PaymentResult } from '../../../renderer/data';
import { allowedEvents, type LifecycleEvent } from '../../../common/order/order-lifecycle';
import { FakeStore, TestClock, dataOptions, POLL, firstPending, recordingSleep, sampleOrder, outboxCount } from './fixtures';

type Step =
  | { kind: 'place'; method: 'card' | 'counter' }
  | { kind: 'act'; pick: number; choice: number }
  | { kind: 'link'; online: boolean }
  | { kind: 'sync' }
  | { kind: 'loseAck' }
  | { kind: 'crash'; paid: boolean; printed: boolean };

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('place' as const), method: fc.constantFrom('card' as const, 'counter' as const) }) },
  { weight: 8, arbitrary: fc.record({ kind: fc.constant('act' as const), pick: fc.nat(), choice: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('link' as const), online: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('sync' as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('loseAck' as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('crash' as const), paid: fc.boolean(), printed: fc.boolean() }) },
);

const PAYMENT_RESULTS: Record<string, PaymentResult> = {
  payment_approved: 'approved',
  payment_declined: 'declined',
  payment_aborted: 'aborted',
  payment_no_answer: 'no_answer',
  payment_resolved_paid: 'resolved_paid',
  payment_resolved_not_paid: 'resolved_not_paid',
};

/** Applies one allowed event through the entry point the kiosk would use. */
const act = async (data: KioskData, orderId: string, event: LifecycleEvent, requests: Map<string, number>) => {
  if (event === 'payment_requested') {
    await data.beginPayment(orderId);
    requests.set(orderId, (requests.get(orderId) ?? 0) + 1);
  } else if (PAYMENT_RESULTS[event]) await data.recordPaymentOutcome(orderId, { result: PAYMENT_RESULTS[event]! });
  else await data.transitionOrder(orderId, event);
};

const syncOnce = async (data: KioskData, store: FakeStore, clock: TestClock) => {
  if (!store.online && !(await firstPending(data))) return;
  const sync = startOutboxSync({ data, link: store, sleep: recordingSleep(clock).sleep, log: () => undefined });
  if (store.online) await sync.whenIdle();
  else {
    const calls = store.calls.length;
    await expect.poll(() => store.calls.length > calls, POLL).toBe(true);
  }
  await sync.stop();
};

describe('kiosk life, at random', () => {
  it('never loses, duplicates or re-charges anything', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 80 }), async (steps) => {
        const clock = new TestClock();
        const options = dataOptions(clock, { log: () => undefined });
        let data = await openKioskData(options);
        const store = new FakeStore();
        const orderIds: string[] = [];
        const requests = new Map<string, number>();
        const lostAcks = new Set<string>();
        try {
          for (const current of steps) {
            clock.advance(1000);
            if (current.kind === 'place') orderIds.push((await data.placeOrder(sampleOrder(), current.method)).orderId);
            else if (current.kind === 'link') store.online = current.online;
            else if (current.kind === 'sync') await syncOnce(data, store, clock);
            else if (current.kind === 'loseAck') {
              const next = await firstPending(data);
              if (next) {
                store.loseAckOnce.add(next.messageId);
                lostAcks.add(next.messageId);
              }
            }
            else if (current.kind === 'crash') {
              data.close();
              data = await openKioskData(options);
              await recoverOnStart({
                data,
                resolvePayment: async () => (current.paid ? { result: 'paid' } : { result: 'unknown', reason: 'no record' }),
                checkReceipt: async () => (current.printed ? 'printed' : 'not_printed'),
              });
            } else if (orderIds.length) {
              const orderId = orderIds[current.pick % orderIds.length]!;
              const order = (await data.getOrder(orderId))!;
              const events = allowedEvents(order).filter((event) => event !== 'delivered' && event !== 'confirm');
              // Cancelling ends an order's story early: pick it rarely so runs reach payment, receipts and delivery.
              const onward = events.filter((event) => !event.startsWith('cancelled'));
              const choices = current.choice % 8 === 0 || !onward.length ? events : onward;
              if (choices.length) await act(data, orderId, choices[current.choice % choices.length]!, requests);
            }
          }
          store.online = true;
          await syncOnce(data, store, clock);

          // Nothing lost: every order is still there, with its number.
          const orders = await data.listOrders();
          expect(orders.map((order) => order.orderId).sort()).toEqual([...orderIds].sort());
          expect(new Set(orders.map((order) => order.orderNumber)).size).toBe(orders.length);
          // Nothing delivered twice, except a message whose acknowledgement was lost (the store de-duplicates it).
          const seen = new Set<string>();
          for (const message of store.received) {
            if (seen.has(message.messageId)) expect(lostAcks).toContain(message.messageId);
            seen.add(message.messageId);
          }
          expect(await outboxCount(data.db, 'pending')).toBe(0);
          for (const order of orders) {
            const row = (await data.db.orders.get(order.orderId))!;
            // The store has the latest state (an order marked delivered was last sent as "queued").
            const expected = order.status === 'delivered' ? row.revision - 1 : row.revision;
            expect(store.applied.get(order.orderId)?.revision).toBe(expected);
            // No payment sent again: one journal attempt per request, never two in doubt.
            const attempts = await data.paymentAttempts(order.orderId);
            expect(attempts).toHaveLength(requests.get(order.orderId) ?? 0);
            expect(attempts.filter((attempt) => attempt.outcome === 'pending' || attempt.outcome === 'no_answer').length).toBeLessThanOrEqual(1);
            if (order.status === 'queued') throw new Error(`order ${order.orderNumber} stayed queued after the store acknowledged everything`);
          }
        } finally {
          data.close();
        }
      }),
      { numRuns: 100 },
    );
  }, 120_000);
});
