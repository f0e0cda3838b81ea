// Turns an order (as the renderer stored it) into what the printer prints: the customer's receipt,
// the pay-at-counter ticket, the staff slip, or the card terminal's slip. Pure. Words follow the
// order's language (common/i18n); dates, times and numbers follow the store's region and time zone.
import { catalogFor, compNote } from '../../../common/i18n';
import type { OrderLineComp, OrderMessage } from '../../../common/store-bus/messages';
import type { TerminalReference, TicketKind } from '../../../common/contract/devices';
import type { Menu, StoreConfig } from '../../../common/menu/schema';
import { priceLine } from '../../../common/menu/pricing';
import type { PrintableDocument, ReceiptLine, ReceiptTax } from '../../../hardware/printer/receipt-model';

/** Tax keys A, B, … in the order of the order's tax rows. */
const taxKeys = (order: OrderMessage): Map<string, string> => new Map(order.taxes.map((tax, index) => [tax.rateId, String.fromCharCode(65 + index)]));

/**
 * The tax key(s) of a line: from the menu the order was priced with; when the host runs another menu
 * version, the only rate of a single-rate order (a mixed line of an unknown menu gets no key).
 */
function lineTaxKey(order: OrderMessage, line: OrderMessage['lines'][number], menu: Menu, store: StoreConfig): string {
  const keys = taxKeys(order);
  if (menu.version === order.menuVersion) {
    try {
      const rates = priceLine(menu, line.selection).taxShares.map((share) => store.tax.classes[share.taxClass]?.[order.serviceMode]);
      const found = [...new Set(rates.map((rate) => (rate ? keys.get(rate) : undefined)))];
      if (found.every((key) => key !== undefined)) return found.sort().join('');
    } catch {
      // a selection this menu cannot price: fall through
    }
  }
  return order.taxes.length === 1 ? 'A' : '';
}

/** "Comped by sam: Long wait – cold fries" in the order's language (the one i18n). */
export const compText = (comp: OrderLineComp, locale: string): string => compNote(catalogFor(locale), comp);

/**
 * The locale whose conventions dates, times and numbers on paper follow: the store's region
 * ("DE" → de-DE: 25.11.2026, 14:05 and 1.234,50 €), whatever the customer's language.
 * A store without a region (and a locale without one) prints in the order's language's way.
 */
export function paperLocale(store: Pick<StoreConfig, 'region' | 'locale'>, fallback: string): string {
  const region = store.region ?? new Intl.Locale(store.locale).region;
  if (!region) return fallback;
  const likely = new Intl.Locale(`und-${region}`).maximize();
  return `${likely.language}-${region}`;
}

const receiptLines = (order: OrderMessage, menu: Menu, store: StoreConfig): ReceiptLine[] =>
  order.lines.map((line) => ({
    quantity: line.selection.quantity,
    name: line.title,
    // The order's details already read "No onions", "+ Bacon", "Drink: Cola (Large)": printed as the customer saw them.
    details: line.comp ? [...line.details, compText(line.comp, order.locale)] : line.details,
    totalMinor: line.total,
    // A comped line costs nothing, so it is in no tax row.
    taxKey: line.comp ? '' : lineTaxKey(order, line, menu, store),
  }));

const receiptTaxes = (order: OrderMessage): ReceiptTax[] => {
  const keys = taxKeys(order);
  return order.taxes.map((tax) => ({
    key: keys.get(tax.rateId) ?? '',
    ratePercent: tax.basisPoints / 100,
    netMinor: tax.net,
    taxMinor: tax.tax,
    grossMinor: tax.gross,
  }));
};

/** What the terminal reported of a journaled payment: its references and cardholder receipt. */
export interface JournaledPayment {
  terminal?: TerminalReference;
  /** The terminal's cardholder receipt lines. */
  receipt?: string[];
}

/** A ticket to print; `payment` comes from the host's journal, never from the page. */
export interface TicketRequest {
  kind: TicketKind;
  order: OrderMessage;
  payment?: { amountMinor: number } & JournaledPayment;
  note?: { reason: string; startedAt?: string };
}

export function ticketDocument(
  request: TicketRequest,
  context: { store: StoreConfig; menu: Menu; now: () => Date },
): PrintableDocument {
  const { order } = request;
  const { store, menu } = context;
  const base = {
    orderId: order.orderId,
    orderNumber: order.orderNumber,
    store: { name: store.storeName, address: store.address },
    currency: order.currency,
    locale: paperLocale(store, order.locale),
    timeZone: store.timezone,
    createdAt: context.now().toISOString(),
    labels: catalogFor(order.locale).receipt,
  };
  switch (request.kind) {
    case 'receipt': {
      const payment = request.payment;
      if (!payment) throw new Error(`receipt of order ${order.orderNumber}: the payment is missing`);
      return {
        ...base,
        kind: 'receipt',
        serviceMode: order.serviceMode,
        lines: receiptLines(order, menu, store),
        taxes: receiptTaxes(order),
        totalMinor: order.total,
        payment: { method: 'card', amountMinor: payment.amountMinor, terminal: payment.terminal },
        ...(payment.receipt?.length ? { terminalReceipt: payment.receipt } : {}),
      };
    }
    case 'pay_at_counter':
      return { ...base, kind: 'pay_at_counter', serviceMode: order.serviceMode, lines: receiptLines(order, menu, store), totalMinor: order.total };
    case 'unresolved_payment':
      return {
        ...base,
        kind: 'unresolved_payment',
        amountMinor: request.payment?.amountMinor ?? order.total,
        startedAt: request.note?.startedAt ?? order.updatedAt,
        reason: request.note?.reason ?? catalogFor(order.locale).receipt.outcomeUnknown,
        terminal: request.payment?.terminal,
      };
  }
}

/** The card terminal's slip of a payment that did not go through, as the terminal sent it. */
export function terminalSlipDocument(order: Pick<OrderMessage, 'orderId' | 'orderNumber' | 'currency' | 'locale'>, lines: string[], context: { store: StoreConfig; now: () => Date }): PrintableDocument {
  const { store } = context;
  return {
    kind: 'terminal_slip',
    orderId: order.orderId,
    orderNumber: order.orderNumber,
    store: { name: store.storeName, address: store.address },
    currency: order.currency,
    locale: paperLocale(store, order.locale),
    timeZone: store.timezone,
    createdAt: context.now().toISOString(),
    labels: catalogFor(order.locale).receipt,
    lines,
  };
}
