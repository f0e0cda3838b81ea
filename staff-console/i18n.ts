// The staff console's language: ?lang=de in its address, else the tablet's browser language,
// else English. Texts and formatters come from the one i18n (common/i18n).
import { createContext, useContext } from 'react';
import { catalogFor, formattersFor, languageOf, LANGUAGES, type Catalog, type ConsoleMessages } from '../common/i18n';

export function consoleLocale(search: string, preferred: readonly string[]): string {
  const asked = new URLSearchParams(search).get('lang');
  const candidates = [...(asked ? [asked] : []), ...preferred];
  return candidates.find((locale) => (LANGUAGES as string[]).includes(locale.split('-')[0]!.toLowerCase())) ?? 'en';
}

export interface ConsoleI18n {
  locale: string;
  catalog: Catalog;
  t: ConsoleMessages;
  money(minor: number, currency: string): string;
  clock(iso: string): string;
}

export const consoleI18n = (locale: string): ConsoleI18n => {
  const catalog = catalogFor(languageOf(locale));
  return {
    locale,
    catalog,
    t: catalog.console,
    money: (minor, currency) => formattersFor(locale, currency).money(minor),
    // Currency plays no part in a time; any formatter set of this locale will do.
    clock: (iso) => formattersFor(locale, 'EUR').time(iso),
  };
};

export const ConsoleI18nContext = createContext<ConsoleI18n>(consoleI18n('en'));
export const useConsoleI18n = (): ConsoleI18n => useContext(ConsoleI18nContext);
