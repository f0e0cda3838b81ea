// Screen text as a speech engine reads it well: "€3.49" is read by espeak-ng as "euros three
// point four nine", "+€0.60" as "plus euros zero point six zero"; the customer should hear
// "3 euros 49" and "plus 60 cents". Amounts are found the way Intl formats them for the
// locale and currency (symbol before or after, the locale's separators). Pure.
import type { AccessibilityMessages } from '../../../common/i18n';

interface MoneyShape {
  symbol: string;
  decimal: string;
  group: string;
  symbolFirst: boolean;
  minorDigits: number;
}

const shapes = new Map<string, MoneyShape>();
const nameFormats = new Map<string, Intl.NumberFormat>();

/** "3.49 US dollars": one formatter per locale and currency. */
function currencyNameFormat(locale: string, currency: string): Intl.NumberFormat {
  const key = `${locale}|${currency}`;
  let format = nameFormats.get(key);
  if (!format) nameFormats.set(key, (format = new Intl.NumberFormat(locale, { style: 'currency', currency, currencyDisplay: 'name' })));
  return format;
}

function moneyShape(locale: string, currency: string): MoneyShape {
  const key = `${locale}|${currency}`;
  const known = shapes.get(key);
  if (known) return known;
  const format = new Intl.NumberFormat(locale, { style: 'currency', currency });
  const parts = format.formatToParts(12345.67);
  const find = (type: string) => parts.find((part) => part.type === type)?.value ?? '';
  const shape: MoneyShape = {
    symbol: find('currency'),
    decimal: find('decimal') || '.',
    group: find('group'),
    symbolFirst: parts.findIndex((part) => part.type === 'currency') < parts.findIndex((part) => part.type === 'integer'),
    minorDigits: format.resolvedOptions().maximumFractionDigits ?? 2,
  };
  shapes.set(key, shape);
  return shape;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Intl puts a no-break space (U+00A0) or a narrow one (U+202F) between number and symbol. */
const SPACE = '[\\s\\u00a0\\u202f]?';

/** Replaces every amount of money in the text by its spoken words; signs become words too. */
export function speakMoneyIn(text: string, words: AccessibilityMessages['speech'], locale: string, currency: string): string {
  const shape = moneyShape(locale, currency);
  const groupChars = shape.group ? `${escape(shape.group)}\\u00a0\\u202f` : '';
  const integer = `(\\d[\\d${groupChars}]*)`;
  const fraction = shape.minorDigits > 0 ? `(?:${escape(shape.decimal)}(\\d{${shape.minorDigits}}))?` : '()';
  // A sign belongs to the amount only when it touches it ("+€0.60"), never a word before it.
  const sign = '(?:([+\\-\\u2212])' + SPACE + ')?';
  const symbol = escape(shape.symbol);
  const pattern = shape.symbolFirst
    ? new RegExp(`${sign}${symbol}${SPACE}${integer}${fraction}`, 'g')
    : new RegExp(`${sign}${integer}${fraction}${SPACE}${symbol}`, 'g');
  return text.replace(pattern, (_match, signText: string | undefined, integerText: string, minorText: string | undefined) => {
    const major = Number(integerText.replace(/\D/g, ''));
    const minor = minorText ? Number(minorText) : 0;
    // The catalogs word euros and cents; another currency is said by its Intl name ("3.49 US dollars").
    const spoken =
      currency === 'EUR'
        ? words.money(major, minor)
        : currencyNameFormat(locale, currency).format(major + minor / 10 ** shape.minorDigits);
    if (signText === '+') return `${words.plus} ${spoken}`;
    if (signText === '-' || signText === '\u2212') return `${words.minus} ${spoken}`;
    return spoken;
  });
}

/** Units and signs a speech engine spells out oddly. */
export function speakUnitsIn(text: string, words: AccessibilityMessages['speech']): string {
  return text
    .replace(/(\d)[\s\u00a0\u202f]?kcal\b/g, `$1 ${words.kcalUnit}`)
    .replace(/(\d)[\s\u00a0\u202f]s\b/g, `$1 ${words.secondsUnit}`)
    .replace(/\s[–—]\s/g, ', ')
    .replace(/[\u00a0\u202f]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export const speakable = (text: string, words: AccessibilityMessages['speech'], locale: string, currency: string): string =>
  speakUnitsIn(speakMoneyIn(text, words, locale, currency), words);
