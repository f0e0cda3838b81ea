// Message catalogs and Intl formatters for the customer's language.
import { de } from './de';
import { en, type Messages } from './en';

export type { Messages };
export const catalogs: Record<string, Messages> = { en, de };

/** The UI catalog for a menu locale ("de-AT" → de); English when the kiosk has none for it. */
export const messagesFor = (locale: string): Messages => catalogs[locale] ?? catalogs[locale.split('-')[0] ?? ''] ?? en;

/** A language's own name for the switch ("Deutsch"), from its catalog or else from Intl. */
export const languageName = (locale: string): string => {
  const catalog = catalogs[locale] ?? catalogs[locale.split('-')[0] ?? ''];
  if (catalog) return catalog.languageName;
  const name = new Intl.DisplayNames([locale], { type: 'language' }).of(locale);
  return name ? name.charAt(0).toLocaleUpperCase(locale) + name.slice(1) : locale;
};

export interface Formatters {
  /** Money from minor units (cents) in the store's currency. */
  money(minor: number): string;
  number(value: number): string;
  kcal(value: number): string;
}

// Building an Intl.NumberFormat is costly and every price card on a menu screen asks for
// formatters: keep one per language (and currency) for the life of the page.
const numberFormats = new Map<string, Intl.NumberFormat>();
const numberFormatFor = (locale: string, currency?: string): Intl.NumberFormat => {
  const key = `${locale}|${currency ?? ''}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, currency ? { style: 'currency', currency } : {});
    numberFormats.set(key, format);
  }
  return format;
};

export const createFormatters = (locale: string, currency: string, messages: Messages): Formatters => {
  const moneyFormat = numberFormatFor(locale, currency);
  // Minor units per major unit follow the currency (2 for EUR, 0 for JPY).
  const minorDigits = moneyFormat.resolvedOptions().maximumFractionDigits ?? 2;
  const numberFormat = numberFormatFor(locale);
  return {
    money: (minor) => moneyFormat.format(minor / 10 ** minorDigits),
    number: (value) => numberFormat.format(value),
    kcal: (value) => messages.kcal(numberFormat.format(value)),
  };
};
