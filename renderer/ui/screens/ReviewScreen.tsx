// The one screen before payment: every line with its choices and controls (quantity, edit,
// remove, undo), eat in or take away, tax per rate and the total, and the payment choice itself
// (pay by card, or at the counter). The payment screen then shows the card step or the placing.
import { useEffect, useMemo } from 'react';
import { paymentInProgress } from '../../state/payment-slice';
import { soldOutLines } from '../../state/sold-out';
import { describeLine } from '../../../common/menu/describe';
import { useI18n } from '../../i18n/useI18n';
import { cartTotal, priceCart, priceCartLine } from '../../state/selectors';
import { useKiosk } from '../../state/StoreProvider';
import { useHeldWhileLeaving } from './useHeldWhileLeaving';
import { ScreenHeading } from '../components/ScreenHeading';
import { SoldOutNotice } from '../components/SoldOutNotice';
import { ActionBar, ScreenBody } from '../layout/ActionBar';
import { changeNotice } from '../review/change-notice';
import { OrderLineRow } from '../review/OrderLineRow';
import { UndoButton } from '../components/UndoButton';

export const ReviewScreen = () => {
  const { t, money, kcal, locale } = useI18n();
  const menu = useKiosk((state) => state.menu);
  const store = useKiosk((state) => state.store);
  const lines = useHeldWhileLeaving('review', useKiosk((state) => state.lines));
  const undoable = useKiosk((state) => state.undoable);
  const serviceMode = useKiosk((state) => state.serviceMode);
  const goTo = useKiosk((state) => state.goTo);
  const setServiceMode = useKiosk((state) => state.setServiceMode);
  const cardAvailable = useKiosk((state) => state.cardPaymentAvailable);
  const chooseCard = useKiosk((state) => state.chooseCard);
  const payAtCounter = useKiosk((state) => state.payAtCounter);
  const busy = useKiosk(paymentInProgress);
  const suggestDrink = useKiosk((state) => state.suggestDrink);
  // "Add a drink?" when the order has none: once per order, in its own row, never in the way of paying.
  useEffect(() => suggestDrink(), [suggestDrink]);
  const priced = useMemo(
    () => (menu && store && serviceMode ? priceCart(menu, store.tax, serviceMode, lines, locale) : null),
    [menu, store, serviceMode, lines, locale],
  );
  const total = useMemo(() => (menu ? cartTotal(menu, lines) : 0), [menu, lines]);
  // Something sold out since it was chosen: paying waits until the customer changed it (SoldOutNotice says how).
  const soldOut = useMemo(() => soldOutLines(menu, lines).length > 0, [menu, lines]);
  if (!menu) return null;
  const totalCalories = lines.reduce((sum, line) => sum + priceCartLine(menu, line).calories * line.selection.quantity, 0);
  const otherMode = serviceMode === 'eat_in' ? 'take_away' : 'eat_in';
  // A fully comped order has nothing to charge: no card step, the counter takes it.
  const offerCard = cardAvailable && total > 0;
  const pay = (how: () => Promise<void>) => {
    goTo('payment');
    void how();
  };

  return (
    <main className="screen review with-bar">
      <ScreenBody className="review-body">
        <ScreenHeading>{t.cartTitle}</ScreenHeading>
        <SoldOutNotice />
        {undoable ? (
          <div className="undo-bar">
            <p>{changeNotice(t, undoable.kind, describeLine(menu, undoable.selection, locale).title, undoable.selection.quantity)}</p>
            <UndoButton />
          </div>
        ) : null}
        {serviceMode ? (
          <p className="service-mode">
            {t.serviceModeLabel}: <strong>{serviceMode === 'eat_in' ? t.eatIn : t.takeAway}</strong>{' '}
            <button type="button" className="button small" onClick={() => setServiceMode(otherMode)}>
              {t.switchServiceMode(otherMode === 'eat_in' ? t.eatIn : t.takeAway)}
            </button>
          </p>
        ) : null}
        {lines.length === 0 ? (
          <p className="empty">{t.cartEmpty}</p>
        ) : (
          <ul className="cart-lines">
            {lines.map((line) => (
              <OrderLineRow key={line.lineId} line={line} />
            ))}
          </ul>
        )}
        {priced && lines.length > 0 ? (
          <table className="breakdown">
            <caption className="visually-hidden">{t.taxCaption}</caption>
            <tbody>
              {priced.taxes.map((tax) => (
                <tr key={tax.rateId} className="tax-row">
                  <th scope="row">
                    {t.taxLine(tax.label)} ({t.subtotalNet} {money(tax.net)})
                  </th>
                  <td className="numeric">{money(tax.tax)}</td>
                </tr>
              ))}
              <tr className="total-row">
                <th scope="row">
                  {t.total} <span className="line-kcal">({t.totalCalories(kcal(totalCalories))})</span>
                </th>
                <td className="numeric">
                  <strong>{money(priced.total)}</strong>
                </td>
              </tr>
            </tbody>
          </table>
        ) : null}
      </ScreenBody>
      <ActionBar label={t.orderActions}>
        <p className="total">
          <span>{t.total}</span> <strong>{money(total)}</strong>
        </p>
        <div className="actions">
          <button type="button" className="button" onClick={() => goTo('menu')}>
            {t.addMore}
          </button>
          {/* The payment choice is here, so paying is one tap from the review (card first where the store takes cards). */}
          {offerCard ? (
            <button type="button" className="button" disabled={busy || soldOut} onClick={() => pay(payAtCounter)}>
              {t.payAtCounter}
            </button>
          ) : null}
          <button type="button" className="button primary" disabled={lines.length === 0 || busy || soldOut} onClick={() => pay(offerCard ? chooseCard : payAtCounter)}>
            {offerCard ? t.payment.payByCard : t.payAtCounter}
          </button>
        </div>
      </ActionBar>
    </main>
  );
};
