// The host's book of orders: placeOrder behind the kiosk contract, and the one place that says
// whether an order is paid. The page's order is priced again with the same pure engine it used
// (common/menu/pricing) against the menu the host serves and journaled (fsync, device journal)
// before the answer; from then on the host charges its own total, prints "paid" and tells the
// store "paid" only from its journal: an approved payment of that total, or a staff member it
// signed in confirming the payment.
import { createHash } from 'node:crypto';
import { KioskCallError } from '../../../common/contract/index';
import type { PlacedOrder } from '../../../common/contract/orders';
import { compLine, priceLine, totalPricedLines, type PricedLine } from '../../../common/menu/pricing';
import type { Menu, StoreConfig } from '../../../common/menu/schema';
import type { OrderDocument } from '../../../common/order/order';
import type { CallErrorCode } from '../../../common/contract/errors';
import type { KioskHandlers } from '../dispatcher';
import type { Logger } from '../log';
import type { DeviceJournal, OrderRecord, PaymentRecord } from './device-journal';

/** A comp staff signed in at this kiosk logged (store-bus/order-claims.ts): its key, and the line's gross total it gives away. */
export interface LoggedComp {
  key: string;
  waivedTotal: number | undefined;
}

export interface OrderBookOptions {
  store: StoreConfig;
  /** The menu being served. */
  menu: () => Menu;
  /** The menu of a version the host serves or served a moment ago (menu-service `served`); without it only the one served now. */
  menuFor?: (version: string) => Menu | undefined;
  journal: DeviceJournal;
  /** The comp staff signed in at this kiosk logged under this name, time and line (store-service); without it no comp is taken. */
  loggedComp?: (comp: { by: string; at: string }, lineId: string) => LoggedComp | undefined;
  log: Logger;
  now: () => Date;
}

/** Whether the host lets a document of an order reach the store (store-service's outbox delivery). */
export type OrderVerdict = { sent: true } | { sent: false; code: CallErrorCode; reason: string };

type Placement = { placed: true; record: OrderRecord } | { placed: false; code: CallErrorCode; message: string };

/** An approved payment of an order, as the journal has it. */
export interface OrderPayment {
  /** card: the terminal approved it (or said so when asked); staff: a signed-in staff member confirmed it. */
  by: 'card' | 'staff';
  amountMinor: number;
  record?: PaymentRecord;
}

export type PaidCheck = { paid: true; payment: OrderPayment } | { paid: false; code: CallErrorCode; reason: string };

/** JSON with keys sorted at every level: the same document always gives the same text. */
const canonical = (value: unknown): string => {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, item]) => item !== undefined);
    return `{${entries
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, item]) => `${JSON.stringify(key)}:${canonical(item)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
};

/**
 * What pins an order: everything but its status, payment method and update time, which change
 * as it is paid (a card order whose payment failed may become a counter order).
 */
export function orderDigest(order: OrderDocument): string {
  const { status: _status, updatedAt: _updatedAt, paymentMethod: _paymentMethod, ...fixed } = order;
  return createHash('sha256').update(canonical(fixed)).digest('hex');
}

/** Where the page's pricing differs from the host's, or undefined when they agree. */
function priceDifference(order: OrderDocument, menu: Menu, store: StoreConfig): string | undefined {
  const priced: PricedLine[] = [];
  for (const [index, line] of order.lines.entries()) {
    let host: PricedLine;
    try {
      host = priceLine(menu, line.selection);
    } catch (error) {
      return `lines[${index}] cannot be priced with menu ${menu.version}: ${(error as Error).message}`;
    }
    if (line.comp) host = compLine(host);
    if (line.unitPrice !== host.unitPrice || line.total !== host.total) {
      return `lines[${index}] costs ${line.unitPrice} × ${line.selection.quantity} = ${line.total} on the page, ${host.unitPrice} × ${line.selection.quantity} = ${host.total} on the host`;
    }
    priced.push(host);
  }
  let totals;
  try {
    totals = totalPricedLines(store.tax, order.serviceMode, priced, order.locale);
  } catch (error) {
    return `the taxes cannot be computed: ${(error as Error).message}`;
  }
  if (order.total !== totals.total) return `total is ${order.total} on the page, ${totals.total} on the host`;
  const taxes = (rows: { rateId: string; basisPoints: number; gross: number; net: number; tax: number }[]) =>
    canonical(rows.map(({ rateId, basisPoints, gross, net, tax }) => ({ rateId, basisPoints, gross, net, tax })));
  if (taxes(order.taxes) !== taxes(totals.taxes)) return `taxes are ${taxes(order.taxes)} on the page, ${taxes(totals.taxes)} on the host`;
  return undefined;
}

const approvedAmount = (record: PaymentRecord): boolean => record.resolved?.result === 'approved' || (record.resolved === undefined && record.outcome?.result === 'approved');

export function createOrderBook(options: OrderBookOptions) {
  const { store, journal, log, now } = options;
  /** Each logged comp given away, and the order it went to: a comp gives one line of one order away, once. */
  const compsUsed = new Map<string, string>();
  for (const record of journal.orders.values()) for (const key of record.comps ?? []) compsUsed.set(key, record.orderId);

  const answer = (record: OrderRecord): PlacedOrder => ({ orderId: record.orderId, totalMinor: record.totalMinor, currency: record.currency, placedAt: record.at });

  /** The line's comp is one staff logged for this line, at this line's price, and not given on another order. */
  const checkedComp = (order: OrderDocument, index: number, menu: Menu, claimedBy: (key: string) => string | undefined): Placement | LoggedComp => {
    const line = order.lines[index]!;
    const comp = line.comp!;
    const refused = (message: string): Placement => ({ placed: false, code: 'forbidden', message: `lines[${index}] is comped by ${comp.by} at ${comp.at}, ${message}` });
    // Money given away only on a staff member's logged word: the page cannot comp a line itself.
    const logged = options.loggedComp?.(comp, line.lineId);
    if (!logged) return refused('which no staff session of this kiosk logged');
    const usedOn = claimedBy(logged.key);
    if (usedOn !== undefined && usedOn !== order.orderId) return refused(`a comp already given on order ${usedOn} (each comp gives one line away once)`);
    let gross: number;
    try {
      gross = priceLine(menu, line.selection).total;
    } catch {
      return logged; // the line's price is refused below, with the reason
    }
    // What the staff member (and, above the store's limit, a manager) agreed to give away is what is given.
    if (logged.waivedTotal !== gross || comp.waivedTotal !== gross) return refused(`logged for ${logged.waivedTotal ?? 'no amount'}, but the line costs ${gross}`);
    return logged;
  };

  /** The same checks for every order the host takes: this kiosk's, priced as the host prices it, comps logged, within the store's limit. */
  const placement = (order: OrderDocument, digest: string, claimedBy: (key: string) => string | undefined): Placement => {
    const refused = (code: CallErrorCode, message: string): Placement => ({ placed: false, code, message });
    if (order.storeId !== store.storeId || order.kioskId !== store.kioskId) return refused('bad_request', `it belongs to ${order.storeId}/${order.kioskId}, this kiosk is ${store.storeId}/${store.kioskId}`);
    if (order.currency !== store.currency) return refused('bad_request', `currency ${order.currency} is not the store's ${store.currency}`);
    // Priced with the menu the customer saw: the one served now, or one replaced during their order.
    const menu = options.menuFor?.(order.menuVersion) ?? options.menu();
    if (order.menuVersion !== menu.version) return refused('menu_version_mismatch', `it was priced with menu ${order.menuVersion}, the host serves ${menu.version}`);
    const comps: string[] = [];
    for (const [index, line] of order.lines.entries()) {
      if (!line.comp) continue;
      const comp = checkedComp(order, index, menu, (key) => (comps.includes(key) ? order.orderId + ' (another of its lines)' : claimedBy(key)));
      if ('placed' in comp) return comp;
      comps.push(comp.key);
    }
    const difference = priceDifference(order, menu, store);
    if (difference) return refused('price_mismatch', difference);
    if (order.total > store.maxOrderTotalMinor) return refused('over_limit', `its total ${order.total} is above the store's maximum ${store.maxOrderTotalMinor} (maxOrderTotalMinor)`);
    const record: OrderRecord = { orderId: order.orderId, digest, totalMinor: order.total, currency: order.currency, menuVersion: order.menuVersion, at: now().toISOString(), ...(comps.length > 0 ? { comps } : {}) };
    return { placed: true, record };
  };

  /** On disk (one flush) before anything relies on them: a payment, a ticket, the store hearing of the order. */
  const journalPlaced = (records: readonly OrderRecord[]): void => {
    journal.appendAll(records.map((record) => ({ kind: 'order_placed' as const, ...record })));
    for (const record of records) for (const key of record.comps ?? []) compsUsed.set(key, record.orderId);
  };

  const placeOrder: KioskHandlers['placeOrder'] = async ({ order }) => {
    const digest = orderDigest(order);
    const known = journal.orders.get(order.orderId);
    if (known) {
      if (known.digest === digest) return answer(known);
      log.warn({ event: 'order_refused', orderId: order.orderId, code: 'order_conflict' }, 'another order document under a placed order id');
      throw new KioskCallError('order_conflict', `placeOrder: order ${order.orderId} was placed with another document (total ${known.totalMinor}); an order is never replaced`);
    }
    const placed = placement(order, digest, (key) => compsUsed.get(key));
    if (!placed.placed) {
      log.warn({ event: 'order_refused', orderId: order.orderId, code: placed.code, reason: placed.message }, 'order refused');
      throw new KioskCallError(placed.code, `placeOrder: order ${order.orderId}: ${placed.message}`);
    }
    // On disk before the answer: a payment the page starts next is for this order and this total.
    journalPlaced([placed.record]);
    return answer(journal.orders.get(order.orderId)!);
  };

  /**
   * Whether each document may go to the store: an order the host placed (the same document), or one
   * it was not asked to place (the host was unreachable then) that passes placeOrder's checks now
   * and is journaled as placed, in one flush for the batch. A page cannot tell the store a price
   * the host would not have charged.
   */
  const vouch = (documents: readonly OrderDocument[]): OrderVerdict[] => {
    const fresh = new Map<string, OrderRecord>();
    const freshComps = new Map<string, string>();
    const verdicts = documents.map((order): OrderVerdict => {
      const digest = orderDigest(order);
      const known = journal.orders.get(order.orderId) ?? fresh.get(order.orderId);
      if (known) {
        return known.digest === digest
          ? { sent: true }
          : { sent: false, code: 'order_conflict', reason: `order ${order.orderNumber} (${order.orderId}) differs from the document the host placed (total ${known.totalMinor})` };
      }
      const placed = placement(order, digest, (key) => compsUsed.get(key) ?? freshComps.get(key));
      if (!placed.placed) {
        log.warn({ event: 'order_delivery_refused', orderId: order.orderId, code: placed.code, reason: placed.message }, 'an order the host never placed, and cannot place, was not sent to the store');
        return { sent: false, code: placed.code, reason: `order ${order.orderNumber} (${order.orderId}) was never placed with the host and cannot be: ${placed.message}` };
      }
      fresh.set(order.orderId, placed.record);
      for (const key of placed.record.comps ?? []) freshComps.set(key, order.orderId);
      return { sent: true };
    });
    if (fresh.size > 0) journalPlaced([...fresh.values()]);
    return verdicts;
  };

  /** The order's approved payment of its journaled total, if any (a card payment, or a staff confirmation). */
  const paymentOf = (orderId: string): OrderPayment | undefined => {
    const placed = journal.orders.get(orderId);
    for (const record of journal.payments.values()) {
      if (record.orderId !== orderId || !approvedAmount(record)) continue;
      if (placed && record.amountMinor === placed.totalMinor) return { by: 'card', amountMinor: record.amountMinor, record };
    }
    if (placed && journal.staffPayments.has(orderId)) return { by: 'staff', amountMinor: placed.totalMinor };
    return undefined;
  };

  /** Whether this document of an order may be called paid: the host placed it, and its total was paid. */
  const checkPaid = (order: OrderDocument): PaidCheck => {
    const placed = journal.orders.get(order.orderId);
    if (!placed) return { paid: false, code: 'unknown_order', reason: `order ${order.orderId} was never placed with the host, so no payment of it can be recorded` };
    if (placed.digest !== orderDigest(order)) return { paid: false, code: 'order_conflict', reason: `order ${order.orderId} differs from the document the host placed (total ${placed.totalMinor})` };
    const payment = paymentOf(order.orderId);
    if (!payment) return { paid: false, code: 'not_paid', reason: `the host's journal has no approved payment of ${placed.totalMinor} for order ${order.orderId}` };
    return { paid: true, payment };
  };

  return {
    handlers: { placeOrder } satisfies Pick<KioskHandlers, 'placeOrder'>,
    /** The host's record of a placed order. */
    placed: (orderId: string): OrderRecord | undefined => journal.orders.get(orderId),
    vouch,
    paymentOf,
    checkPaid,
    /** A staff member the host signed in confirmed the order paid: journaled, so the store may hear "paid". */
    recordStaffPayment(orderId: string, staffName: string): void {
      if (journal.staffPayments.has(orderId)) return;
      journal.append({ kind: 'staff_payment', orderId, staffName, at: now().toISOString() });
    },
  };
}

export type OrderBook = ReturnType<typeof createOrderBook>;
