// One line of the order on the review screen: what it is, its choices, calories, price, and its
// controls (quantity, edit, remove). A line staff comped can be removed, not changed.
import { useMemo } from 'react';
import { describeLine } from '../../../common/menu/describe';
import { compNote } from '../../../common/i18n';
import { useI18n } from '../../i18n/useI18n';
import { MAX_LINE_QUANTITY } from '../../state/cart-slice';
import { priceCartLine } from '../../state/selectors';
import { useKiosk } from '../../state/StoreProvider';
import type { CartLine } from '../../state/types';
import { Stepper } from '../components/Stepper';
import { keepFocusOnScreen } from '../components/keep-focus';

export const OrderLineRow = ({ line }: { line: CartLine }) => {
  const { t, catalog, money, kcal, locale } = useI18n();
  const menu = useKiosk((state) => state.menu);
  const setQuantity = useKiosk((state) => state.setQuantity);
  const removeLine = useKiosk((state) => state.removeLine);
  const editLine = useKiosk((state) => state.editLine);
  const described = useMemo(() => (menu ? describeLine(menu, line.selection, locale) : null), [menu, line.selection, locale]);
  const price = useMemo(() => (menu ? priceCartLine(menu, line) : null), [menu, line]);
  if (!described || !price) return null;
  const headingId = `line-${line.lineId}`;
  return (
    <li className="cart-line" aria-labelledby={headingId}>
      <div className="cart-line-text">
        <h2 id={headingId} className="line-title">
          {described.title}
        </h2>
        {described.details.length > 0 ? (
          <ul className="line-details">
            {described.details.map((detail, index) => (
              <li key={index}>{detail}</li>
            ))}
          </ul>
        ) : null}
        <p className="line-kcal">{kcal(price.calories * line.selection.quantity)}</p>
        {line.comp ? <p className="comp-note">{compNote(catalog, line.comp)}</p> : null}
      </div>
      <div className="cart-line-controls">
        {/* A comped line is staff's: the customer can take it out, not make more of it or change it. */}
        {line.comp ? (
          <p className="line-quantity">{line.selection.quantity} ×</p>
        ) : (
          <Stepper
            name={described.title}
            value={line.selection.quantity}
            min={1}
            max={MAX_LINE_QUANTITY}
            onChange={(quantity) => setQuantity(line.lineId, quantity)}
          />
        )}
        <p className="line-total">{money(price.total)}</p>
        {line.comp ? null : (
          <button type="button" className="button small" aria-label={t.edit(described.title)} onClick={() => editLine(line.lineId)}>
            {t.editLabel}
          </button>
        )}
        <button type="button" className="button small danger" aria-label={t.remove(described.title)} onClick={(event) => {
            keepFocusOnScreen(event, '.undo-bar .button');
            removeLine(line.lineId);
          }}>
          {t.removeLabel}
        </button>
      </div>
    </li>
  );
};
