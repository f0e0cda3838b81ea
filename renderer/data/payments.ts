// The payment journal: an attempt is recorded (strictly) before its request leaves the kiosk,
// and completed with what the terminal answered, together with the order's new state.
import { Dexie } from 'dexie';
import { terminalReference } from '../../common/contract/devices';
import type { OrderDocument } from '../../common/order/order';
import type { LifecycleEvent } from '../../common/order/order-lifecycle';
import { invalidInput, type DataContext } from './context';
import type { PaymentJournalRow, TerminalReference } from './db';
import { applyEvent, requireOrder } from './order-records';
import { toOrderDocument } from './outbox-queue';

/** Terminal references are stored as the contract gives them (one shape, common/contract/devices). */
export { terminalReference };

/** What came back from the terminal for the current attempt (or from resolving an unknown one). */
export type PaymentResult = 'approved' | 'declined' | 'aborted' | 'no_answer' | 'resolved_paid' | 'resolved_not_paid';
const PAYMENT_EVENTS: Record<PaymentResult, LifecycleEvent> = {
  approved: 'payment_approved',
  declined: 'payment_declined',
  aborted: 'payment_aborted',
  no_answer: 'payment_no_answer',
  resolved_paid: 'payment_resolved_paid',
  resolved_not_paid: 'payment_resolved_not_paid',
};

/** The order's last payment attempt; inside or outside a transaction. */
export const latestAttempt = ({ db }: DataContext, orderId: string) =>
  db.paymentJournal
    .where('[orderId+attempt]')
    .between([orderId, Dexie.minKey], [orderId, Dexie.maxKey])
    .last();

export const paymentRecords = (context: DataContext) => {
  const { db, notifyOutbox } = context;
  return {
    /**
     * Records a card payment attempt as pending (order → payment_pending) and commits it strictly.
     * Only after this resolves may the payment request leave the kiosk, with `paymentKey`.
     */
    async beginPayment(orderId: string): Promise<{ order: OrderDocument; attempt: PaymentJournalRow }> {
      const result = await db.transaction('rw', [db.orders, db.outbox, db.paymentJournal], async () => {
        const row = await applyEvent(context, await requireOrder(context, orderId), 'payment_requested');
        const previous = await latestAttempt(context, orderId);
        const attemptNumber = (previous?.attempt ?? 0) + 1;
        const attempt: PaymentJournalRow = {
          orderId,
          attempt: attemptNumber,
          paymentKey: `${orderId}#${attemptNumber}`,
          amount: row.total,
          currency: row.currency,
          requestedAt: row.updatedAt,
          outcome: 'pending',
        };
        await db.paymentJournal.add(attempt);
        return { order: toOrderDocument(row), attempt };
      });
      notifyOutbox();
      return result;
    },

    /** Records what the terminal answered for the current attempt and moves the order on, in one strict transaction. */
    async recordPaymentOutcome(orderId: string, outcome: { result: PaymentResult; terminal?: TerminalReference }): Promise<OrderDocument> {
      const event = PAYMENT_EVENTS[outcome.result];
      if (!event) throw new Error(`Unknown payment result ${JSON.stringify(outcome.result)} for order ${orderId}`);
      const terminal = outcome.terminal === undefined ? undefined : terminalReference.safeParse(outcome.terminal);
      if (terminal && !terminal.success) throw invalidInput(`Terminal reference of order ${orderId}`, terminal.error);
      const updated = await db.transaction('rw', [db.orders, db.outbox, db.paymentJournal, db.drafts], async () => {
        const row = await applyEvent(context, await requireOrder(context, orderId), event);
        const attempt = await latestAttempt(context, orderId);
        if (!attempt) throw new Error(`Order ${orderId} has no payment attempt to record "${outcome.result}" against`);
        // Paid: the cart is spent in the same commit, so a crash before the confirmation never offers it to be paid again.
        if (outcome.result === 'approved' || outcome.result === 'resolved_paid') await db.drafts.delete('current');
        await db.paymentJournal.put({
          ...attempt,
          outcome: outcome.result,
          outcomeAt: row.updatedAt,
          terminal: terminal?.data ?? attempt.terminal,
        });
        return row;
      });
      notifyOutbox();
      return toOrderDocument(updated);
    },

    /** The order's payment attempts, first to last. */
    async paymentAttempts(orderId: string): Promise<PaymentJournalRow[]> {
      return db.paymentJournal.where('orderId').equals(orderId).sortBy('attempt');
    },
  };
};
