// Building one line the way burger chains do: size, "no onions", extras with
// steppers, sauces with limits, meal size and each slot's choice with its own options.
// Price and calories update live (announced politely); "Add to order" says why it is disabled.
import { useMemo } from 'react';
import type { Item, Menu, OptionGroup } from '../../../common/menu/schema';
import { optionPriceNow } from '../../../common/menu/free-units';
import { defaultSelection, priceLine, selectionProblems } from '../../../common/menu/pricing';
import type { ItemChoice, MealLineSelection } from '../../../common/menu/selection';
import { wordProblem } from '../../../common/i18n';
import { useI18n, type I18n } from '../../i18n/useI18n';
import { MAX_LINE_QUANTITY } from '../../state/cart-slice';
import { useKiosk } from '../../state/StoreProvider';
import type { ChoiceTarget } from '../../state/types';
import { AllergenBadges } from '../components/AllergenBadges';
import { ScreenHeading } from '../components/ScreenHeading';
import { Stepper } from '../components/Stepper';
import { ActionBar, ScreenBody } from '../layout/ActionBar';
import { ChoiceSummary } from '../customizer/ChoiceSummary';
import { CustomizationWarning } from '../accessibility/DietaryFilterNotes';
import { OptionAllergens } from '../accessibility/OptionAllergens';

const signedPrice = (i18n: I18n, delta: number) =>
  delta > 0 ? i18n.t.priceDelta(i18n.money(delta)) : delta < 0 ? i18n.t.priceReduction(i18n.money(-delta)) : '';

const domId = (...parts: (string | undefined)[]) => parts.filter(Boolean).join('-');

export const CustomizerScreen = () => {
  const i18n = useI18n();
  const { t, text, money, kcal } = i18n;
  const menu = useKiosk((state) => state.menu);
  const assetBase = useKiosk((state) => state.assetBase);
  const customizer = useKiosk((state) => state.customizer);
  const setQuantity = useKiosk((state) => state.setCustomizerQuantity);
  const commit = useKiosk((state) => state.commitCustomizer);
  const close = useKiosk((state) => state.closeCustomizer);
  const selection = customizer?.selection;
  const price = useMemo(() => (menu && selection ? priceLine(menu, selection) : null), [menu, selection]);
  const problems = useMemo(() => (menu && selection ? selectionProblems(menu, selection) : []), [menu, selection]);
  if (!menu || !customizer || !selection || !price) return null;

  const entry =
    selection.kind === 'item'
      ? menu.items.find((item) => item.id === selection.itemId)
      : menu.meals.find((meal) => meal.id === selection.mealId);
  if (!entry) return null;
  const name = text(entry.name);
  const editing = customizer.origin.kind === 'edit';

  return (
    <main className="screen customizer with-bar">
      <ScreenBody className="customizer-body">
        <div className="customizer-intro">
          <img src={`${assetBase}/${entry.image}`} alt="" width="200" height="150" />
          <div>
            <ScreenHeading>{t.customizeTitle(name)}</ScreenHeading>
            {entry.description ? <p>{text(entry.description)}</p> : null}
          </div>
        </div>

        <ChoiceSummary menu={menu} selection={selection} />

        <div className="customizer-choices">
          {selection.kind === 'item' ? (
            <ItemChoices item={entry as Item} choice={selection} target={{}} sizeId={selection.sizeId} />
          ) : (
            <MealChoices selection={selection} menu={menu} />
          )}
        </div>
        <AllergenBadges allergens={price.allergens} />
      </ScreenBody>

      <ActionBar label={t.customizeActions} className="customizer-bar">
        <CustomizationWarning selection={selection} />
        <div className="customizer-footer-row">
          <div className="quantity">
            <span className="quantity-label" aria-hidden="true">
              {t.quantity}
            </span>
            <Stepper name={name} value={selection.quantity} min={1} max={MAX_LINE_QUANTITY} onChange={setQuantity} />
          </div>
          <p className="live-price" role="status">
            <span className="live-price-total">{money(price.total)}</span> <span>{kcal(price.calories * selection.quantity)}</span>
          </p>
        </div>
        {problems.length > 0 ? (
          <div id="customizer-problems" className="problems">
            <p>{t.cannotAddYet}</p>
            <ul>
              {problems.map((problem) => (
                <li key={`${problem.path}-${problem.code}`}>{wordProblem(i18n.catalog, menu, i18n.locale, problem)}</li>
              ))}
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
    </main>
  );
};

const MealChoices = ({ selection, menu }: { selection: MealLineSelection; menu: Menu }) => {
  const i18n = useI18n();
  const { t, text, kcal } = i18n;
  const setSize = useKiosk((state) => state.setSize);
  const chooseSlotItem = useKiosk((state) => state.chooseSlotItem);
  const meal = menu.meals.find((candidate) => candidate.id === selection.mealId);
  if (!meal) return null;
  const mealSize = meal.sizes.find((size) => size.id === selection.sizeId);

  return (
    <>
      {meal.sizes.length > 1 ? (
        <fieldset className="choice-group">
          <legend>{t.mealSizeGroup}</legend>
          <div className="choice-list">
            {meal.sizes.map((size) => (
              <label key={size.id} className={choiceClass(size.id === selection.sizeId)}>
                <input type="radio" name="meal-size" checked={size.id === selection.sizeId} onChange={() => setSize(size.id)} />
                <span className="choice-name">{text(size.name)}</span>
                <span className="choice-price">{signedPrice(i18n, size.priceDelta)}</span>
              </label>
            ))}
          </div>
        </fieldset>
      ) : null}
      {meal.slots.map((slot) => {
        const chosen = selection.slots[slot.id];
        const chosenItem = chosen ? menu.items.find((item) => item.id === chosen.itemId) : undefined;
        const slotSizeId = mealSize?.slotSizes[slot.id];
        const slotName = text(slot.name);
        return (
          <section key={slot.id} id={domId('slot-section', slot.id)} className="slot" aria-labelledby={domId('slot', slot.id)}>
            <h2 id={domId('slot', slot.id)}>{slotName}</h2>
            {slot.choices.length > 1 ? (
              <fieldset className="choice-group">
                <legend>{t.slotChoice(slotName)}</legend>
                <div className="choice-list">
                  {slot.choices.map((choice) => {
                    const item = menu.items.find((candidate) => candidate.id === choice.itemId);
                    if (!item) return null;
                    const size = item.sizes.find((candidate) => candidate.id === slotSizeId);
                    const soldOut = item.availability.soldOut;
                    return (
                      <label key={choice.itemId} className={choiceClass(chosen?.itemId === choice.itemId)}>
                        <input
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
                <span className="choice-kcal">
                  {kcal(chosenItem.sizes.find((candidate) => candidate.id === slotSizeId)?.calories ?? chosenItem.calories)}
                </span>
              </p>
            ) : null}
            {chosen && chosenItem && (chosenItem.ingredients.some((ingredient) => ingredient.removable) || chosenItem.optionGroupIds.length > 0) ? (
              <div className="slot-options" role="group" aria-label={t.optionsFor(text(chosenItem.name))}>
                <ItemChoices item={chosenItem} choice={chosen} target={{ slotId: slot.id }} />
              </div>
            ) : null}
          </section>
        );
      })}
    </>
  );
};

interface ItemChoicesProps {
  item: Item;
  choice: Omit<ItemChoice, 'sizeId'>;
  target: ChoiceTarget;
  /** Only for an item on its own: inside a meal the meal size decides. */
  sizeId?: string | undefined;
}

const ItemChoices = ({ item, choice, target, sizeId }: ItemChoicesProps) => {
  const i18n = useI18n();
  const { t, text, kcal } = i18n;
  const menu = useKiosk((state) => state.menu);
  const setSize = useKiosk((state) => state.setSize);
  const toggleIngredient = useKiosk((state) => state.toggleIngredient);
  const prefix = target.slotId ?? 'item';
  const removable = item.ingredients.filter((ingredient) => ingredient.removable);
  const groups = item.optionGroupIds
    .map((groupId) => menu?.optionGroups.find((group) => group.id === groupId))
    .filter((group): group is OptionGroup => group !== undefined);
  const baseSize = item.sizes.find((size) => size.id === item.defaultSizeId) ?? item.sizes[0];

  return (
    <>
      {target.slotId === undefined && item.sizes.length > 1 ? (
        <fieldset className="choice-group">
          <legend>{t.sizeGroup}</legend>
          <div className="choice-list">
            {item.sizes.map((size) => (
              <label key={size.id} className={choiceClass(size.id === sizeId)}>
                <input type="radio" name={domId(prefix, 'size')} checked={size.id === sizeId} onChange={() => setSize(size.id)} />
                <span className="choice-name">{text(size.name)}</span>
                <span className="choice-price">{signedPrice(i18n, size.priceDelta - (baseSize?.priceDelta ?? 0))}</span>
                <span className="choice-kcal">{kcal(size.calories)}</span>
              </label>
            ))}
          </div>
        </fieldset>
      ) : null}

      {removable.length > 0 ? (
        <fieldset className="choice-group">
          <legend>
            {t.ingredientsGroup} <span className="legend-hint">{t.ingredientsHint}</span>
          </legend>
          <div className="choice-list">
            {removable.map((ingredient) => {
              const removed = choice.removedIngredientIds.includes(ingredient.id);
              const name = text(ingredient.name);
              return (
                <label key={ingredient.id} className={removed ? 'choice removed' : choiceClass(true)}>
                  <input type="checkbox" checked={!removed} onChange={() => toggleIngredient(target, ingredient.id)} />
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
      ) : null}

      {groups.map((group) => (
        <OptionGroupChoices key={group.id} group={group} choice={choice} target={target} />
      ))}
    </>
  );
};

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

const OptionGroupChoices = ({ group, choice, target }: { group: OptionGroup; choice: Omit<ItemChoice, 'sizeId'>; target: ChoiceTarget }) => {
  const i18n = useI18n();
  const { text, kcal, t } = i18n;
  const setOptionQuantity = useKiosk((state) => state.setOptionQuantity);
  const chosen = choice.options[group.id] ?? {};
  const total = Object.values(chosen).reduce((sum, count) => sum + count, 0);
  const inputName = domId(target.slotId ?? 'item', group.id);
  const groupName = text(group.name);

  return (
    <fieldset className="choice-group">
      <legend>
        {groupName} <span className="legend-hint">{groupRule(i18n, group)}</span>
      </legend>
      <div className="choice-list">
        {group.selection === 'single' && group.min === 0 ? (
          // An optional single choice needs a way back to "none" (a radio cannot be unticked).
          <label className={choiceClass(total === 0)}>
            <input
              type="radio"
              name={inputName}
              checked={total === 0}
              onChange={() => {
                for (const optionId of Object.keys(chosen)) setOptionQuantity(target, group.id, optionId, 0);
              }}
            />
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
                <input
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
                <input
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

/** A choice's class; the checked one is marked by React (a `:has(input:checked)` selector restyles the whole group on every change). */
const choiceClass = (checked: boolean) => (checked ? 'choice choice-checked' : 'choice');
