// Orders: numbered and stored with their outbox message in one strict transaction, read back,
// and moved through the lifecycle events that have no entry point of their own.
import { orderDocument, type OrderDocument, type OrderStatus } from '../../common/order/order';
import { nextState, type LifecycleEvent } from '../../common/order/order-lifecycle';
import { formatOrderNumber, localDayKey, nextDailyCounter } from '../../common/order/order-number';
import { invalidInput, type DataContext } from './context';
import type { OrderRow } from './db';
import { applyEvent, requireOrder } from './order-records';
import { enqueueOrder, toOrderDocument } from './outbox-queue';
import { latestAttempt } from './payments';

/** An order ready to be numbered and stored: the data layer assigns number, status, payment method and times. */
export type NewOrder = Omit<OrderDocument, 'orderNumber' | 'status' | 'placedAt' | 'updatedAt' | 'paymentMethod'>;
export type PaymentMethod = OrderDocument['paymentMethod'];

/** Events with their own entry points (they write the journal or need the store's acknowledgement). */
const GUARDED_EVENTS: Partial<Record<LifecycleEvent, string>> = {
  confirm: 'placeOrder()',
  payment_requested: 'beginPayment()',
  payment_approved: 'recordPaymentOutcome()',
  payment_declined: 'recordPaymentOutcome()',
  payment_aborted: 'recordPaymentOutcome()',
  payment_no_answer: 'recordPaymentOutcome()',
  payment_resolved_paid: 'recordPaymentOutcome()',
  payment_resolved_not_paid: 'recordPaymentOutcome()',
  delivered: "the outbox sync (on the store's acknowledgement)",
};

export const orderRecords = (context: DataContext) => {
  const { db, kioskId, orderPrefix, timeZone, now, notifyOutbox } = context;
  return {
    /**
     * Numbers and stores a new order with its outbox message, in one strict transaction.
     * Placing the same orderId again returns the stored order (never a second number).
     * A counter order is final once numbered, so the same transaction removes the draft cart it
     * came from: a crash right after placing never offers that cart back to be ordered twice.
     * (A card order keeps its draft until paid: recovery matches the cart to the unpaid order.)
     */
    async placeOrder(input: NewOrder, paymentMethod: PaymentMethod): Promise<OrderDocument> {
      if (paymentMethod !== 'card' && paymentMethod !== 'counter')
        throw new Error(`Payment method must be "card" or "counter", got ${JSON.stringify(paymentMethod)}`);
      const placed = await db.transaction('rw', [db.orders, db.outbox, db.counters, db.drafts], async () => {
        if (paymentMethod === 'counter') await db.drafts.delete('current');
        const existing = await db.orders.get(input.orderId);
        if (existing) return toOrderDocument(existing);
        const at = now();
        const day = localDayKey(at, timeZone);
        const counter = nextDailyCounter(await db.counters.get(kioskId), day);
        let state = nextState({ status: 'draft', paymentMethod }, 'confirm');
        if (paymentMethod === 'counter') state = nextState(state, 'choose_counter');
        const candidate = {
          ...input,
          orderNumber: formatOrderNumber(orderPrefix, counter),
          paymentMethod: state.paymentMethod,
          status: state.status,
          placedAt: at.toISOString(),
          updatedAt: at.toISOString(),
        };
        const parsed = orderDocument.safeParse(candidate);
        if (!parsed.success) throw invalidInput(`Order ${input.orderId}`, parsed.error);
        const row: OrderRow = { ...parsed.data, revision: 1, changedAt: at.getTime() };
        await db.counters.put({ kioskId, day, counter });
        await db.orders.add(row);
        await enqueueOrder(context, row);
        return toOrderDocument(row);
      });
      notifyOutbox();
      return placed;
    },

    async getOrder(orderId: string): Promise<OrderDocument | undefined> {
      const row = await db.orders.get(orderId);
      return row && toOrderDocument(row);
    },

    /** Orders in the given statuses (all when omitted), oldest first. */
    async listOrders(statuses?: readonly OrderStatus[]): Promise<OrderDocument[]> {
      const rows = statuses ? await db.orders.where('status').anyOf([...statuses]).toArray() : await db.orders.toArray();
      return rows.sort((a, b) => a.placedAt.localeCompare(b.placedAt)).map(toOrderDocument);
    },

    /**
     * Applies a lifecycle event (receipt_printed, receipt_failed, queued, choose_counter,
     * staff_marked_paid, cancelled_by_customer, cancelled_by_staff) and queues the change, in one
     * strict transaction. Throws OrderLifecycleError when the order's state does not allow it.
     */
    async transitionOrder(orderId: string, event: LifecycleEvent): Promise<OrderDocument> {
      const owner = GUARDED_EVENTS[event];
      if (owner) throw new Error(`Order event "${event}" is recorded through ${owner}, not transitionOrder()`);
      const updated = await db.transaction('rw', [db.orders, db.outbox, db.paymentJournal], async () => {
        const row = await applyEvent(context, await requireOrder(context, orderId), event);
        if (event === 'staff_marked_paid') {
          const attempt = await latestAttempt(context, orderId);
          if (attempt && (attempt.outcome === 'pending' || attempt.outcome === 'no_answer'))
            await db.paymentJournal.put({ ...attempt, outcome: 'staff_marked_paid', outcomeAt: row.updatedAt });
        }
        return row;
      });
      notifyOutbox();
      return toOrderDocument(updated);
    },
  };
};
