import { useId, type ReactNode } from 'react';
import type { OrderMessage } from '../../common/store-bus/messages';
import type { ServedMenu } from '../console-state';
import { useConsoleI18n } from '../i18n';
import { orderLinesForStaff } from '../order-lines';
import { secondsLeft, type PendingChange } from '../pending-changes';
import { LinesList } from './LinesList';

/**
 * One order: its number, kiosk, total and lines in the store's language, then its actions.
 * While a change of it is pending the actions give way to the countdown and "Undo".
 * Buttons say what they do; the order they act on is their description (aria-describedby).
 */
export function OrderCard({ order, served, facts, now, pending, onUndo, children }: { order: OrderMessage; served: ServedMenu | null; facts: string; now: number; pending: PendingChange | undefined; onUndo: () => void; children: (describedBy: string) => ReactNode }) {
  const { t, money } = useConsoleI18n();
  const headingId = useId();
  return (
    <li className={`card order${pending ? ' pending' : ''}`} aria-labelledby={headingId} data-order-id={order.orderId}>
      <h3 id={headingId}>{t.orderLabel(order.orderNumber)}</h3>
      <p className="order-title">{t.orderFacts(order.kioskId, money(order.total, order.currency), t.paymentMethods[order.paymentMethod])}</p>
      <p className="muted">{facts}</p>
      <LinesList lines={orderLinesForStaff(order, served)} currency={order.currency} />
      <div className="actions">
        {pending ? (
          <>
            <p role="status" className="pending-change">
              {t.pendingChange(t.orderStatusChanges[pending.status], secondsLeft(pending, now))}
            </p>
            <button type="button" className="primary" aria-describedby={headingId} onClick={onUndo}>
              {t.undo}
            </button>
          </>
        ) : (
          children(headingId)
        )}
      </div>
    </li>
  );
}
