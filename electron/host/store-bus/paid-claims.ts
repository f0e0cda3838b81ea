// What the kiosk host vouches for on the store bus: an order says "paid" only with a payment the
// host can check, and a comped line only with a comp a staff member signed in at this kiosk logged.
import { existsSync, readFileSync } from 'node:fs';
import type { CallErrorCode } from '../../../common/contract/errors';
import type { OutboxDelivery } from '../../../common/contract/staff';
import { isPaid } from '../../../common/order/order-lifecycle';
import type { OrderMessage, OrderStatusMessage } from '../../../common/store-bus/messages';
import type { Logger } from '../log';

export type PaidVerdict = { paid: true } | { paid: false; code: CallErrorCode; reason: string };

/** Staff or a POS signed this on the bus (the broker checks that `by` is the publisher): the order is paid. */
const SIGNED_PAID: ReadonlySet<OrderStatusMessage['status']> = new Set(['paid', 'ready']);

export function createPaidClaims(options: { checkPaid?: (order: OrderMessage) => PaidVerdict; log: Logger }) {
  /** Orders staff or a POS marked paid (or ready) on the bus; retained, so they come back after a restart. */
  const signedPaid = new Set<string>();
  return {
    /** An order status change seen on the bus. */
    seen(update: OrderStatusMessage): void {
      if (SIGNED_PAID.has(update.status) && (update.by.role === 'staff' || update.by.role === 'pos')) signedPaid.add(update.orderId);
    },
    /**
     * An order goes to the store as paid only when the host can vouch for it; otherwise the message is
     * refused with a code (the outbox keeps it, and staff see it as a dead letter), never dropped.
     */
    refusal(order: OrderMessage): OutboxDelivery | undefined {
      if (!isPaid(order) || signedPaid.has(order.orderId)) return undefined;
      const verdict: PaidVerdict = options.checkPaid?.(order) ?? { paid: false, code: 'not_paid', reason: 'this host cannot check payments' };
      if (verdict.paid) return undefined;
      options.log.warn(
        { event: 'order_delivery_refused', orderId: order.orderId, status: order.status, paymentMethod: order.paymentMethod, code: verdict.code, reason: verdict.reason },
        'a paid order without a recorded payment was not sent to the store',
      );
      return { outcome: 'refused', code: verdict.code, reason: `order ${order.orderNumber} (${order.orderId}) says ${order.status} by ${order.paymentMethod}, but ${verdict.reason}` };
    },
  };
}

/** Comps staff logged (who, when, which line) in the staff audit log: an order's comped line must name one of them. */
export function createLoggedComps(auditLog: string) {
  const comps = new Set<string>();
  const key = (staffName: unknown, at: unknown, lineId: unknown): string => JSON.stringify([staffName, at, lineId]);
  const remember = (entry: { action?: unknown; staffName?: unknown; at?: unknown; detail?: unknown }): void => {
    if (entry.action === 'item_comped') comps.add(key(entry.staffName, entry.at, (entry.detail as { lineId?: unknown } | undefined)?.lineId));
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
    /** A staff action just written to the audit log. */
    remember,
    has: (comp: { by: string; at: string }, lineId: string): boolean => comps.has(key(comp.by, comp.at, lineId)),
  };
}
