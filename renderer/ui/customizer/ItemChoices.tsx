// An item's own choices: its size (only for an item on its own: in a meal the meal size decides),
// the ingredients a customer may leave out, and all of it together for the item in a meal slot.
import type { Item, OptionGroup } from '../../../common/menu/schema';
import type { ItemChoice } from '../../../common/menu/selection';
import { menuIndex } from '../../../common/menu/menu-index';
import { useI18n } from '../../i18n/useI18n';
import { useKiosk } from '../../state/StoreProvider';
import type { ChoiceTarget } from '../../state/types';
import { choiceClass, domId, signedPrice } from './choice-parts';
import { ChoiceInput } from './ChoiceInput';
import { OptionGroupChoices } from './OptionGroupChoices';

type Choice = Omit<ItemChoice, 'sizeId'>;

export const SizeChoices = ({ item, sizeId }: { item: Item; sizeId: string | undefined }) => {
  const i18n = useI18n();
  const { t, text, kcal } = i18n;
  const setSize = useKiosk((state) => state.setSize);
  const baseSize = item.sizes.find((size) => size.id === item.defaultSizeId) ?? item.sizes[0];
  return (
    <fieldset className="choice-group">
      <legend className="visually-hidden">{t.sizeGroup}</legend>
      <div className="choice-list">
        {item.sizes.map((size) => (
          <label key={size.id} className={choiceClass(size.id === sizeId)}>
            <ChoiceInput type="radio" name={domId('item', 'size')} checked={size.id === sizeId} onChange={() => setSize(size.id)} />
            <span className="choice-name">{text(size.name)}</span>
            <span className="choice-price">{signedPrice(i18n, size.priceDelta - (baseSize?.priceDelta ?? 0))}</span>
            <span className="choice-kcal">{kcal(size.calories)}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
};

export const IngredientChoices = ({ item, choice, target, nameShown }: { item: Item; choice: Choice; target: ChoiceTarget; nameShown: boolean }) => {
  const { t, text } = useI18n();
  const toggleIngredient = useKiosk((state) => state.toggleIngredient);
  const removable = item.ingredients.filter((ingredient) => ingredient.removable);
  if (removable.length === 0) return null;
  return (
    <fieldset className="choice-group">
      <legend>
        <span className={nameShown ? undefined : 'visually-hidden'}>{t.ingredientsGroup}</span> <span className="legend-hint">{t.ingredientsHint}</span>
      </legend>
      <div className="choice-list">
        {removable.map((ingredient) => {
          const removed = choice.removedIngredientIds.includes(ingredient.id);
          const name = text(ingredient.name);
          return (
            <label key={ingredient.id} className={removed ? 'choice removed' : choiceClass(true)}>
              <ChoiceInput type="checkbox" checked={!removed} onChange={() => toggleIngredient(target, ingredient.id)} />
              <span className="choice-name">{name}</span>
              {/* Said only when it differs from the name: "No onions" on a card left out, never "Cheese / With cheese". */}
              {removed ? (
                <span className="choice-state" aria-hidden="true">
                  {t.noIngredient(name)}
                </span>
              ) : null}
            </label>
          );
        })}
      </div>
    </fieldset>
  );
};

/** The item chosen in a meal slot: its ingredients and option groups, each named (the slot's row names the slot). */
export const SlotItemOptions = ({ item, choice, slotId }: { item: Item; choice: Choice; slotId: string }) => {
  const { t, text } = useI18n();
  const menu = useKiosk((state) => state.menu);
  const groups = item.optionGroupIds
    .map((groupId) => (menu ? menuIndex(menu).optionGroups.get(groupId) : undefined))
    .filter((group): group is OptionGroup => group !== undefined);
  if (groups.length === 0 && !item.ingredients.some((ingredient) => ingredient.removable)) return null;
  const target = { slotId };
  return (
    <div className="slot-options" role="group" aria-label={t.optionsFor(text(item.name))}>
      <IngredientChoices item={item} choice={choice} target={target} nameShown />
      {groups.map((group) => (
        <OptionGroupChoices key={group.id} group={group} choice={choice} target={target} nameShown />
      ))}
    </div>
  );
};
