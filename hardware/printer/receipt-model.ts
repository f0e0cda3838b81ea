// What the kiosk asks the printer to print, as plain data (no renderer imports).
// Money is always in minor units with an ISO 4217 currency; the printer layer formats it.
import type { TerminalReference } from '../../common/contract/devices';
import type { ReceiptMessages } from '../../common/i18n';

export interface ReceiptStore {
  name: string;
  address: string[];
  /** Tax registration number, printed under the address when given. */
  taxId?: string;
}

export interface ReceiptLine {
  quantity: number;
  name: string;
  /** The line's details as the customer saw them on screen ("No onions", "+ Bacon", "Drink: Cola"), printed as given. */
  details: string[];
  /** Price of the whole line (quantity × unit price incl. options). */
  totalMinor: number;
  /** Key into `taxes` (e.g. "A"), printed after the price so each line shows its rate. */
  taxKey: string;
}

export interface ReceiptTax {
  key: string;
  /** e.g. 7 or 19. */
  ratePercent: number;
  netMinor: number;
  taxMinor: number;
  grossMinor: number;
}

export interface CardPayment {
  method: 'card';
  amountMinor: number;
  /** What the terminal reported, as the kiosk contract carries it (never a card number). */
  terminal?: TerminalReference;
}

/** The words on paper, from the one i18n (common/i18n, section `receipt`). */
export type ReceiptLabels = ReceiptMessages;

interface DocumentBase {
  orderId: string;
  /** Human order number, e.g. "B-042". */
  orderNumber: string;
  store: ReceiptStore;
  currency: string;
  /** BCP 47 locale for numbers and dates: the store's region ("de-DE" in Berlin), whatever the language of the words. */
  locale: string;
  timeZone: string;
  /** ISO timestamp printed as date and time. */
  createdAt: string;
  labels?: Partial<ReceiptLabels>;
}

export interface CustomerReceipt extends DocumentBase {
  kind: 'receipt';
  serviceMode: 'eat_in' | 'take_away';
  lines: ReceiptLine[];
  taxes: ReceiptTax[];
  totalMinor: number;
  payment: CardPayment;
  /** The card terminal's cardholder receipt as it sent it (print lines), printed under the order's. */
  terminalReceipt?: string[];
}

export interface PayAtCounterTicket extends DocumentBase {
  kind: 'pay_at_counter';
  serviceMode: 'eat_in' | 'take_away';
  lines: ReceiptLine[];
  totalMinor: number;
}

/** For staff: a card payment whose outcome the kiosk could not confirm. */
export interface UnresolvedPaymentSlip extends DocumentBase {
  kind: 'unresolved_payment';
  amountMinor: number;
  /** When the payment was sent to the terminal (ISO). */
  startedAt: string;
  reason: string;
  /** What the terminal reported, when anything (trace, receipt number). */
  terminal?: TerminalReference;
}

/** The card terminal's receipt of a payment that did not go through (a decline slip), as it sent it. */
export interface TerminalSlip extends DocumentBase {
  kind: 'terminal_slip';
  lines: string[];
}

export type PrintableDocument = CustomerReceipt | PayAtCounterTicket | UnresolvedPaymentSlip | TerminalSlip;
