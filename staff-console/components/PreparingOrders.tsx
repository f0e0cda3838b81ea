import type { OrderMessage, OrderStatusChange } from '../../common/store-bus/messages';
import { formatWaiting, type ServedMenu } from '../console-state';
import { useConsoleI18n } from '../i18n';
import type { PendingChanges } from '../pending-changes';
import { OrderCard } from './OrderCard';

/** Paid orders being made, oldest first; "Ready" announces one on the order status display and takes it off this list. */
export function PreparingOrders({ orders, menuFor, now, pending, onChange, onUndo }: { orders: OrderMessage[]; menuFor: (order: OrderMessage) => ServedMenu | null; now: number; pending: PendingChanges; onChange: (order: OrderMessage, status: OrderStatusChange) => void; onUndo: (order: OrderMessage) => void }) {
  const { t, clock } = useConsoleI18n();
  return (
    <section aria-labelledby="preparing-heading" className="panel preparing">
      <h2 id="preparing-heading">{t.preparingHeading(orders.length)}</h2>
      {orders.length === 0 ? <p>{t.noPreparing}</p> : null}
      <ul aria-labelledby="preparing-heading">
        {orders.map((order) => (
          <OrderCard
            key={order.orderId}
            order={order}
            served={menuFor(order)}
            facts={t.preparingSince(clock(order.placedAt), formatWaiting(now - Date.parse(order.placedAt)))}
            now={now}
            pending={pending[order.orderId]}
            onUndo={() => onUndo(order)}
          >
            {(describedBy) => (
              <button type="button" className="primary" aria-describedby={describedBy} onClick={() => onChange(order, 'ready')}>
                {t.actions.markReady}
              </button>
            )}
          </OrderCard>
        ))}
      </ul>
    </section>
  );
}
