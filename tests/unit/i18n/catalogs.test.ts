import { describe, expect, it } from 'vitest';
import { catalogFor, catalogs, compNote, formattersFor, languageName, languageOf, translate, wordProblem } from '../../../common/i18n';
import { selectionProblems } from '../../../common/menu/pricing';
import { itemLine, mealLine, sampleMenu } from '../menu/sample';

/** Every key path with the kind of value there (string, or a function of n parameters). */
const shape = (catalog: object, prefix = ''): string[] =>
  Object.entries(catalog).flatMap(([key, value]) => {
    const path = `${prefix}${key}`;
    if (typeof value === 'function') return [`${path}:fn/${value.length}`];
    if (Array.isArray(value)) return [`${path}:list/${value.length}`];
    if (typeof value === 'object' && value !== null) return shape(value, `${path}.`);
    return [`${path}:${typeof value}`];
  });

/** Every plain-text message of a catalog with its path. */
const texts = (catalog: object, prefix = ''): [string, string][] =>
  Object.entries(catalog).flatMap(([key, value]): [string, string][] => {
    if (typeof value === 'string') return [[`${prefix}${key}`, value]];
    if (typeof value === 'object' && value !== null) return texts(value, `${prefix}${key}.`);
    return [];
  });

describe('message catalogs', () => {
  it('have identical keys and parameter counts', () => {
    expect(shape(catalogs.de).sort()).toEqual(shape(catalogs.en).sort());
  });

  it('have no empty messages', () => {
    for (const catalog of Object.values(catalogs)) {
      for (const [key, value] of texts(catalog)) expect(value.trim(), key).not.toBe('');
    }
  });

  it('picks the catalog by language, falling back to English', () => {
    expect(catalogFor('de')).toBe(catalogs.de);
    expect(catalogFor('de-AT')).toBe(catalogs.de);
    expect(catalogFor('fr')).toBe(catalogs.en);
    expect(languageOf('DE-ch')).toBe('de');
  });
});

describe('translate (one message by key, for Node code such as the printer)', () => {
  it('returns plain messages and calls parameterised ones', () => {
    expect(translate('de-DE', 'receipt.thankYou')).toBe('Vielen Dank!');
    expect(translate('en', 'kiosk.fromPrice', '€3.20')).toBe('from €3.20');
    expect(translate('de', 'compReasons.long_wait')).toBe('Lange Wartezeit');
    expect(translate('fr', 'kiosk.payment.prompts.enter_pin')).toBe('Enter your PIN');
  });
});

describe('language names', () => {
  it('names each language in itself, also without a catalog', () => {
    expect(languageName('de')).toBe('Deutsch');
    expect(languageName('en')).toBe('English');
    expect(languageName('fr')).toBe('Français');
  });
});

describe('formatters', () => {
  it('formats money from minor units with Intl in the locale', () => {
    expect(formattersFor('en', 'EUR').money(1249)).toBe('€12.49');
    expect(formattersFor('de', 'EUR').money(1249).replace(/\s/g, ' ')).toBe('12,49 €');
    expect(formattersFor('ja', 'JPY').money(1249)).toBe('￥1,249');
    expect(formattersFor('de', 'EUR').number(1250)).toBe('1.250');
  });

  it('formats times in the given time zone', () => {
    expect(formattersFor('de', 'EUR', 'Europe/Berlin').time('2026-11-25T13:05:00.000Z')).toBe('14:05');
    expect(formattersFor('de', 'EUR', 'Europe/Berlin').dateTime('2026-11-25T13:05:00.000Z')).toBe('25.11.2026, 14:05');
  });

  it('builds a locale’s formatters once', () => {
    expect(formattersFor('de', 'EUR')).toBe(formattersFor('de', 'EUR'));
    expect(formattersFor('de', 'EUR')).not.toBe(formattersFor('de', 'CHF'));
  });
});

describe('coded data in words', () => {
  it('words a comp with its reason from one list, in the catalog’s language', () => {
    const comp = { by: 'sam', reason: 'long_wait' as const, note: 'cold fries' };
    expect(compNote(catalogs.en, comp)).toBe('Comped by sam: Long wait – cold fries');
    expect(compNote(catalogs.de, { ...comp, note: undefined })).toBe('Aufs Haus von sam: Lange Wartezeit');
  });

  it('words pricing problems with the menu’s names in the customer’s language, never the engine’s ids', () => {
    const { side: _side, ...withoutSide } = mealLine('classic-burger-meal').slots;
    const missingSide = selectionProblems(sampleMenu, { ...mealLine('classic-burger-meal'), slots: withoutSide });
    const tooFew = selectionProblems(sampleMenu, itemLine('chicken-nuggets', { options: {} }));
    const side = sampleMenu.meals.find((meal) => meal.id === 'classic-burger-meal')!.slots.find((slot) => slot.id === 'side')!.name;
    const sauces = sampleMenu.optionGroups.find((group) => group.id === 'nugget-sauces')!.name;
    for (const locale of ['en', 'de']) {
      const catalog = catalogFor(locale);
      const sideName = side[locale] ?? side[sampleMenu.defaultLocale]!;
      const saucesName = sauces[locale] ?? sauces[sampleMenu.defaultLocale]!;
      expect(missingSide.map((problem) => wordProblem(catalog, sampleMenu, locale, problem))).toEqual([catalog.problems.choose_slot_item(sideName)]);
      expect(tooFew.map((problem) => wordProblem(catalog, sampleMenu, locale, problem))).toEqual([catalog.problems.too_few(saucesName, 1)]);
    }
    expect(wordProblem(catalogs.de, sampleMenu, 'de', tooFew[0]!)).not.toContain('nugget-sauces');
  });
});
