// What the kiosk host vouches for on the store bus: an order reaches the store only as the host
// priced it (placed, or placeable now), says "paid" only with a payment the host can check, and a
// comped line only with a comp a staff member signed in at this kiosk logged.
import { existsSync, readFileSync } from 'node:fs';
import type { CallErrorCode } from '../../../common/contract/errors';
import type { OutboxDelivery } from '../../../common/contract/staff';
import { isPaid } from '../../../common/order/order-lifecycle';
import type { OrderMessage, OrderStatusMessage } from '../../../common/store-bus/messages';
import type { LoggedComp, OrderVerdict } from '../devices/order-book';
import type { Logger } from '../log';

export type PaidVerdict = { paid: true } | { paid: false; code: CallErrorCode; reason: string };

/** Staff or a POS signed this on the bus (the broker checks that `by` is the publisher): the order is paid. */
const SIGNED_PAID: ReadonlySet<OrderStatusMessage['status']> = new Set(['paid', 'ready']);

export interface OrderClaimsOptions {
  /** Whether each document may go to the store at all: an order the host placed, or places now (order-book.ts `vouch`). */
  vouch?: (orders: readonly OrderMessage[]) => OrderVerdict[];
  /** Whether an order called paid is paid as far as the host knows (the device journal). */
  checkPaid?: (order: OrderMessage) => PaidVerdict;
  log: Logger;
}

export function createOrderClaims(options: OrderClaimsOptions) {
  /** Orders staff or a POS marked paid (or ready) on the bus; retained, so they come back after a restart. */
  const signedPaid = new Set<string>();

  /**
   * An order goes to the store as paid only when the host can vouch for it; otherwise the message is
   * refused with a code (the outbox keeps it as a dead letter), never dropped.
   */
  const paidRefusal = (order: OrderMessage): OutboxDelivery | undefined => {
    if (!isPaid(order) || signedPaid.has(order.orderId)) return undefined;
    const verdict: PaidVerdict = options.checkPaid?.(order) ?? { paid: false, code: 'not_paid', reason: 'this host cannot check payments' };
    if (verdict.paid) return undefined;
    options.log.warn(
      { event: 'order_delivery_refused', orderId: order.orderId, status: order.status, paymentMethod: order.paymentMethod, code: verdict.code, reason: verdict.reason },
      'a paid order without a recorded payment was not sent to the store',
    );
    return { outcome: 'refused', code: verdict.code, reason: `order ${order.orderNumber} (${order.orderId}) says ${order.status} by ${order.paymentMethod}, but ${verdict.reason}` };
  };

  return {
    /** An order status change seen on the bus. */
    seen(update: OrderStatusMessage): void {
      if (SIGNED_PAID.has(update.status) && (update.by.role === 'staff' || update.by.role === 'pos')) signedPaid.add(update.orderId);
    },
    /**
     * Why each order of an outbox batch may not go to the store (undefined: it may): a document the
     * host cannot vouch for is refused with a code (unavailable while the host cannot check at all:
     * it is sent again later), a paid one also needs its payment.
     */
    refusals(orders: readonly OrderMessage[]): (OutboxDelivery | undefined)[] {
      const verdicts = orders.length > 0 ? options.vouch?.(orders) : undefined;
      return orders.map((order, index) => {
        const verdict = verdicts?.[index];
        if (verdict && !verdict.sent) return { outcome: verdict.code === 'unavailable' ? 'unavailable' : 'refused', code: verdict.code, reason: verdict.reason };
        return paidRefusal(order);
      });
    },
  };
}

/**
 * Comps staff logged (who, when, which line, what it waives) in the staff audit log: an order's
 * comped line must name one of them (order-book.ts checks the amount and that it is used once).
 */
export function createLoggedComps(auditLog: string) {
  const comps = new Map<string, LoggedComp>();
  const key = (staffName: unknown, at: unknown, lineId: unknown): string => JSON.stringify([staffName, at, lineId]);
  const remember = (entry: { action?: unknown; staffName?: unknown; at?: unknown; detail?: unknown; refused?: unknown }): void => {
    // A comp the host refused (a manager was needed) is in the log as refused, and gives nothing away.
    if (entry.action !== 'item_comped' || entry.refused !== undefined) return;
    const detail = (entry.detail ?? {}) as { lineId?: unknown; waivedTotal?: unknown };
    const compKey = key(entry.staffName, entry.at, detail.lineId);
    comps.set(compKey, { key: compKey, waivedTotal: typeof detail.waivedTotal === 'number' ? detail.waivedTotal : undefined });
  };
  // The audit log outlives the host: comps logged before a restart still count.
  if (existsSync(auditLog)) {
    for (const line of readFileSync(auditLog, 'utf8').split('\n')) {
      try {
        if (line.trim()) remember(JSON.parse(line) as Record<string, unknown>);
      } catch {
        // a damaged audit line names no comp
      }
    }
  }
  return {
    /** A staff action just written to the audit log (refused ones are not passed here, nor remembered from the log). */
    remember,
    logged: (comp: { by: string; at: string }, lineId: string): LoggedComp | undefined => comps.get(key(comp.by, comp.at, lineId)),
  };
}
