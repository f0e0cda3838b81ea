// Looks up what a category shows: items and meals by id, with their default price.
import type { Item, Meal, Menu } from '../../common/menu/schema';
import { isOnSale } from '../../common/menu/availability';
import { defaultSelection, priceLine } from '../../common/menu/pricing';

export type MenuEntry =
  | { kind: 'item'; id: string; entry: Item }
  | { kind: 'meal'; id: string; entry: Meal };

export const findEntry = (menu: Menu, id: string): MenuEntry | undefined => {
  const item = menu.items.find((candidate) => candidate.id === id);
  if (item) return { kind: 'item', id, entry: item };
  const meal = menu.meals.find((candidate) => candidate.id === id);
  if (meal) return { kind: 'meal', id, entry: meal };
  return undefined;
};

export const entryRef = (entry: MenuEntry) =>
  entry.kind === 'item' ? ({ kind: 'item', itemId: entry.id } as const) : ({ kind: 'meal', mealId: entry.id } as const);

/**
 * Price, calories and allergens of the entry in its cheapest size with the default choices
 * (what "from €…" promises); a meal's first size is its base price.
 */
export const entrySummary = (menu: Menu, entry: MenuEntry) => {
  const selection = defaultSelection(menu, entryRef(entry));
  if (selection.kind !== 'item' || entry.kind !== 'item' || entry.entry.sizes.length < 2) return priceLine(menu, selection);
  return entry.entry.sizes
    .map((size) => priceLine(menu, { ...selection, sizeId: size.id }))
    .reduce((cheapest, candidate) => (candidate.unitPrice < cheapest.unitPrice ? candidate : cheapest));
};

export type EntryState = 'on_sale' | 'sold_out' | 'not_now';

export const entryState = (menu: Menu, entry: MenuEntry, at: Date, timezone: string): EntryState => {
  if (entry.entry.availability.soldOut) return 'sold_out';
  return isOnSale(menu, entry.entry, at, timezone) ? 'on_sale' : 'not_now';
};
