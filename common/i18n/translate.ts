// One text by its key, for code that wants a single message rather than a whole section
// (the printer, logs shown to staff): translate('de', 'receipt.thankYou'),
// translate('en', 'kiosk.fromPrice', '€3.20'). Keys and parameters are checked by the compiler.
import type { Catalog } from './en';
import { catalogFor } from './catalogs';

type Message = string | ((...args: never[]) => string);

/** "receipt.thankYou", "compReasons.long_wait", "kiosk.payment.prompts.enter_pin": every path to a message. */
export type MessageKey<T = Catalog, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends Message ? `${Prefix}${K}` : T[K] extends readonly unknown[] ? never : T[K] extends object ? MessageKey<T[K], `${Prefix}${K}.`> : never;
}[keyof T & string];

type At<T, Path extends string> = Path extends `${infer Head}.${infer Rest}` ? (Head extends keyof T ? At<T[Head], Rest> : never) : Path extends keyof T ? T[Path] : never;

/** The parameters a message takes: none for plain text. */
export type MessageParams<K extends MessageKey> = At<Catalog, K> extends (...args: infer A) => string ? A : [];

export function translate<K extends MessageKey>(locale: string, key: K, ...params: MessageParams<K>): string {
  let value: unknown = catalogFor(locale);
  for (const part of key.split('.')) value = (value as Record<string, unknown> | undefined)?.[part];
  if (typeof value === 'function') return (value as (...args: unknown[]) => string)(...params);
  if (typeof value === 'string') return value;
  throw new Error(`translate: no message "${key}"`);
}
