// What speech mode says when a screen appears (or the customer asks where they are): the
// screen's purpose and what is on it, from the store's state, in the session's language.
import { catalogFor, formattersFor } from '../../../common/i18n';
import { localize } from '../../../common/menu/describe';
import { describeLine } from '../../../common/menu/describe';
import { entryVerdict, isFilterActive } from '../../../common/menu/dietary-filter';
import { priceLine } from '../../../common/menu/pricing';
import { cartTotal, priceCartLine, selectCartCount } from '../../state/selectors';
import type { KioskState } from '../../state/types';
import { entryRef, findEntry, selectedEntry } from '../menuEntries';
import { speakable } from './speakable';

export function screenText(state: KioskState): string {
  const { menu, store, locale } = state;
  const catalog = catalogFor(locale);
  const t = catalog.kiosk;
  const words = catalog.accessibility.speech;
  if (!menu || !store) return t.loading;
  const currency = store.currency;
  const format = formattersFor(locale, currency);
  const say = (text: string) => speakable(text, words, locale, currency);
  const money = (minor: number) => say(format.money(minor));
  const text = (value: Parameters<typeof localize>[0]) => localize(value, locale, menu.defaultLocale);
  const allergenList = (allergens: readonly (keyof typeof t.allergens)[]) =>
    allergens.length === 0 ? words.noAllergens : words.contains(catalog.accessibility.list(allergens.map((allergen) => t.allergens[allergen])));

  switch (state.screen) {
    case 'attract':
      return words.screenAttract(store.storeName);
    case 'service':
      return t.serviceTitle;
    case 'menu': {
      const category = menu.categories.find((candidate) => candidate.id === state.activeCategoryId) ?? menu.categories[0];
      if (!category) return t.menuTitle;
      const filter = state.a11y.dietaryFilter;
      const hiding = isFilterActive(filter) && state.a11y.filterMode === 'hide';
      const shown = category.entryIds.filter((id) => {
        const entry = findEntry(menu, id);
        return entry !== undefined && !(hiding && entryVerdict(menu, entryRef(entry), filter).fit === 'unsuitable');
      });
      const hidden = category.entryIds.length - shown.length;
      return [words.screenMenu(text(category.name), shown.length), hidden > 0 ? catalog.accessibility.hiddenByFilter(hidden) : ''].filter(Boolean).join(' ');
    }
    case 'customize': {
      const selection = state.customizer?.selection;
      if (!selection) return '';
      const entry = selectedEntry(menu, selection);
      const priced = priceLine(menu, selection);
      return words.screenCustomize(text(entry?.name ?? {}), money(priced.total), say(format.number(priced.calories) + ' kcal'), allergenList(priced.allergens));
    }
    case 'review': {
      const lines = state.lines.map((line) => {
        const priced = priceCartLine(menu, line);
        return words.cartLine(line.selection.quantity, describeLine(menu, line.selection, locale).title, money(priced.total));
      });
      return [words.screenCart(selectCartCount(state), money(cartTotal(menu, state.lines))), ...lines].join(' ');
    }
    case 'payment':
      return words.screenPayment(money(cartTotal(menu, state.lines)));
    case 'confirmation': {
      const order = state.lastOrder;
      if (!order) return t.confirmationTitle;
      return [words.screenConfirmation(order.orderNumber), order.paymentMethod === 'counter' ? say(t.confirmationPayAtCounter(format.money(order.total))) : ''].filter(Boolean).join(' ');
    }
  }
}
