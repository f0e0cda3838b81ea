// The payment step between review and confirmation. For now the one honest choice is
// the counter; card payment (issue 3) adds its option here and its own progress screen.
import { useMemo } from 'react';
import { cartTotal } from '../../state/selectors';
import { useI18n } from '../../i18n/useI18n';
import { useKiosk } from '../../state/StoreProvider';
import { ScreenHeading } from '../components/ScreenHeading';

export const PaymentScreen = () => {
  const { t, money } = useI18n();
  const menu = useKiosk((state) => state.menu);
  const lines = useKiosk((state) => state.lines);
  const placing = useKiosk((state) => state.placing);
  const placeOrder = useKiosk((state) => state.placeOrder);
  const goTo = useKiosk((state) => state.goTo);
  const total = useMemo(() => (menu ? cartTotal(menu, lines) : 0), [menu, lines]);

  return (
    <main className="screen payment">
      <ScreenHeading>{t.paymentTitle}</ScreenHeading>
      <p className="total">
        <span>{t.total}</span> <strong>{money(total)}</strong>
      </p>
      <div className="payment-choices">
        <button
          type="button"
          className="button tile"
          aria-describedby="pay-at-counter-hint"
          disabled={placing === 'placing'}
          onClick={() => void placeOrder('counter')}
        >
          <span>{t.payAtCounter}</span>
        </button>
        <p id="pay-at-counter-hint" className="hint">
          {t.payAtCounterHint}
        </p>
      </div>
      <div role="status" className="payment-status">
        {placing === 'placing' ? <p>{t.placingOrder}</p> : null}
      </div>
      {placing === 'failed' ? (
        <p role="alert" className="error">
          {t.placeOrderFailed}
        </p>
      ) : null}
      <footer className="screen-footer">
        <div className="actions">
          <button type="button" className="button" disabled={placing === 'placing'} onClick={() => goTo('review')}>
            {t.back}
          </button>
        </div>
      </footer>
    </main>
  );
};
