import { describe, expect, it } from 'vitest';
import { de } from '../../../renderer/i18n/de';
import { en } from '../../../renderer/i18n/en';
import { createFormatters, languageName, messagesFor } from '../../../renderer/i18n';

/** Every key path with the kind of value there (string, or a function of n parameters). */
const shape = (catalog: object, prefix = ''): string[] =>
  Object.entries(catalog).flatMap(([key, value]) => {
    const path = `${prefix}${key}`;
    if (typeof value === 'function') return [`${path}:fn/${value.length}`];
    if (typeof value === 'object' && value !== null) return shape(value, `${path}.`);
    return [`${path}:${typeof value}`];
  });

describe('message catalogs', () => {
  it('have identical keys and parameter counts', () => {
    expect(shape(de).sort()).toEqual(shape(en).sort());
  });

  it('have no empty messages', () => {
    for (const catalog of [en, de]) {
      for (const [key, value] of Object.entries(catalog)) {
        if (typeof value === 'string') expect(value.trim(), key).not.toBe('');
      }
    }
  });

  it('picks the catalog by language, falling back to English', () => {
    expect(messagesFor('de')).toBe(de);
    expect(messagesFor('de-AT')).toBe(de);
    expect(messagesFor('fr')).toBe(en);
  });
});

describe('language names', () => {
  it('names each language in itself, also without a UI catalog', () => {
    expect(languageName('de')).toBe('Deutsch');
    expect(languageName('en')).toBe('English');
    expect(languageName('fr')).toBe('Français');
  });
});

describe('formatters', () => {
  it('formats money from minor units with Intl in the customer language', () => {
    expect(createFormatters('en', 'EUR', en).money(1249)).toBe('€12.49');
    expect(createFormatters('de', 'EUR', de).money(1249).replace(/\s/g, ' ')).toBe('12,49 €');
    expect(createFormatters('de', 'EUR', de).kcal(1250)).toBe('1.250 kcal');
  });
});
