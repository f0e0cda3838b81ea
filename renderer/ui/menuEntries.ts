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

/**
 * Values worked out once per menu version and key: menus are immutable (a sold-out change is a
 * new menu), so a card keeps the same entry and summary across renders and a new menu starts afresh.
 */
function perMenu<V>(): (menu: Menu, key: string, compute: () => V) => V {
  const byMenu = new WeakMap<Menu, Map<string, V>>();
  return (menu, key, compute) => {
    let values = byMenu.get(menu);
    if (!values) byMenu.set(menu, (values = new Map()));
    if (values.has(key)) return values.get(key) as V;
    const value = compute();
    values.set(key, value);
    return value;
  };
}

const entries = perMenu<MenuEntry | undefined>();

export const findEntry = (menu: Menu, id: string): MenuEntry | undefined =>
  entries(menu, id, () => {
    const index = menuIndex(menu);
    const item = index.items.get(id);
    const meal = item ? undefined : index.meals.get(id);
    return item ? { kind: 'item', id, entry: item } : meal ? { kind: 'meal', id, entry: meal } : undefined;
  });

/** The item or meal a line being customised is of. */
export const selectedEntry = (menu: Menu, selection: LineSelection): Item | Meal | undefined =>
  selection.kind === 'item' ? menuIndex(menu).items.get(selection.itemId) : menuIndex(menu).meals.get(selection.mealId);

export const entryRef = (entry: MenuEntry) =>
  entry.kind === 'item' ? ({ kind: 'item', itemId: entry.id } as const) : ({ kind: 'meal', mealId: entry.id } as const);

export type EntrySummary = ReturnType<typeof priceLine>;
const summaries = perMenu<EntrySummary>();

/**
 * Price, calories and allergens of the entry in its cheapest size with the default choices
 * (what "from €…" promises); a meal's first size is its base price.
 */
export const entrySummary = (menu: Menu, entry: MenuEntry): EntrySummary => summaries(menu, entry.id, () => computeSummary(menu, entry));

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

const soldOut = perMenu<ReadonlySet<string>>();

/** Categories whose every entry is sold out. */
export const soldOutCategories = (menu: Menu): ReadonlySet<string> =>
  soldOut(
    menu,
    '',
    () =>
      new Set(
        menu.categories
          .filter((category) => category.entryIds.length > 0 && category.entryIds.every((id) => findEntry(menu, id)?.entry.availability.soldOut ?? true))
          .map((category) => category.id),
      ),
  );

/** What "Add" straight from a card adds: the item as it comes, its title and total. */
export interface QuickAddLine {
  selection: LineSelection;
  title: string;
  total: number;
}

const quickAdds = perMenu<QuickAddLine | null>();

/**
 * The item as it comes (its default size and options, nothing extra), in the customer's language;
 * null when something must be chosen first (a required choice without a default goes through the customiser).
 */
export const quickAddLine = (menu: Menu, itemId: string, locale: string): QuickAddLine | null =>
  quickAdds(menu, `${locale}\n${itemId}`, () => {
    const selection = defaultSelection(menu, { kind: 'item', itemId });
    if (selectionProblems(menu, selection).length > 0) return null;
    return { selection, title: describeLine(menu, selection, locale).title, total: priceLine(menu, selection).total };
  });
