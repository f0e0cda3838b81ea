// Looks up what a category shows: items and meals by id, with their default price.
import type { Item, Meal, Menu } from '../../common/menu/schema';
import { isOnSale } from '../../common/menu/availability';
import { menuIndex } from '../../common/menu/menu-index';
import { describeLine } from '../../common/menu/describe';
import { defaultSelection, priceLine, selectionProblems } from '../../common/menu/pricing';
import type { LineSelection } from '../../common/menu/selection';

export type MenuEntry =
  | { kind: 'item'; id: string; entry: Item }
  | { kind: 'meal'; id: string; entry: Meal };

/** Entries built once per menu object (menus are immutable), so a card keeps the same entry across renders. */
const entriesByMenu = new WeakMap<Menu, Map<string, MenuEntry | undefined>>();

export const findEntry = (menu: Menu, id: string): MenuEntry | undefined => {
  let entries = entriesByMenu.get(menu);
  if (!entries) entriesByMenu.set(menu, (entries = new Map()));
  if (entries.has(id)) return entries.get(id);
  const index = menuIndex(menu);
  const item = index.items.get(id);
  const meal = item ? undefined : index.meals.get(id);
  const entry: MenuEntry | undefined = item ? { kind: 'item', id, entry: item } : meal ? { kind: 'meal', id, entry: meal } : undefined;
  entries.set(id, entry);
  return entry;
};

export const entryRef = (entry: MenuEntry) =>
  entry.kind === 'item' ? ({ kind: 'item', itemId: entry.id } as const) : ({ kind: 'meal', mealId: entry.id } as const);

/**
 * Price, calories and allergens of the entry in its cheapest size with the default choices
 * (what "from €…" promises); a meal's first size is its base price.
 */
export const entrySummary = (menu: Menu, entry: MenuEntry): EntrySummary => {
  let summaries = summariesByMenu.get(menu);
  if (!summaries) summariesByMenu.set(menu, (summaries = new Map()));
  let summary = summaries.get(entry.id);
  if (!summary) summaries.set(entry.id, (summary = computeSummary(menu, entry)));
  return summary;
};

export type EntrySummary = ReturnType<typeof priceLine>;
/** Summaries are computed once per menu version (a new menu is a new object). */
const summariesByMenu = new WeakMap<Menu, Map<string, EntrySummary>>();

const computeSummary = (menu: Menu, entry: MenuEntry): EntrySummary => {
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

/** Categories whose every entry is sold out, once per menu version (a sold-out change is a new menu). */
const soldOutCategoriesByMenu = new WeakMap<Menu, ReadonlySet<string>>();

export const soldOutCategories = (menu: Menu): ReadonlySet<string> => {
  let found = soldOutCategoriesByMenu.get(menu);
  if (!found) {
    found = new Set(
      menu.categories
        .filter((category) => category.entryIds.length > 0 && category.entryIds.every((id) => findEntry(menu, id)?.entry.availability.soldOut ?? true))
        .map((category) => category.id),
    );
    soldOutCategoriesByMenu.set(menu, found);
  }
  return found;
};

/** What "Add" straight from a card adds: the item as it comes, its title and total. */
export interface QuickAddLine {
  selection: LineSelection;
  title: string;
  total: number;
}

/** Per menu version, then per item and locale; null when something must be chosen first. */
const quickAddsByMenu = new WeakMap<Menu, Map<string, QuickAddLine | null>>();

/**
 * The item as it comes (its default size and options, nothing extra), only when nothing must be
 * chosen: a required choice without a default goes through the customiser.
 */
export const quickAddLine = (menu: Menu, itemId: string, locale: string): QuickAddLine | null => {
  let lines = quickAddsByMenu.get(menu);
  if (!lines) quickAddsByMenu.set(menu, (lines = new Map()));
  const key = `${locale}\n${itemId}`;
  let line = lines.get(key);
  if (line === undefined) {
    const selection = defaultSelection(menu, { kind: 'item', itemId });
    line = selectionProblems(menu, selection).length > 0 ? null : { selection, title: describeLine(menu, selection, locale).title, total: priceLine(menu, selection).total };
    lines.set(key, line);
  }
  return line;
};
