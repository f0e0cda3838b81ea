import type { OrderMessage } from '../../common/store-bus/messages';
import { formatWaiting } from '../console-state';
import { useConsoleI18n } from '../i18n';
import { LinesList } from './LinesList';

/** Counter orders waiting for payment, oldest first, each with "Mark paid". */
export function CounterOrders({ orders, now, onMarkPaid }: { orders: OrderMessage[]; now: number; onMarkPaid: (order: OrderMessage) => void }) {
  const { t, money, clock } = useConsoleI18n();
  return (
    <section aria-labelledby="counter-heading" className="panel counter">
      <h2 id="counter-heading">{t.counterHeading(orders.length)}</h2>
      {orders.length === 0 ? <p>{t.noCounterOrders}</p> : null}
      <ul aria-labelledby="counter-heading">
        {orders.map((order) => (
          <li key={order.orderId} className="card" aria-label={t.orderLabel(order.orderNumber)}>
            <p className="order-title">
              <strong>{order.orderNumber}</strong> · {t.atKiosk(order.kioskId)} · {money(order.total, order.currency)}
            </p>
            <p className="muted">{t.placedWaiting(clock(order.placedAt), formatWaiting(now - Date.parse(order.placedAt)))}</p>
            <LinesList lines={order.lines.map((line) => ({ title: line.title, quantity: line.selection.quantity, total: line.total, ...(line.comp ? { comp: line.comp } : {}) }))} currency={order.currency} />
            <button type="button" className="primary" aria-label={t.markPaidLabel(order.orderNumber)} onClick={() => onMarkPaid(order)}>
              {t.actions.markPaid}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
