// Id lookups for a menu, built once per menu object: pricing runs on every render of
// every cart line, and a large menu has thousands of items and option groups.
// Menus are treated as immutable; a menu whose lists were replaced or resized is re-indexed.
import type { Item, Meal, Menu, OptionGroup } from './schema';

export interface MenuIndex {
  items: ReadonlyMap<string, Item>;
  meals: ReadonlyMap<string, Meal>;
  optionGroups: ReadonlyMap<string, OptionGroup>;
}

interface CachedIndex extends MenuIndex {
  lists: [Item[], Meal[], OptionGroup[]];
  sizes: [number, number, number];
}

const cache = new WeakMap<Menu, CachedIndex>();

export function menuIndex(menu: Menu): MenuIndex {
  const cached = cache.get(menu);
  if (
    cached &&
    cached.lists[0] === menu.items &&
    cached.lists[1] === menu.meals &&
    cached.lists[2] === menu.optionGroups &&
    cached.sizes[0] === menu.items.length &&
    cached.sizes[1] === menu.meals.length &&
    cached.sizes[2] === menu.optionGroups.length
  ) {
    return cached;
  }
  // The first of a duplicated id wins, as with Array.find (the validator reports duplicates).
  const byId = <T extends { id: string }>(list: T[]) => {
    const map = new Map<string, T>();
    for (const entry of list) if (!map.has(entry.id)) map.set(entry.id, entry);
    return map;
  };
  const index: CachedIndex = {
    items: byId(menu.items),
    meals: byId(menu.meals),
    optionGroups: byId(menu.optionGroups),
    lists: [menu.items, menu.meals, menu.optionGroups],
    sizes: [menu.items.length, menu.meals.length, menu.optionGroups.length],
  };
  cache.set(menu, index);
  return index;
}
