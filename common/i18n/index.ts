// One i18n for the kiosk, staff mode, the staff console and the printer: typed catalogs per
// language (en is the shape, de must match it), Intl formatters cached per locale, and the
// few sentences built from coded data (comps, selection problems).
import type { LineComp } from '../order/order';
import type { Catalog } from './en';
import { catalogs, type Language } from './catalogs';

export { catalogFor, catalogs, languageOf, LANGUAGES, type Language } from './catalogs';
export type { Catalog } from './en';
export type { KioskMessages } from './en/kiosk';
export type { HelpMessages } from './en/help';
export type { ConsoleMessages } from './en/console';
export type { DisplayMessages } from './en/display';
export type { ReceiptMessages } from './en/receipt';
export type { AccessibilityMessages } from './en/accessibility';
export { formattersFor, type Formatters } from './format';
export { translate, type MessageKey, type MessageParams } from './translate';
export { wordProblem } from './problems';

/** A language's own name for a language switch ("Deutsch"), from its catalog or else from Intl. */
export const languageName = (locale: string): string => {
  const language = (locale.split('-')[0] ?? locale).toLowerCase();
  if (language in catalogs) return catalogs[language as Language].languageName;
  const name = new Intl.DisplayNames([locale], { type: 'language' }).of(locale);
  return name ? name.charAt(0).toLocaleUpperCase(locale) + name.slice(1) : locale;
};

/** "Comped by sam: Long wait – cold fries", in the catalog's language. */
export const compNote = (catalog: Catalog, comp: Pick<LineComp, 'by' | 'reason' | 'note'>): string =>
  catalog.compedBy(comp.by, comp.note ? `${catalog.compReasons[comp.reason]} – ${comp.note}` : catalog.compReasons[comp.reason]);
