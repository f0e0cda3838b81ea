// Where an order stands for the people waiting for it, from the order document a kiosk
// published and the last status change staff or a POS made. One rule for every reader of
// the bus: the staff console's lists and the order status display above the counter.
import type { OrderMessage, OrderStatusMessage } from './messages';

export type OrderProgress = 'unpaid' | 'awaiting_counter_payment' | 'preparing' | 'ready' | 'cancelled' | 'no_show';

const PAID_CARD_STATUSES: ReadonlySet<OrderMessage['status']> = new Set(['paid', 'receipt_printed', 'receipt_failed', 'queued', 'delivered']);
const COUNTER_WAITING_STATUSES: ReadonlySet<OrderMessage['status']> = new Set(['placed', 'awaiting_counter_payment', 'queued', 'delivered']);

export function orderProgress(order: OrderMessage, change: OrderStatusMessage | undefined): OrderProgress {
  if (change) return change.status === 'paid' ? 'preparing' : change.status;
  if (order.status === 'cancelled') return 'cancelled';
  if (order.paymentMethod === 'counter') return order.status === 'paid' ? 'preparing' : COUNTER_WAITING_STATUSES.has(order.status) ? 'awaiting_counter_payment' : 'unpaid';
  return PAID_CARD_STATUSES.has(order.status) ? 'preparing' : 'unpaid';
}
