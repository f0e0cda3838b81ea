// The kiosk's suggestions, from the menu's `suggestions` (schema.ts): "Make it a meal?" when an
// item that is the main of a meal is added on its own, "Add a drink?" when the order has none.
// Pure: what to offer and what it costs; when to show them (once per order) is the page's.
import { defaultSelection, priceLine } from './pricing';
import type { Menu } from './schema';
import type { ItemLineSelection, LineSelection, MealLineSelection } from './selection';

export interface MealOffer {
  /** The meal as it would be added: the item as the customer chose it in the main slot, the meal's defaults elsewhere. */
  meal: MealLineSelection;
  /** What the meal costs, and what the item with the meal's side and drink would cost bought apart (per unit). */
  mealPrice: number;
  partsPrice: number;
}

/**
 * The meal to suggest for an item line just added on its own, or null. Offered only when the meal
 * gives more than the item (a side and a drink) or costs less than its parts bought apart.
 */
export function mealOfferFor(menu: Menu, line: LineSelection): MealOffer | null {
  if (line.kind !== 'item') return null;
  const rule = menu.suggestions.makeItAMeal.find((candidate) => candidate.itemId === line.itemId);
  const meal = rule ? menu.meals.find((candidate) => candidate.id === rule.mealId) : undefined;
  const mainSlot = meal?.slots.find((slot) => slot.kind === 'main' && slot.choices.some((choice) => choice.itemId === line.itemId));
  if (!meal || !mainSlot || meal.availability.soldOut) return null;
  const base = defaultSelection(menu, { kind: 'meal', mealId: meal.id });
  if (base.kind !== 'meal') return null;
  const offered: MealLineSelection = {
    ...base,
    quantity: line.quantity,
    slots: { ...base.slots, [mainSlot.id]: { itemId: line.itemId, removedIngredientIds: line.removedIngredientIds, options: line.options } },
  };
  const mealPrice = priceLine(menu, { ...offered, quantity: 1 }).unitPrice;
  const mealSize = meal.sizes.find((size) => size.id === offered.sizeId);
  const partsPrice = meal.slots.reduce((sum, slot) => {
    const chosen = offered.slots[slot.id];
    if (!chosen) return sum;
    if (slot.id === mainSlot.id) return sum + priceLine(menu, { ...line, quantity: 1 }).unitPrice;
    const alone: ItemLineSelection = { kind: 'item', ...chosen, quantity: 1, ...(mealSize?.slotSizes[slot.id] ? { sizeId: mealSize.slotSizes[slot.id] } : {}) };
    return sum + priceLine(menu, alone).unitPrice;
  }, 0);
  const givesMore = meal.slots.length > 1;
  return givesMore || mealPrice < partsPrice ? { meal: offered, mealPrice, partsPrice } : null;
}

/** Whether the order has a drink: a meal with a drink slot, or one of the drinks the menu offers. */
export function orderHasDrink(menu: Menu, lines: readonly LineSelection[]): boolean {
  const drinks = new Set(menu.suggestions.addADrink?.itemIds ?? []);
  return lines.some((line) =>
    line.kind === 'item' ? drinks.has(line.itemId) : (menu.meals.find((meal) => meal.id === line.mealId)?.slots.some((slot) => slot.kind === 'drink') ?? false),
  );
}

/** The drinks to offer with "Add a drink?" (on sale now: not sold out), or none. */
export function drinksToOffer(menu: Menu): ItemLineSelection[] {
  return (menu.suggestions.addADrink?.itemIds ?? [])
    .map((itemId) => menu.items.find((item) => item.id === itemId))
    .filter((item) => item !== undefined && !item.availability.soldOut)
    .map((item) => defaultSelection(menu, { kind: 'item', itemId: item!.id }) as ItemLineSelection);
}
