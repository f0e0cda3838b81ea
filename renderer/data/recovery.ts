// What the kiosk does when it starts: everything it needs is in Dexie, so a crash or power cut at
// any step is picked up here. Payments in doubt are resolved with the terminal, never sent again.
import type { OrderDocument, OrderStatus } from '../../common/order/order';
import { CONFIRMATION_DISMISSED_EVENT, customerMayStillBeHere, CUSTOMER_MAY_STILL_BE_HERE_MINUTES } from '../../common/order/recovery-policy';
import type { PaymentJournalRow, TerminalReference } from './db';
import { toOrderDocument, type KioskData, type StoredDraft } from './kiosk-data';
import type { OutboxSync } from './outbox-sync';

/** The terminal's answer to "what happened to this payment?" (status enquiry / repeat receipt). */
export type PaymentResolution =
  | { result: 'paid'; terminal?: TerminalReference }
  | { result: 'not_paid'; terminal?: TerminalReference }
  | { result: 'unknown'; reason: string };

/** Whether the order's receipt came out of the printer. */
export type ReceiptCheck = 'printed' | 'not_printed' | 'unknown';

export interface RecoveryOptions {
  data: KioskData;
  /** Asks the terminal about the order's last attempt (the hardware layer implements it through the host). */
  resolvePayment(order: OrderDocument, attempt: PaymentJournalRow | undefined): Promise<PaymentResolution>;
  /** Asks whether the receipt of a paid order printed (e.g. the printer's job log). */
  checkReceipt(order: OrderDocument): Promise<ReceiptCheck>;
  /** When given, it is woken so queued orders go to the store at once. */
  sync?: OutboxSync;
  now?: () => Date;
}

export interface RecoveryReport {
  /** The cart to offer back ("Continue your order?"), if recent. */
  draft?: StoredDraft;
  draftCleared: boolean;
  /** Payments in doubt that the terminal settled. */
  paymentsResolved: { order: OrderDocument; result: 'paid' | 'not_paid' }[];
  /** Payments nobody could settle: a person must check the terminal (hand off with a slip). */
  needsStaff: { order: OrderDocument; reason: string }[];
  /** Paid orders whose receipt did not (or may not have) print: show the number, offer a reprint. */
  receiptsMissing: OrderDocument[];
  /** Card orders placed but not paid when the kiosk stopped: offer to continue to payment, or cancel. */
  unpaidPlaced: OrderDocument[];
  /**
   * Orders of the customer who may still be at the kiosk whose confirmation they never dismissed
   * (a crash between storing the order and "Done"), newest last: show the number before anything else.
   */
  awaitingConfirmation: OrderDocument[];
}

export { CONFIRMATION_DISMISSED_EVENT };

/** Orders that got their number and whose customer leaves with it (paid, or to pay at the counter). */
const CONFIRMED_STATUSES: readonly OrderStatus[] = ['awaiting_counter_payment', 'paid', 'receipt_printed', 'receipt_failed', 'queued', 'delivered'];

/** A draft is offered back while its customer may still be at the kiosk (domain/recovery-policy.ts). */
export const isDraftRecent = (draft: StoredDraft, now: Date): boolean => draft.lines.length > 0 && customerMayStillBeHere(draft.updatedAt, now);

/**
 * Orders placed while their customer may still be at the kiosk, with a number, whose confirmation
 * was never dismissed; oldest first. By placing time: recovery's own steps (queueing) change updatedAt.
 */
export const ordersAwaitingConfirmation = async (data: KioskData, now: Date): Promise<OrderDocument[]> => {
  const since = new Date(now.getTime() - CUSTOMER_MAY_STILL_BE_HERE_MINUTES * 60_000).toISOString();
  const placed = await data.db.orders.where('placedAt').aboveOrEqual(since).sortBy('placedAt');
  const recent = placed.filter((order) => CONFIRMED_STATUSES.includes(order.status) && customerMayStillBeHere(order.placedAt, now)).map(toOrderDocument);
  if (recent.length === 0) return [];
  const dismissed = new Set(
    (await data.db.events.where('at').aboveOrEqual(since).toArray())
      .filter((event) => event.type === CONFIRMATION_DISMISSED_EVENT && event.orderId)
      .map((event) => event.orderId),
  );
  return recent.filter((order) => !dismissed.has(order.orderId));
};

const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));

export const recoverOnStart = async (options: RecoveryOptions): Promise<RecoveryReport> => {
  const { data } = options;
  const now = options.now ?? data.now;
  const report: RecoveryReport = { draftCleared: false, paymentsResolved: [], needsStaff: [], receiptsMissing: [], unpaidPlaced: [], awaitingConfirmation: [] };

  const draft = await data.loadDraft();
  if (draft && isDraftRecent(draft, now())) report.draft = draft;
  else if (draft) {
    await data.clearDraft();
    report.draftCleared = true;
  }

  // A request may have left before the crash: its outcome is unknown, and it is never re-sent.
  for (const order of await data.listOrders(['payment_pending'])) await data.recordPaymentOutcome(order.orderId, { result: 'no_answer' });

  for (const order of await data.listOrders(['payment_unknown'])) {
    const attempts = await data.paymentAttempts(order.orderId);
    let resolution: PaymentResolution;
    try {
      resolution = await options.resolvePayment(order, attempts.at(-1));
    } catch (error) {
      resolution = { result: 'unknown', reason: `terminal enquiry failed: ${describe(error)}` };
    }
    if (resolution.result === 'unknown') {
      report.needsStaff.push({ order, reason: resolution.reason });
      continue;
    }
    const settled = await data.recordPaymentOutcome(order.orderId, {
      result: resolution.result === 'paid' ? 'resolved_paid' : 'resolved_not_paid',
      terminal: resolution.terminal,
    });
    report.paymentsResolved.push({ order: settled, result: resolution.result });
  }

  for (const order of await data.listOrders(['paid'])) {
    if (order.paymentMethod !== 'card') continue;
    let check: ReceiptCheck;
    try {
      check = await options.checkReceipt(order);
    } catch {
      check = 'unknown';
    }
    const updated = await data.transitionOrder(order.orderId, check === 'printed' ? 'receipt_printed' : 'receipt_failed');
    if (check !== 'printed') report.receiptsMissing.push(updated);
  }

  // Receipt done, or a counter order the customer may already be taking to the counter with its number:
  // it goes to the store (staff can cancel an order nobody pays; a lost one cannot be brought back).
  for (const order of await data.listOrders(['receipt_printed', 'receipt_failed', 'awaiting_counter_payment']))
    await data.transitionOrder(order.orderId, 'queued');

  report.unpaidPlaced = await data.listOrders(['placed']);

  // Queued orders are the outbox's to deliver; they are not read here (thousands after a day offline).
  report.awaitingConfirmation = await ordersAwaitingConfirmation(data, now());
  options.sync?.kick();
  return report;
};
