import type { OrderMessage, OrderStatusMessage } from '../../common/store-bus/messages';
import { orderProgress } from '../console-state';
import { useConsoleI18n } from '../i18n';

/** Today's orders of the store, latest first, with where each stands and who changed it last. */
export function OrderFeed({ orders, statuses }: { orders: OrderMessage[]; statuses: Record<string, OrderStatusMessage> }) {
  const { t, money } = useConsoleI18n();
  return (
    <section aria-labelledby="orders-heading" className="panel orders">
      <h2 id="orders-heading">{t.feedHeading}</h2>
      {orders.length === 0 ? <p>{t.noOrders}</p> : null}
      <ol aria-labelledby="orders-heading">
        {orders.map((order) => {
          const change = statuses[order.orderId];
          const progress = t.orderProgress[orderProgress(order, change)];
          return (
            <li key={order.orderId} aria-label={t.orderLabel(order.orderNumber)}>
              <strong>{order.orderNumber}</strong> · {t.atKiosk(order.kioskId)} · {money(order.total, order.currency)} · {t.paymentMethods[order.paymentMethod]} ·{' '}
              <span className="order-status">{change ? t.statusBy(progress, change.by.name) : progress}</span>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
