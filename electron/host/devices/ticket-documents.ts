// Turns an order (as the renderer stored it) into what the printer prints: the customer's receipt,
// the pay-at-counter ticket or the staff slip. Pure; labels follow the order's language.
import type { CompReason, OrderLineComp, OrderMessage } from '../../../common/store-bus/messages';
import type { TerminalReference, TicketKind } from '../../../common/contract/devices';
import type { Menu, StoreConfig } from '../../../common/menu/schema';
import { priceLine } from '../../../common/menu/pricing';
import type { PrintableDocument, ReceiptLabels, ReceiptLine, ReceiptTax } from '../../../hardware/printer/receipt-model';

const germanLabels: ReceiptLabels = {
  order: 'Bestellung',
  eatIn: 'HIER ESSEN',
  takeAway: 'MITNEHMEN',
  total: 'SUMME',
  net: 'Netto',
  tax: 'MwSt',
  gross: 'Brutto',
  paidByCard: 'Bezahlt mit Karte',
  card: 'Karte',
  authCode: 'Autorisierung',
  receiptNo: 'Terminal-Beleg',
  trace: 'Trace',
  terminal: 'Terminal',
  reprint: '*** KOPIE ***',
  thankYou: 'Vielen Dank!',
  payAtCounter: 'AN DER THEKE BEZAHLEN',
  payAtCounterHint: 'Bitte zeigen Sie diesen Bon an der Theke und bezahlen Sie dort.',
  amountDue: 'Zu zahlen',
  unresolvedPayment: 'PERSONAL: ZAHLUNG NICHT BESTAETIGT',
  unresolvedHint: 'Vor erneuter Belastung das Terminal-Journal pruefen.',
  amount: 'Betrag',
  started: 'Gestartet',
  reason: 'Grund',
  orderId: 'Bestell-ID',
  no: 'ohne',
};

const labelsFor = (locale: string): Partial<ReceiptLabels> | undefined => (locale.split('-')[0] === 'de' ? germanLabels : undefined);

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

const COMP_TEXT: Record<'en' | 'de', { by: (name: string) => string; reasons: Record<CompReason, string> }> = {
  en: { by: (name) => `Comped by ${name}`, reasons: { long_wait: 'long wait', wrong_item: 'wrong item', goodwill: 'goodwill', staff_meal: 'staff meal', other: 'other' } },
  de: { by: (name) => `Aufs Haus von ${name}`, reasons: { long_wait: 'lange Wartezeit', wrong_item: 'falscher Artikel', goodwill: 'Kulanz', staff_meal: 'Personalessen', other: 'Sonstiges' } },
};

/** "Comped by sam: long wait – cold fries" in the order's language. */
export const compText = (comp: OrderLineComp, locale: string): string => {
  const text = COMP_TEXT[locale.split('-')[0] === 'de' ? 'de' : 'en'];
  return `${text.by(comp.by)}: ${text.reasons[comp.reason]}${comp.note ? ` – ${comp.note}` : ''}`;
};

const receiptLines = (order: OrderMessage, menu: Menu, store: StoreConfig): ReceiptLine[] =>
  order.lines.map((line) => ({
    quantity: line.selection.quantity,
    name: line.title,
    // The order's details already read "No onions", "+ Bacon", "Drink: Cola (Large)".
    options: line.comp ? [...line.details, compText(line.comp, order.locale)] : line.details,
    removals: [],
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

export interface TicketRequest {
  kind: TicketKind;
  order: OrderMessage;
  payment?: { amountMinor: number; terminal?: TerminalReference };
  note?: { reason: string; startedAt?: string };
}

export function ticketDocument(request: TicketRequest, context: { store: StoreConfig; menu: Menu; now: () => Date }): PrintableDocument {
  const { order } = request;
  const { store, menu } = context;
  const base = {
    orderId: order.orderId,
    orderNumber: order.orderNumber,
    store: { name: store.storeName, address: store.address },
    currency: order.currency,
    locale: order.locale,
    timeZone: store.timezone,
    createdAt: context.now().toISOString(),
    labels: labelsFor(order.locale),
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
        reason: request.note?.reason ?? 'payment outcome unknown',
        terminal: request.payment?.terminal,
      };
  }
}
