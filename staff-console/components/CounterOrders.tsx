import type { OrderMessage, OrderStatusChange } from '../../common/store-bus/messages';
import { formatWaiting, type ServedMenu } from '../console-state';
import { useConsoleI18n } from '../i18n';
import type { PendingChanges } from '../pending-changes';
import { OrderCard } from './OrderCard';

/** Counter orders waiting for payment, oldest first: mark paid, cancel, or "didn't show up" (each can be undone for a few seconds). */
export function CounterOrders({ orders, menuFor, now, pending, onChange, onUndo }: { orders: OrderMessage[]; menuFor: (order: OrderMessage) => ServedMenu | null; now: number; pending: PendingChanges; onChange: (order: OrderMessage, status: OrderStatusChange) => void; onUndo: (order: OrderMessage) => void }) {
  const { t, clock } = useConsoleI18n();
  return (
    <section aria-labelledby="counter-heading" className="panel counter">
      <h2 id="counter-heading">{t.counterHeading(orders.length)}</h2>
      {orders.length === 0 ? <p>{t.noCounterOrders}</p> : null}
      <ul aria-labelledby="counter-heading">
        {orders.map((order) => (
          <OrderCard
            key={order.orderId}
            order={order}
            served={menuFor(order)}
            facts={t.placedWaiting(clock(order.placedAt), formatWaiting(now - Date.parse(order.placedAt)))}
            now={now}
            pending={pending[order.orderId]}
            onUndo={() => onUndo(order)}
          >
            {(describedBy) => (
              <>
                <button type="button" className="primary" aria-describedby={describedBy} onClick={() => onChange(order, 'paid')}>
                  {t.actions.markPaid}
                </button>
                <button type="button" aria-describedby={describedBy} onClick={() => onChange(order, 'no_show')}>
                  {t.actions.noShow}
                </button>
                <button type="button" className="danger" aria-describedby={describedBy} onClick={() => onChange(order, 'cancelled')}>
                  {t.actions.cancelOrder}
                </button>
              </>
            )}
          </OrderCard>
        ))}
      </ul>
    </section>
  );
}
