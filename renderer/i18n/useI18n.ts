// The kiosk's view of the one i18n (common/i18n): the customer's language from the store,
// its catalog and the cached Intl formatters for the store's currency.
import type { LocalizedText } from '../../common/menu/schema';
import { localize } from '../../common/menu/describe';
import { catalogFor, formattersFor, type Catalog, type Formatters, type HelpMessages, type KioskMessages } from '../../common/i18n';
import { useKiosk } from '../state/StoreProvider';
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

// Every subscribed component runs this selector on every change of the store (a menu card is
// one of them): worked out once per state, the others compare the state alone.
let lastState: KioskState | undefined;
let lastI18n: I18n | undefined;
const selectI18n = (state: KioskState): I18n => {
  if (state !== lastState || !lastI18n) {
    lastI18n = i18nFor(state.locale, state.store?.currency ?? state.menu?.currency ?? 'EUR', state.menu?.defaultLocale ?? 'en');
    lastState = state;
  }
  return lastI18n;
};

// One store subscription per component (every menu card uses it several times over).
export const useI18n = (): I18n => useKiosk(selectI18n);
