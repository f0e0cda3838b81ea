// The customiser's action bar: the quantity, the live price and calories, why the line cannot be
// added yet (each reason opens the group it is about), Cancel and Add to order. Memoised: a tap on
// a choice renders it again only once the customiser's settled selection follows (a transition).
import { memo } from 'react';
import type { PricedLine, SelectionProblem } from '../../../common/menu/pricing';
import type { Menu } from '../../../common/menu/schema';
import type { LineSelection } from '../../../common/menu/selection';
import { wordProblem } from '../../../common/i18n';
import { useI18n } from '../../i18n/useI18n';
import { MAX_LINE_QUANTITY } from '../../state/cart-slice';
import { useKiosk } from '../../state/StoreProvider';
import { Stepper } from '../components/Stepper';
import { ActionBar } from '../layout/ActionBar';
import { CustomizationWarning } from '../accessibility/DietaryFilterNotes';
import { groupKeyOfProblem } from './groups';

interface Props {
  menu: Menu;
  /** The settled selection: the price, calories and problems were worked out from it. */
  selection: LineSelection;
  /** The quantity as tapped, for the stepper (it answers the tap at once). */
  quantity: number;
  name: string;
  price: PricedLine;
  problems: readonly SelectionProblem[];
  editing: boolean;
  onShowGroup(key: string): void;
}

export const CustomizerActions = memo(function CustomizerActions({ menu, selection, quantity, name, price, problems, editing, onShowGroup }: Props) {
  const i18n = useI18n();
  const { t, money, kcal } = i18n;
  const setQuantity = useKiosk((state) => state.setCustomizerQuantity);
  const commit = useKiosk((state) => state.commitCustomizer);
  const close = useKiosk((state) => state.closeCustomizer);
  return (
    <ActionBar label={t.customizeActions} className="customizer-bar">
      <CustomizationWarning selection={selection} />
      <div className="customizer-footer-row">
        <div className="quantity">
          <span className="quantity-label" aria-hidden="true">
            {t.quantity}
          </span>
          <Stepper name={name} value={quantity} min={1} max={MAX_LINE_QUANTITY} onChange={setQuantity} />
        </div>
        <p className="live-price" role="status">
          <span className="live-price-total">{money(price.total)}</span> <span>{kcal(price.calories * selection.quantity)}</span>
        </p>
      </div>
      {problems.length > 0 ? (
        <div id="customizer-problems" className="problems">
          <p>{t.cannotAddYet}</p>
          <ul>
            {problems.map((problem) => {
              const words = wordProblem(i18n.catalog, menu, i18n.locale, problem);
              const key = groupKeyOfProblem(selection, problem);
              return (
                <li key={`${problem.path}-${problem.code}`}>
                  {key ? (
                    <button type="button" className="problem-link" onClick={() => onShowGroup(key)}>
                      {words}
                    </button>
                  ) : (
                    words
                  )}
                </li>
              );
            })}
          </ul>
        </div>
      ) : null}
      <div className="actions">
        <button type="button" className="button" onClick={close}>
          {t.cancel}
        </button>
        <button
          type="button"
          className="button primary"
          disabled={problems.length > 0}
          aria-describedby={problems.length > 0 ? 'customizer-problems' : undefined}
          onClick={commit}
        >
          {editing ? t.updateOrder : t.addToOrder}
        </button>
      </div>
    </ActionBar>
  );
});
