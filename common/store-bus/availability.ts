// Sold out now: the retained `availability` message applied to a menu, and the one-tap
// change staff make on the console. Pure. Kiosks apply it on top of the menu they serve
// (what the menu file marks sold out stays sold out); the console, the back office and the
// kiosk read the same message (common/store-bus/messages.ts: availabilityMessage).
import type { Menu } from '../menu/schema';
import type { Actor, AvailabilityMessage } from './messages';

/** What can be marked sold out from the console. */
export type SoldOutKind = 'entry' | 'option' | 'category';

const FIELD: Record<SoldOutKind, 'soldOut' | 'soldOutOptions' | 'soldOutCategories'> = {
  entry: 'soldOut',
  option: 'soldOutOptions',
  category: 'soldOutCategories',
};

/** Whether the message lists this item or meal, option or category as sold out. */
export const isMarkedSoldOut = (availability: AvailabilityMessage | null, kind: SoldOutKind, id: string): boolean =>
  availability?.[FIELD[kind]].includes(id) ?? false;

/**
 * Whether the menu itself (its file) marks this item, meal or option sold out: the bus cannot
 * put it back in stock (applyAvailability keeps it), so the console must not offer that tap.
 * An option counts when every group offering it marks it; categories have no such flag.
 */
export function isSoldOutInMenu(menu: Menu, kind: SoldOutKind, id: string): boolean {
  if (kind === 'entry') return [...menu.items, ...menu.meals].some((entry) => entry.id === id && entry.availability.soldOut);
  if (kind === 'option') {
    const offered = menu.optionGroups.flatMap((group) => group.options.filter((option) => option.id === id));
    return offered.length > 0 && offered.every((option) => option.soldOut);
  }
  return false;
}

/** The next availability state after one tap: `id` sold out (or back in stock), signed by whoever tapped. */
export function markSoldOut(current: AvailabilityMessage | null, kind: SoldOutKind, id: string, soldOut: boolean, by: Actor, at: Date): AvailabilityMessage {
  const next: AvailabilityMessage = {
    soldOut: [...(current?.soldOut ?? [])],
    soldOutOptions: [...(current?.soldOutOptions ?? [])],
    soldOutCategories: [...(current?.soldOutCategories ?? [])],
    by,
    at: at.toISOString(),
  };
  const list = next[FIELD[kind]].filter((known) => known !== id);
  next[FIELD[kind]] = soldOut ? [...list, id] : list;
  return next;
}

/**
 * The menu as customers can order from it now: items and meals listed (or in a listed
 * category) and options listed are sold out. Returns the same menu when nothing changes,
 * so screens that compare menus by identity do not re-render.
 */
export function applyAvailability(menu: Menu, availability: AvailabilityMessage | null): Menu {
  if (!availability) return menu;
  const entries = new Set(availability.soldOut);
  for (const category of menu.categories) {
    if (availability.soldOutCategories.includes(category.id)) for (const entryId of category.entryIds) entries.add(entryId);
  }
  const options = new Set(availability.soldOutOptions);
  if (entries.size === 0 && options.size === 0) return menu;
  const soldOut = <T extends { id: string; availability: { soldOut: boolean; scheduleIds: string[] } }>(entry: T): T =>
    entries.has(entry.id) && !entry.availability.soldOut ? { ...entry, availability: { ...entry.availability, soldOut: true } } : entry;
  return {
    ...menu,
    items: menu.items.map(soldOut),
    meals: menu.meals.map(soldOut),
    optionGroups: menu.optionGroups.map((group) =>
      group.options.some((option) => options.has(option.id) && !option.soldOut)
        ? { ...group, options: group.options.map((option) => (options.has(option.id) ? { ...option, soldOut: true } : option)) }
        : group,
    ),
  };
}
