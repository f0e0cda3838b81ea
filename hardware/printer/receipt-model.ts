// What the kiosk asks the printer to print, as plain data (no renderer imports).
// Money is always in minor units with an ISO 4217 currency; the printer layer formats it.
import type { TerminalReference } from '../../common/contract/devices';

export interface ReceiptStore {
  name: string;
  address: string[];
  /** Tax registration number, printed under the address when given. */
  taxId?: string;
}

export interface ReceiptLine {
  quantity: number;
  name: string;
  /** Chosen options, e.g. "Large", "Coke Zero", "Extra cheese (+0.80)". */
  options: string[];
  /** Removed ingredients, printed as "no Onions". */
  removals: string[];
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

export interface ReceiptLabels {
  order: string;
  eatIn: string;
  takeAway: string;
  total: string;
  net: string;
  tax: string;
  gross: string;
  paidByCard: string;
  card: string;
  authCode: string;
  receiptNo: string;
  trace: string;
  terminal: string;
  reprint: string;
  thankYou: string;
  payAtCounter: string;
  payAtCounterHint: string;
  amountDue: string;
  unresolvedPayment: string;
  unresolvedHint: string;
  amount: string;
  started: string;
  reason: string;
  orderId: string;
  no: string;
}

export const englishLabels: ReceiptLabels = {
  order: 'Order',
  eatIn: 'EAT IN',
  takeAway: 'TAKE AWAY',
  total: 'TOTAL',
  net: 'Net',
  tax: 'Tax',
  gross: 'Gross',
  paidByCard: 'Paid by card',
  card: 'Card',
  authCode: 'Auth code',
  receiptNo: 'Terminal receipt',
  trace: 'Trace',
  terminal: 'Terminal',
  reprint: '*** REPRINT ***',
  thankYou: 'Thank you!',
  payAtCounter: 'PAY AT THE COUNTER',
  payAtCounterHint: 'Please show this ticket at the counter and pay there.',
  amountDue: 'Amount due',
  unresolvedPayment: 'STAFF: PAYMENT NOT CONFIRMED',
  unresolvedHint: 'Check the card terminal journal before charging again.',
  amount: 'Amount',
  started: 'Started',
  reason: 'Reason',
  orderId: 'Order id',
  no: 'no',
};

interface DocumentBase {
  orderId: string;
  /** Human order number, e.g. "B-042". */
  orderNumber: string;
  store: ReceiptStore;
  currency: string;
  /** BCP 47 locale for numbers and dates, e.g. "de-DE". */
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

export type PrintableDocument = CustomerReceipt | PayAtCounterTicket | UnresolvedPaymentSlip;
