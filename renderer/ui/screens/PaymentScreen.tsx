// The payment step between review and confirmation: pay by card on the terminal, or at the
// counter. The card path and its outcomes live in ui/payment; the state in state/payment-slice.
import { useMemo } from 'react';
import { paymentInProgress } from '../../state/payment-slice';
import { cartTotal } from '../../state/selectors';
import { useI18n } from '../../i18n/useI18n';
import { useKiosk } from '../../state/StoreProvider';
import { useHeldWhileLeaving } from './useHeldWhileLeaving';
import { ScreenHeading } from '../components/ScreenHeading';
import { ActionBar, ScreenBody } from '../layout/ActionBar';
import { PaymentStepPanel } from '../payment/PaymentStepPanel';

export const PaymentScreen = () => {
  const { t, money } = useI18n();
  const menu = useKiosk((state) => state.menu);
  const lines = useHeldWhileLeaving('payment', useKiosk((state) => state.lines));
  const placing = useKiosk((state) => state.placing);
  const payment = useKiosk((state) => state.payment);
  const cardAvailable = useKiosk((state) => state.cardPaymentAvailable);
  const chooseCard = useKiosk((state) => state.chooseCard);
  const payAtCounter = useKiosk((state) => state.payAtCounter);
  const backToPaymentChoice = useKiosk((state) => state.backToPaymentChoice);
  const goTo = useKiosk((state) => state.goTo);
  const total = useMemo(() => (menu ? cartTotal(menu, lines) : 0), [menu, lines]);
  const busy = useKiosk(paymentInProgress);

  return (
    <main className="screen payment with-bar">
      <ScreenBody>
        <ScreenHeading>{t.paymentTitle}</ScreenHeading>
        {payment.step === 'choose' ? (
          <div className="payment-choices">
            {/* A fully comped order has nothing to charge: no card step, the counter takes it. */}
            {cardAvailable && total > 0 ? (
              <>
                <button type="button" className="button tile primary" aria-describedby="pay-by-card-hint" disabled={busy} onClick={() => void chooseCard()}>
                  <span>{t.payment.payByCard}</span>
                </button>
                <p id="pay-by-card-hint" className="hint">
                  {t.payment.payByCardHint}
                </p>
              </>
            ) : null}
            <button type="button" className="button tile" aria-describedby="pay-at-counter-hint" disabled={busy} onClick={() => void payAtCounter()}>
              <span>{t.payAtCounter}</span>
            </button>
            <p id="pay-at-counter-hint" className="hint">
              {t.payAtCounterHint}
            </p>
          </div>
        ) : (
          <PaymentStepPanel total={money(total)} />
        )}
        <div role="status" className="payment-status">
          {placing === 'placing' && payment.step === 'choose' ? <p>{t.placingOrder}</p> : null}
        </div>
        {placing === 'failed' ? (
          <p role="alert" className="error">
            {t.placeOrderFailed}
          </p>
        ) : null}
      </ScreenBody>
      <ActionBar label={t.orderActions}>
        <p className="total">
          <span>{t.total}</span> <strong>{money(total)}</strong>
        </p>
        <div className="actions">
          <button type="button" className="button" disabled={busy} onClick={() => (payment.step === 'choose' ? goTo('review') : backToPaymentChoice())}>
            {t.back}
          </button>
        </div>
      </ActionBar>
    </main>
  );
};
