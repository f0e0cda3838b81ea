// The display's language: ?lang=de in its address, else the screen's browser language, else
// English. Texts come from the one i18n (common/i18n).
import { createContext, useContext } from 'react';
import { catalogFor, languageOf, LANGUAGES, type DisplayMessages } from '../common/i18n';

export function displayLocale(search: string, preferred: readonly string[]): string {
  const asked = new URLSearchParams(search).get('lang');
  const candidates = [...(asked ? [asked] : []), ...preferred];
  return candidates.find((locale) => (LANGUAGES as string[]).includes(locale.split('-')[0]!.toLowerCase())) ?? 'en';
}

export interface DisplayI18n {
  locale: string;
  t: DisplayMessages;
}

export const displayI18n = (locale: string): DisplayI18n => ({ locale, t: catalogFor(languageOf(locale)).display });

export const DisplayI18nContext = createContext<DisplayI18n>(displayI18n('en'));
export const useDisplayI18n = (): DisplayI18n => useContext(DisplayI18nContext);
