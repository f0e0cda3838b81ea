// The running order on the menu: how many items, the total, and the way to pay ("Review & pay"),
// always at the bottom of the screen.
import { memo, useMemo } from 'react';
import { useI18n } from '../../i18n/useI18n';
import { cartTotal, selectCartCount } from '../../state/selectors';
import { useKiosk } from '../../state/StoreProvider';
import { ActionBar } from './ActionBar';

// Memoised: the menu screen renders again at every category tap (twice: the tab, then its items); the bar
// follows the order alone.
export const OrderBar = memo(function OrderBar() {
  const { t, money } = useI18n();
  const menu = useKiosk((state) => state.menu);
  const lines = useKiosk((state) => state.lines);
  const count = useKiosk(selectCartCount);
  const goTo = useKiosk((state) => state.goTo);
  const total = useMemo(() => (menu ? cartTotal(menu, lines) : 0), [menu, lines]);
  return (
    <ActionBar label={t.orderBarLabel} className="order-bar">
      <p className="order-summary">
        {count === 0 ? (
          t.orderBarEmpty
        ) : (
          <>
            <span className="order-count">{t.itemCount(count)}</span> <strong className="order-total">{money(total)}</strong>
          </>
        )}
      </p>
      <button type="button" className="button primary review-and-pay" disabled={count === 0} onClick={() => goTo('review')}>
        {t.reviewAndPay}
      </button>
    </ActionBar>
  );
});
