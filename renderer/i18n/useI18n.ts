// The kiosk's view of the one i18n (common/i18n): the customer's language from the store,
// its catalog and the cached Intl formatters for the store's currency.
import type { LocalizedText } from '../../common/menu/schema';
import { localize } from '../../common/menu/describe';
import { catalogFor, formattersFor, type Catalog, type Formatters, type HelpMessages, type KioskMessages } from '../../common/i18n';
import { createContext, useContext } from 'react';
import type { KioskState } from '../state/types';

export interface I18n extends Formatters {
  locale: string;
  /** Every text in the customer's language (shared words: comp reasons, outcomes, problems, errors). */
  catalog: Catalog;
  /** The customer screens. */
  t: KioskMessages;
  /** "Call staff", offers of help and staff mode (staff mode follows the customer's language). */
  help: HelpMessages;
  kcal(value: number): string;
  /** Menu text in the customer's language, falling back to the menu's default language. */
  text(value: LocalizedText | undefined): string;
}

/** One I18n per language, currency and menu language: a component's selector returns the same object until one changes. */
const i18ns = new Map<string, I18n>();

function i18nFor(locale: string, currency: string, fallback: string): I18n {
  const key = `${locale}\n${currency}\n${fallback}`;
  let i18n = i18ns.get(key);
  if (!i18n) {
    const catalog = catalogFor(locale);
    const formatters = formattersFor(locale, currency);
    i18n = {
      ...formatters,
      locale,
      catalog,
      t: catalog.kiosk,
      help: catalog.help,
      kcal: (value) => catalog.kiosk.kcal(formatters.number(value)),
      text: (value) => (value ? localize(value, locale, fallback) : ''),
    };
    i18ns.set(key, i18n);
  }
  return i18n;
}

/** The customer's language, the store's currency and the menu's language: one store subscription for the whole page (I18nProvider). */
export const selectI18n = (state: KioskState): I18n =>
  i18nFor(state.locale, state.store?.currency ?? state.menu?.currency ?? 'EUR', state.menu?.defaultLocale ?? 'en');

export const I18nContext = createContext<I18n | null>(null);

// From a context, not a store subscription per component: every subscriber's selector runs on every
// change of the store, and a menu card alone used it three times (a screenful of cards was hundreds
// of selector calls in each tap's click). The language changes between customers, rarely.
export const useI18n = (): I18n => {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error('useI18n must be used inside <StoreProvider>');
  return i18n;
};
