// What a card payment asks of the terminal and what comes back, and how a payment in doubt is
// matched with the terminal's last transaction (repeat receipt). Pure: no I/O.
import type { TerminalReference } from '../../common/contract/devices';
import type { DeclineReason, TerminalPrompt, TransactionDetails } from './zvt/messages';

export interface PaymentRequest {
  /** The host's key of this payment attempt (its journal entry). */
  paymentKey: string;
  amountMinor: number;
  onPrompt?: (prompt: TerminalPrompt) => void;
  /** The terminal went quiet: the kiosk now checks with it what became of the payment. */
  onChecking?: () => void;
}

export type PaymentOutcome = 'approved' | 'declined' | 'aborted' | 'unknown';

export interface PaymentResult {
  paymentKey: string;
  outcome: PaymentOutcome;
  amountMinor: number;
  /** Why it was declined, aborted or is unknown. */
  reason?: DeclineReason | 'terminal_not_responding' | 'terminal_busy' | 'no_result' | 'link_lost';
  /** Text for the log and the staff slip (English); the renderer shows its own translation of `reason`. */
  message?: string;
  /** What the terminal reported (approved: card, trace, receipt number…; declined: at least the result code). */
  terminal?: TerminalReference;
  /** The terminal's cardholder receipt, as the print lines (06 D1) it sent; the kiosk prints it. */
  receipt?: string[];
  /**
   * Unknown, but the terminal said it has nothing running (84 83 00 to an abort): its answer was lost
   * and the payment can be checked with it at once (repeat receipt).
   */
  terminalIdle?: boolean;
  /** Kiosk time the request left for the terminal (ISO). */
  startedAt: string;
}

export interface PendingPayment {
  paymentKey: string;
  amountMinor: number;
  /**
   * When the kiosk sent (or was about to send) the authorisation – from the durable journal. Undefined
   * when that is not known (its journal line is damaged): then only an approval of the same amount
   * decides it, and "not charged" needs a terminal with no transaction at all.
   */
  startedAt: string | undefined;
}

export type ResolveOutcome = 'approved' | 'not_charged' | 'unknown';

export interface ResolveResult {
  paymentKey: string;
  outcome: ResolveOutcome;
  /** The terminal's last transaction as it reported it (the host checks that no other payment key owns its trace). */
  terminal?: TerminalReference;
  message: string;
}

/** The one converter from the terminal's status information to the contract's terminal reference. */
export const terminalReferenceOf = (details: TransactionDetails): TerminalReference => ({
  cardBrand: details.cardName,
  maskedPan: details.maskedPan,
  authCode: details.authCode,
  trace: details.trace,
  receiptNumber: details.receiptNumber,
  terminalId: details.terminalId,
  resultCode: details.resultCode,
});

export const referenceOf = (details: TransactionDetails | undefined, resultCode?: number): TerminalReference | undefined =>
  details ? { ...terminalReferenceOf(details), ...(resultCode !== undefined ? { resultCode } : {}) } : resultCode !== undefined ? { resultCode } : undefined;

/** Turns the terminal's MMDD + HHMMSS into a kiosk Date near `reference` (the year is not sent). */
export function terminalTimestamp(date: string, time: string, reference: Date): Date | undefined {
  if (!/^\d{4}$/.test(date) || !/^\d{6}$/.test(time)) return undefined;
  const build = (year: number): Date =>
    new Date(year, Number(date.slice(0, 2)) - 1, Number(date.slice(2, 4)), Number(time.slice(0, 2)), Number(time.slice(2, 4)), Number(time.slice(4, 6)));
  const candidates = [reference.getFullYear() - 1, reference.getFullYear(), reference.getFullYear() + 1].map(build);
  return candidates.reduce((best, candidate) => (Math.abs(candidate.getTime() - reference.getTime()) < Math.abs(best.getTime() - reference.getTime()) ? candidate : best));
}

const APPROVED_BY_REPEAT = 'approved (confirmed by the terminal’s repeated receipt)';

/**
 * Is the terminal's last transaction this payment? By time and amount only: whether another
 * payment key already owns that transaction (its trace) is the host journal's to say.
 * approved: approved, same amount, not older than startedAt (minus the clock tolerance).
 * not_charged: the last transaction is older than this payment, or not an approval, or there is none.
 * unknown: no time on the last transaction, or another amount – staff must check.
 */
export function matchLastTransaction(pending: PendingPayment, last: TransactionDetails | undefined, clockToleranceMs: number): ResolveResult {
  const { paymentKey } = pending;
  if (pending.startedAt === undefined) return matchWithoutStart(pending, last);
  const terminal = last && terminalReferenceOf(last);
  if (!last || last.resultCode !== 0 || last.trace === undefined) {
    return { paymentKey, outcome: 'not_charged', message: 'the terminal has no approved transaction since this payment started', terminal };
  }
  const started = new Date(pending.startedAt);
  const at = last.terminalDate && last.terminalTime ? terminalTimestamp(last.terminalDate, last.terminalTime, started) : undefined;
  if (!at) return { paymentKey, outcome: 'unknown', terminal, message: 'the terminal did not send the time of its last transaction' };
  if (at.getTime() < started.getTime() - clockToleranceMs) {
    return { paymentKey, outcome: 'not_charged', terminal, message: 'the last transaction on the terminal is older than this payment' };
  }
  if (last.amountMinor !== pending.amountMinor) {
    return { paymentKey, outcome: 'unknown', terminal, message: 'the last transaction on the terminal belongs to another payment – staff must check the terminal journal' };
  }
  return { paymentKey, outcome: 'approved', terminal, message: APPROVED_BY_REPEAT };
}

/** The payment's start is not known: time cannot rule anything out, so only certainties decide. */
function matchWithoutStart({ paymentKey, amountMinor }: PendingPayment, last: TransactionDetails | undefined): ResolveResult {
  if (!last) return { paymentKey, outcome: 'not_charged', message: 'the terminal has no transaction at all' };
  const terminal = terminalReferenceOf(last);
  if (last.resultCode === 0 && last.trace !== undefined && last.amountMinor === amountMinor) return { paymentKey, outcome: 'approved', terminal, message: APPROVED_BY_REPEAT };
  return { paymentKey, outcome: 'unknown', terminal, message: 'when this payment started is not known and the terminal’s last transaction is not an approval of its amount – staff must check the terminal journal' };
}
