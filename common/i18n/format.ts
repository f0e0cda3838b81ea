// Numbers, money and times in a locale's own way, with Intl. Building an Intl formatter is
// costly and a menu screen formats hundreds of prices: one instance per locale (and currency,
// time zone) lives for the life of the process.
export interface Formatters {
  locale: string;
  /** Money from minor units (cents) in the currency's own minor digits (2 for EUR, 0 for JPY). */
  money(minor: number): string;
  number(value: number): string;
  /** "14:05" or "2:05 PM", in the formatter's time zone. */
  time(at: Date | string): string;
  /** Date and time, short: "25.11.2026, 14:05". */
  dateTime(at: Date | string): string;
}

const cache = new Map<string, Formatters>();

const toDate = (at: Date | string): Date => (typeof at === 'string' ? new Date(at) : at);

/** Builds an Intl formatter on first use: the first one of a locale loads its data (a tenth of a second on a slow kiosk PC). */
function lazily<T>(build: () => T): () => T {
  let built: T | undefined;
  return () => (built ??= build());
}

/** The formatters of a locale, currency and (optional) IANA time zone; the same object on every call. */
export function formattersFor(locale: string, currency: string, timeZone?: string): Formatters {
  const key = `${locale}|${currency}|${timeZone ?? ''}`;
  let formatters = cache.get(key);
  if (formatters) return formatters;
  const zone = timeZone ? { timeZone } : {};
  const moneyFormat = lazily(() => {
    const format = new Intl.NumberFormat(locale, { style: 'currency', currency });
    return { format, minorDigits: format.resolvedOptions().maximumFractionDigits ?? 2 };
  });
  const numberFormat = lazily(() => new Intl.NumberFormat(locale));
  const timeFormat = lazily(() => new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', ...zone }));
  const dateTimeFormat = lazily(() => new Intl.DateTimeFormat(locale, { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', ...zone }));
  formatters = {
    locale,
    money: (minor) => {
      const { format, minorDigits } = moneyFormat();
      return format.format(minor / 10 ** minorDigits);
    },
    number: (value) => numberFormat().format(value),
    time: (at) => timeFormat().format(toDate(at)),
    dateTime: (at) => dateTimeFormat().format(toDate(at)),
  };
  cache.set(key, formatters);
  return formatters;
}
