import { useMemo } from 'react';
import { describeLine } from '../../../common/menu/describe';
import { useI18n } from '../../i18n/useI18n';
import { priceCart, priceCartLine } from '../../state/selectors';
import { useKiosk } from '../../state/StoreProvider';
import { ScreenHeading } from '../components/ScreenHeading';
import { SoldOutNotice } from '../components/SoldOutNotice';
import { compNote } from '../../../common/i18n';

/** The full breakdown before anything is committed: each line with its options, tax per rate, total. */
export const ReviewScreen = () => {
  const { t, catalog, money, kcal, number, locale } = useI18n();
  const menu = useKiosk((state) => state.menu);
  const store = useKiosk((state) => state.store);
  const lines = useKiosk((state) => state.lines);
  const serviceMode = useKiosk((state) => state.serviceMode);
  const goTo = useKiosk((state) => state.goTo);
  const setServiceMode = useKiosk((state) => state.setServiceMode);
  const priced = useMemo(
    () => (menu && store && serviceMode ? priceCart(menu, store.tax, serviceMode, lines, locale) : null),
    [menu, store, serviceMode, lines, locale],
  );
  if (!menu || !priced || !serviceMode) return null;
  const totalCalories = lines.reduce((sum, line) => sum + priceCartLine(menu, line).calories * line.selection.quantity, 0);

  return (
    <main className="screen review">
      <ScreenHeading>{t.reviewTitle}</ScreenHeading>
      <SoldOutNotice />
      <p className="service-mode">
        {t.serviceModeLabel}: <strong>{serviceMode === 'eat_in' ? t.eatIn : t.takeAway}</strong>{' '}
        <button
          type="button"
          className="button small"
          onClick={() => setServiceMode(serviceMode === 'eat_in' ? 'take_away' : 'eat_in')}
        >
          {t.switchServiceMode(serviceMode === 'eat_in' ? t.takeAway : t.eatIn)}
        </button>
      </p>
      <table className="breakdown">
        <caption className="visually-hidden">{t.reviewTitle}</caption>
        <thead>
          <tr>
            <th scope="col">{t.quantity}</th>
            <th scope="col">{t.cartTitle}</th>
            <th scope="col" className="numeric">
              {t.lineTotal}
            </th>
          </tr>
        </thead>
        <tbody>
          {lines.map((line) => {
            const described = describeLine(menu, line.selection, locale);
            const price = priceCartLine(menu, line);
            return (
              <tr key={line.lineId}>
                <td>{number(line.selection.quantity)}×</td>
                <td>
                  <span className="line-title">{described.title}</span>
                  {described.details.length > 0 ? (
                    <ul className="line-details">
                      {described.details.map((detail, index) => (
                        <li key={index}>{detail}</li>
                      ))}
                    </ul>
                  ) : null}
                  <span className="line-kcal">{kcal(price.calories * line.selection.quantity)}</span>
                  {line.comp ? <span className="comp-note">{compNote(catalog, line.comp)}</span> : null}
                </td>
                <td className="numeric">{money(price.total)}</td>
              </tr>
            );
          })}
        </tbody>
        <tfoot>
          {priced.taxes.map((tax) => (
            <tr key={tax.rateId} className="tax-row">
              <th scope="row" colSpan={2}>
                {t.taxLine(tax.label)} ({t.subtotalNet} {money(tax.net)})
              </th>
              <td className="numeric">{money(tax.tax)}</td>
            </tr>
          ))}
          <tr className="total-row">
            <th scope="row" colSpan={2}>
              {t.total} <span className="line-kcal">({t.totalCalories(kcal(totalCalories))})</span>
            </th>
            <td className="numeric">
              <strong>{money(priced.total)}</strong>
            </td>
          </tr>
        </tfoot>
      </table>
      <footer className="screen-footer">
        <div className="actions">
          <button type="button" className="button" onClick={() => goTo('cart')}>
            {t.back}
          </button>
          <button type="button" className="button primary" onClick={() => goTo('payment')}>
            {t.continueToPayment}
          </button>
        </div>
      </footer>
    </main>
  );
};
