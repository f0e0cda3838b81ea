// The catalogs by language, and how a locale finds its catalog.
import { de } from './de';
import { en, type Catalog } from './en';

export const catalogs = { en, de } satisfies Record<string, Catalog>;
export type Language = keyof typeof catalogs;
export const LANGUAGES = Object.keys(catalogs) as Language[];

/** "de-AT" → "de"; a language without a catalog → "en". */
export const languageOf = (locale: string): Language => {
  const language = (locale.split('-')[0] ?? '').toLowerCase();
  return language in catalogs ? (language as Language) : 'en';
};

/** The catalog of a locale's language; English when there is none for it. */
export const catalogFor = (locale: string): Catalog => catalogs[languageOf(locale)];
