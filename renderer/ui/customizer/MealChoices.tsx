// A meal's own choices: its size, and in each slot the item (with its calories and allergens,
// sold-out ones shown but not choosable) followed by that item's options.
import { defaultSelection, priceLine } from '../../../common/menu/pricing';
import type { Meal, MealSlot, Menu } from '../../../common/menu/schema';
import type { MealLineSelection } from '../../../common/menu/selection';
import { menuIndex } from '../../../common/menu/menu-index';
import { useI18n } from '../../i18n/useI18n';
import { useKiosk } from '../../state/StoreProvider';
import { OptionAllergens } from '../accessibility/OptionAllergens';
import { choiceClass, domId, signedPrice } from './choice-parts';
import { ChoiceInput } from './ChoiceInput';
import { SlotItemOptions } from './ItemChoices';

export const MealSizeChoices = ({ meal, selection }: { meal: Meal; selection: MealLineSelection }) => {
  const i18n = useI18n();
  const { t, text } = i18n;
  const setSize = useKiosk((state) => state.setSize);
  return (
    <fieldset className="choice-group">
      <legend className="visually-hidden">{t.mealSizeGroup}</legend>
      <div className="choice-list">
        {meal.sizes.map((size) => (
          <label key={size.id} className={choiceClass(size.id === selection.sizeId)}>
            <ChoiceInput type="radio" name="meal-size" checked={size.id === selection.sizeId} onChange={() => setSize(size.id)} />
            <span className="choice-name">{text(size.name)}</span>
            <span className="choice-price">{signedPrice(i18n, size.priceDelta)}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
};

interface SlotProps {
  menu: Menu;
  meal: Meal;
  slot: MealSlot;
  selection: MealLineSelection;
}

export const SlotChoices = ({ menu, meal, slot, selection }: SlotProps) => {
  const i18n = useI18n();
  const { t, text, kcal } = i18n;
  const chooseSlotItem = useKiosk((state) => state.chooseSlotItem);
  const chosen = selection.slots[slot.id];
  const chosenItem = chosen ? menuIndex(menu).items.get(chosen.itemId) : undefined;
  const slotSizeId = meal.sizes.find((size) => size.id === selection.sizeId)?.slotSizes[slot.id];
  const slotName = text(slot.name);
  return (
    <>
      {slot.choices.length > 1 ? (
        <fieldset className="choice-group">
          <legend className="visually-hidden">{t.slotChoice(slotName)}</legend>
          <div className="choice-list">
            {slot.choices.map((choice) => {
              const item = menuIndex(menu).items.get(choice.itemId);
              if (!item) return null;
              const size = item.sizes.find((candidate) => candidate.id === slotSizeId);
              const soldOut = item.availability.soldOut;
              return (
                <label key={choice.itemId} className={choiceClass(chosen?.itemId === choice.itemId)}>
                  <ChoiceInput
                    type="radio"
                    name={domId('slot', slot.id)}
                    checked={chosen?.itemId === choice.itemId}
                    disabled={soldOut}
                    onChange={() => chooseSlotItem(slot.id, choice.itemId)}
                  />
                  <span className="choice-name">{text(item.name)}</span>
                  <span className="choice-price">{soldOut ? t.soldOut : signedPrice(i18n, choice.priceDelta)}</span>
                  <span className="choice-kcal">{kcal(size?.calories ?? item.calories)}</span>
                  <OptionAllergens allergens={priceLine(menu, defaultSelection(menu, { kind: 'item', itemId: item.id })).allergens} />
                </label>
              );
            })}
          </div>
        </fieldset>
      ) : chosenItem ? (
        <p className="slot-fixed">
          {text(chosenItem.name)}{' '}
          <span className="choice-kcal">{kcal(chosenItem.sizes.find((candidate) => candidate.id === slotSizeId)?.calories ?? chosenItem.calories)}</span>
        </p>
      ) : null}
      {chosen && chosenItem ? <SlotItemOptions item={chosenItem} choice={chosen} slotId={slot.id} /> : null}
    </>
  );
};
