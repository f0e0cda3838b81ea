// Stored orders moving through their lifecycle: one event applied, the revision raised and the
// new document queued, inside the caller's transaction.
import { nextState, type LifecycleEvent, type LifecycleState } from '../../common/order/order-lifecycle';
import type { DataContext } from './context';
import type { OrderRow } from './db';
import { enqueueOrder } from './outbox-queue';

export const requireOrder = async ({ db }: DataContext, orderId: string): Promise<OrderRow> => {
  const row = await db.orders.get(orderId);
  if (!row) throw new Error(`Order ${orderId} does not exist on this kiosk`);
  return row;
};

/** The order after one lifecycle event: status, time and revision moved on (nothing written). */
export const advanceOrder = (context: DataContext, row: OrderRow, event: LifecycleEvent): OrderRow => {
  const state: LifecycleState = { status: row.status, paymentMethod: row.paymentMethod };
  const next = nextState(state, event);
  const at = context.now();
  return {
    ...row,
    status: next.status,
    paymentMethod: next.paymentMethod,
    updatedAt: at.toISOString(),
    changedAt: at.getTime(),
    revision: row.revision + 1,
  };
};

/** Applies one lifecycle event to a stored order and queues the result; inside the caller's transaction. */
export const applyEvent = async (context: DataContext, row: OrderRow, event: LifecycleEvent): Promise<OrderRow> => {
  const updated = advanceOrder(context, row, event);
  await context.db.orders.put(updated);
  // The store already has an order it acknowledged; everything else it must hear about.
  if (event !== 'delivered') await enqueueOrder(context, updated);
  return updated;
};
