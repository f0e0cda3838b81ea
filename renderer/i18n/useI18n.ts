// The kiosk's view of the one i18n (common/i18n): the customer's language from the store,
// its catalog and the cached Intl formatters for the store's currency.
import { useMemo } from 'react';
import type { LocalizedText } from '../../common/menu/schema';
import { localize } from '../../common/menu/describe';
import { catalogFor, formattersFor, type Catalog, type Formatters, type HelpMessages, type KioskMessages } from '../../common/i18n';
import { useKiosk } from '../state/StoreProvider';

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

export const useI18n = (): I18n => {
  const locale = useKiosk((state) => state.locale);
  const currency = useKiosk((state) => state.store?.currency ?? state.menu?.currency ?? 'EUR');
  const fallback = useKiosk((state) => state.menu?.defaultLocale ?? 'en');
  return useMemo(() => {
    const catalog = catalogFor(locale);
    const formatters = formattersFor(locale, currency);
    return {
      ...formatters,
      locale,
      catalog,
      t: catalog.kiosk,
      help: catalog.help,
      kcal: (value) => catalog.kiosk.kcal(formatters.number(value)),
      text: (value) => (value ? localize(value, locale, fallback) : ''),
    };
  }, [locale, currency, fallback]);
};
