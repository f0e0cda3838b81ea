// One option group's choices: radios for a single choice (with "None" when it is optional),
// checkboxes where each option is taken once, steppers where an option can be taken several times.
// Each shows its price now (the free units say "Free"), its calories and its allergens.
import type { OptionGroup } from '../../../common/menu/schema';
import { optionPriceNow } from '../../../common/menu/free-units';
import type { ItemChoice } from '../../../common/menu/selection';
import { useI18n, type I18n } from '../../i18n/useI18n';
import { useKiosk } from '../../state/StoreProvider';
import type { ChoiceTarget } from '../../state/types';
import { Stepper } from '../components/Stepper';
import { OptionAllergens } from '../accessibility/OptionAllergens';
import { choiceClass, domId, signedPrice } from './choice-parts';
import { ChoiceInput } from './ChoiceInput';

const groupRule = (i18n: I18n, group: OptionGroup): string => {
  const rule =
    group.selection === 'single' || group.min === group.max
      ? group.min === 0 && group.selection === 'single'
        ? i18n.t.chooseUpTo(1)
        : i18n.t.chooseExactly(group.max)
      : group.min > 0
        ? i18n.t.chooseBetween(group.min, group.max)
        : i18n.t.chooseUpTo(group.max);
  return group.freeQuantity > 0 ? `${rule}, ${i18n.t.firstFree(group.freeQuantity)}` : rule;
};

interface Props {
  group: OptionGroup;
  choice: Omit<ItemChoice, 'sizeId'>;
  target: ChoiceTarget;
  /** Off when the group's row above already shows its name: then only screen readers hear it in the legend. */
  nameShown: boolean;
}

export const OptionGroupChoices = ({ group, choice, target, nameShown }: Props) => {
  const i18n = useI18n();
  const { text, kcal, t } = i18n;
  const setOptionQuantity = useKiosk((state) => state.setOptionQuantity);
  const clearOptionGroup = useKiosk((state) => state.clearOptionGroup);
  const chosen = choice.options[group.id] ?? {};
  const total = Object.values(chosen).reduce((sum, count) => sum + count, 0);
  const inputName = domId(target.slotId ?? 'item', group.id);
  const groupName = text(group.name);

  return (
    <fieldset className="choice-group">
      <legend>
        <span className={nameShown ? undefined : 'visually-hidden'}>{groupName}</span> <span className="legend-hint">{groupRule(i18n, group)}</span>
      </legend>
      <div className="choice-list">
        {group.selection === 'single' && group.min === 0 ? (
          // An optional single choice needs a way back to "none" (a radio cannot be unticked).
          <label className={choiceClass(total === 0)}>
            <ChoiceInput type="radio" name={inputName} checked={total === 0} onChange={() => clearOptionGroup(target, group.id)} />
            <span className="choice-name">{t.noChoice}</span>
          </label>
        ) : null}
        {group.options.map((option) => {
          const count = chosen[option.id] ?? 0;
          const name = text(option.name);
          // With free units the price is what this option costs now (or would add): "Free" on the free one, never +€0.30.
          const priceNow = group.freeQuantity > 0 ? optionPriceNow(group, chosen, option.id) : option.priceDelta;
          const priceText = option.soldOut ? t.soldOut : priceNow === 0 && option.priceDelta > 0 ? t.freeUnit : signedPrice(i18n, priceNow);
          const details = (
            <>
              <span className="choice-price">{priceText}</span>
              {option.calories > 0 ? <span className="choice-kcal">{kcal(option.calories)}</span> : null}
              <OptionAllergens allergens={option.allergens} />
            </>
          );
          if (group.selection === 'single') {
            return (
              <label key={option.id} className={choiceClass(count > 0)}>
                <ChoiceInput
                  type="radio"
                  name={inputName}
                  checked={count > 0}
                  disabled={option.soldOut}
                  onChange={() => setOptionQuantity(target, group.id, option.id, 1)}
                />
                <span className="choice-name">{name}</span>
                {details}
              </label>
            );
          }
          if (option.maxQuantity === 1 || group.max === 1) {
            return (
              <label key={option.id} className={choiceClass(count > 0)}>
                <ChoiceInput
                  type="checkbox"
                  checked={count > 0}
                  disabled={option.soldOut || (count === 0 && total >= group.max)}
                  onChange={(event) => setOptionQuantity(target, group.id, option.id, event.target.checked ? 1 : 0)}
                />
                <span className="choice-name">{name}</span>
                {details}
              </label>
            );
          }
          return (
            <div key={option.id} className="choice stepper-choice">
              <span className="choice-name">{name}</span>
              {details}
              <Stepper
                name={name}
                value={count}
                min={0}
                max={option.soldOut ? count : Math.min(option.maxQuantity, count + group.max - total)}
                onChange={(value) => setOptionQuantity(target, group.id, option.id, value)}
              />
            </div>
          );
        })}
      </div>
    </fieldset>
  );
};
