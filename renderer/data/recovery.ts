// What the kiosk does when it starts: everything it needs is in Dexie, so a crash or power cut at
// any step is picked up here. Payments in doubt are resolved with the terminal, never sent again.
import type { OrderDocument } from '../domain/order';
import type { PaymentJournalRow, TerminalReference } from './db';
import type { KioskData, StoredDraft } from './kiosk-data';
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
  /** A draft younger than this is offered back to the customer; an older one is cleared. */
  draftMaxAgeMinutes?: number;
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
  /** Orders now queued for the store. */
  queued: OrderDocument[];
}

export const DEFAULT_DRAFT_MAX_AGE_MINUTES = 15;

export const isDraftRecent = (draft: StoredDraft, now: Date, maxAgeMinutes: number): boolean => {
  const age = now.getTime() - Date.parse(draft.updatedAt);
  return draft.lines.length > 0 && Number.isFinite(age) && age >= 0 && age <= maxAgeMinutes * 60_000;
};

const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));

export const recoverOnStart = async (options: RecoveryOptions): Promise<RecoveryReport> => {
  const { data } = options;
  const now = options.now ?? data.now;
  const report: RecoveryReport = { draftCleared: false, paymentsResolved: [], needsStaff: [], receiptsMissing: [], unpaidPlaced: [], queued: [] };

  const draft = await data.loadDraft();
  if (draft && isDraftRecent(draft, now(), options.draftMaxAgeMinutes ?? DEFAULT_DRAFT_MAX_AGE_MINUTES)) report.draft = draft;
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

  report.queued = await data.listOrders(['queued']);
  options.sync?.kick();
  return report;
};
