// What the attract screen sells: the menu's `featured` list (set by the operator), else the
// first entry of each category; only what is on sale now, a few at most.
import type { Menu } from '../../../common/menu/schema';
import { catalogFor } from '../../../common/i18n';
import { entryState, findEntry, type MenuEntry } from '../menuEntries';

export const MAX_FEATURED = 6;

export function featuredEntries(menu: Menu, at: Date, timezone: string): MenuEntry[] {
  // A menu cached before the list existed has none.
  const chosen = menu.featured ?? [];
  // Each once: two categories may start with the same entry (a "Popular" one, say).
  const ids = new Set(chosen.length > 0 ? chosen : menu.categories.map((category) => category.entryIds[0]!));
  return [...ids]
    .map((id) => findEntry(menu, id))
    .filter((entry): entry is MenuEntry => entry !== undefined && entryState(menu, entry, at, timezone) === 'on_sale')
    .slice(0, MAX_FEATURED);
}

/** "Touch to order" in each language the store's menu offers, each once and in its own words. */
export function touchToOrderLines(locales: readonly string[]): { locale: string; text: string }[] {
  const seen = new Set<string>();
  return locales.flatMap((locale) => {
    const text = catalogFor(locale).kiosk.touchToOrder;
    if (seen.has(text)) return [];
    seen.add(text);
    return [{ locale, text }];
  });
}
