import { useEffect, useState } from 'react';
import { useI18n } from '../../i18n/useI18n';
import { useKiosk } from '../../state/StoreProvider';
import { ScreenHeading } from '../components/ScreenHeading';
import { PaymentConfirmationNote } from '../payment/PaymentConfirmationNote';
import { useTimeFactor } from '../accessibility/timing';
import { useHeldWhileLeaving } from './useHeldWhileLeaving';

/** The order number, large, whether or not anything prints; then back to the attract screen. */
export const ConfirmationScreen = () => {
  const { t, money, catalog, text } = useI18n();
  const collectionPoint = useKiosk((state) => state.store?.collectionPoint);
  const order = useHeldWhileLeaving('confirmation', useKiosk((state) => state.lastOrder));
  const resetAfterSeconds = useKiosk((state) => state.store?.inactivity.resetAfterSeconds ?? 30) * useTimeFactor();
  const resetSession = useKiosk((state) => state.resetSession);
  const [secondsLeft, setSecondsLeft] = useState(resetAfterSeconds);

  useEffect(() => {
    const timer = window.setInterval(() => setSecondsLeft((seconds) => seconds - 1), 1000);
    return () => window.clearInterval(timer);
  }, []);
  useEffect(() => {
    if (secondsLeft <= 0) void resetSession();
  }, [secondsLeft, resetSession]);

  if (!order) return null;
  return (
    <main className="screen confirmation">
      <ScreenHeading>{t.confirmationTitle}</ScreenHeading>
      <section className="order-number-box" aria-labelledby="order-number-label">
        <h2 id="order-number-label">{t.orderNumberLabel}</h2>
        <p className="order-number">{order.orderNumber}</p>
      </section>
      {order.paymentMethod === 'counter' ? <p className="confirmation-payment">{t.confirmationPayAtCounter(money(order.total))}</p> : null}
      {collectionPoint ? <p className="confirmation-collect">{t.collectAt(text(collectionPoint))}</p> : null}
      <PaymentConfirmationNote />
      <button type="button" className="button primary" onClick={() => void resetSession()}>
        {t.done}
      </button>
      <p className="hint">{t.autoReturn(Math.max(0, secondsLeft))}</p>
      {/* Every timeout can be extended (WCAG 2.2.1). */}
      <button type="button" className="button" onClick={() => setSecondsLeft(resetAfterSeconds)}>
        {catalog.accessibility.moreTime}
      </button>
    </main>
  );
};
