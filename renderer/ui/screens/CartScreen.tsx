import { useMemo } from 'react';
import { describeLine } from '../../../common/menu/describe';
import { useI18n } from '../../i18n/useI18n';
import { MAX_LINE_QUANTITY } from '../../state/cart-slice';
import { cartTotal, priceCartLine } from '../../state/selectors';
import { useKiosk } from '../../state/StoreProvider';
import type { CartLine, KioskState } from '../../state/types';
import { compNote, type KioskMessages } from '../../../common/i18n';
import { ScreenHeading } from '../components/ScreenHeading';
import { SoldOutNotice } from '../components/SoldOutNotice';
import { Stepper } from '../components/Stepper';

const undoNotice = (t: KioskMessages, kind: NonNullable<KioskState['undoable']>['kind'], title: string, quantity: number): string => {
  switch (kind) {
    case 'added':
      return t.addedToOrder(title);
    case 'edited':
      return t.updatedInOrder(title);
    case 'quantity':
      return t.quantityChanged(title, quantity);
    case 'removed':
      return t.removedNotice(title);
  }
};

export const CartScreen = () => {
  const { t, money, locale } = useI18n();
  const menu = useKiosk((state) => state.menu);
  const lines = useKiosk((state) => state.lines);
  const undoable = useKiosk((state) => state.undoable);
  const undo = useKiosk((state) => state.undo);
  const goTo = useKiosk((state) => state.goTo);
  const total = useMemo(() => (menu ? cartTotal(menu, lines) : 0), [menu, lines]);
  if (!menu) return null;

  return (
    <main className="screen cart">
      <ScreenHeading>{t.cartTitle}</ScreenHeading>
      <SoldOutNotice />
      {undoable ? (
        <div className="undo-bar">
          <p>{undoNotice(t, undoable.kind, describeLine(menu, undoable.selection, locale).title, undoable.selection.quantity)}</p>
          <button type="button" className="button" onClick={undo}>
            {t.undo}
          </button>
        </div>
      ) : null}
      {lines.length === 0 ? (
        <p className="empty">{t.cartEmpty}</p>
      ) : (
        <ul className="cart-lines">
          {lines.map((line) => (
            <CartLineRow key={line.lineId} line={line} />
          ))}
        </ul>
      )}
      <footer className="screen-footer">
        <p className="total">
          <span>{t.total}</span> <strong>{money(total)}</strong>
        </p>
        <div className="actions">
          <button type="button" className="button" onClick={() => goTo('menu')}>
            {t.addMore}
          </button>
          <button type="button" className="button primary" disabled={lines.length === 0} onClick={() => goTo('review')}>
            {t.reviewOrder}
          </button>
        </div>
      </footer>
    </main>
  );
};

const CartLineRow = ({ line }: { line: CartLine }) => {
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
        <button type="button" className="button small danger" aria-label={t.remove(described.title)} onClick={() => removeLine(line.lineId)}>
          {t.removeLabel}
        </button>
      </div>
    </li>
  );
};
