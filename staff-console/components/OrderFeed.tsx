import type { OrderMessage, OrderStatusMessage } from '../../common/store-bus/messages';
import { useConsoleI18n } from '../i18n';

/** The latest orders of the store, with the last status staff or a POS gave them. */
export function OrderFeed({ orders, statuses }: { orders: OrderMessage[]; statuses: Record<string, OrderStatusMessage> }) {
  const { t, catalog, money } = useConsoleI18n();
  return (
    <section aria-labelledby="orders-heading" className="panel orders">
      <h2 id="orders-heading">{t.feedHeading}</h2>
      {orders.length === 0 ? <p>{t.noOrders}</p> : null}
      <ol aria-labelledby="orders-heading">
        {orders.map((order) => {
          const change = statuses[order.orderId];
          return (
            <li key={order.orderId} aria-label={t.orderLabel(order.orderNumber)}>
              <strong>{order.orderNumber}</strong> · {t.atKiosk(order.kioskId)} · {money(order.total, order.currency)} · {t.paymentMethods[order.paymentMethod]} ·{' '}
              <span className="order-status">{change ? t.statusBy(catalog.orderStatuses[change.status], change.by.name) : catalog.orderStatuses[order.status]}</span>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
