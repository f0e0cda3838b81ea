import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALLERGENS, menu as menuSchema, storeConfig } from '../../../common/menu/schema';
import { menuJsonSchema, menuJsonSchemaText } from '../../../common/menu/json-schema';
import { SAMPLE_DIR, sampleMenu, sampleMenuJson, sampleStore } from './sample';

describe('menu schema', () => {
  it('fills defaults so the kiosk never sees a missing list or flag', () => {
    const appleSlices = sampleMenu.items.find((item) => item.id === 'apple-slices')!;
    expect(appleSlices).toMatchObject({ sizes: [], ingredients: [], optionGroupIds: [], allergens: [], availability: { soldOut: false, scheduleIds: [] }, mealOnly: false });
    const ice = sampleMenu.optionGroups.find((group) => group.id === 'drink-ice')!;
    expect(ice.freeQuantity).toBe(0);
    expect(ice.options[1]).toEqual({ id: 'light-ice', name: { en: 'Light ice', de: 'Wenig Eis' }, priceDelta: 0, calories: 0, allergens: [], isDefault: false, maxQuantity: 1, soldOut: false, diet: { vegetarian: true, vegan: true } });
  });

  it('knows exactly the 14 allergens of EU Regulation 1169/2011 Annex II', () => {
    expect(ALLERGENS).toHaveLength(14);
    expect(new Set(ALLERGENS).size).toBe(14);
  });

  it('rejects what a menu file must not contain', () => {
    const rejects = (change: (menu: Record<string, unknown> & { items: Record<string, unknown>[] }) => void) => {
      const json = sampleMenuJson() as Record<string, unknown> & { items: Record<string, unknown>[] };
      change(json);
      return !menuSchema.safeParse(json).success;
    };
    expect(rejects((menu) => (menu.schemaVersion = 2))).toBe(true);
    expect(rejects((menu) => (menu.currency = 'euro'))).toBe(true);
    expect(rejects((menu) => (menu.items[0]!.image = '/etc/passwd'))).toBe(true);
    expect(rejects((menu) => (menu.items[0]!.image = 'https://example.com/x.svg'))).toBe(true);
    expect(rejects((menu) => (menu.items[0]!.calories = -5))).toBe(true);
    expect(rejects((menu) => (menu.items[0]!.name = { en: '' }))).toBe(true);
    expect(rejects((menu) => (menu.items = []))).toBe(true);
    expect(rejects(() => undefined)).toBe(false);
  });
});

describe('the sample menu', () => {
  const texts = JSON.stringify(sampleMenu);
  it('is a realistic burger restaurant: at least 6 categories, 40 items and 5 meals, in EUR, English and German', () => {
    expect(sampleMenu.categories.length).toBeGreaterThanOrEqual(6);
    expect(sampleMenu.items.length).toBeGreaterThanOrEqual(40);
    expect(sampleMenu.meals.length).toBeGreaterThanOrEqual(5);
    expect(sampleMenu).toMatchObject({ currency: 'EUR', locales: ['en', 'de'], defaultLocale: 'en' });
    expect(texts).not.toMatch(/"en":""|"de":""/);
  });

  it('has the option depth the customiser shows', () => {
    const group = (id: string) => sampleMenu.optionGroups.find((candidate) => candidate.id === id)!;
    expect(group('dip-sauces')).toMatchObject({ selection: 'multiple', max: 3, freeQuantity: 1 });
    expect(group('burger-extras').options.find((option) => option.id === 'extra-cheese')).toMatchObject({ maxQuantity: 2, priceDelta: 60 });
    expect(sampleMenu.items.find((item) => item.id === 'big-burger')!.ingredients.filter((ingredient) => ingredient.removable).map((ingredient) => ingredient.id)).toEqual(
      expect.arrayContaining(['onions', 'pickles', 'big-sauce']),
    );
    expect(sampleMenu.items.find((item) => item.id === 'fries')!.sizes.map((size) => [size.id, size.calories])).toEqual([
      ['small', 230],
      ['medium', 330],
      ['large', 440],
    ]);
    expect(sampleMenu.schedules).toEqual([expect.objectContaining({ id: 'breakfast', from: '06:00', until: '10:30' })]);
    expect(sampleMenu.items.filter((item) => item.availability.soldOut).map((item) => item.id)).toEqual(['brownie']);
    for (const meal of sampleMenu.meals) {
      expect(meal.sizes.map((size) => size.id)).toEqual(['medium', 'large']);
      expect(meal.slots.map((slot) => slot.kind)).toEqual(['main', 'side', 'drink']);
    }
  });

  it('references images that exist, each a small SVG with a title', () => {
    const images = new Set([...sampleMenu.categories, ...sampleMenu.items, ...sampleMenu.meals].map((entry) => entry.image));
    for (const image of images) {
      const file = resolve(SAMPLE_DIR, image);
      expect(existsSync(file), image).toBe(true);
      const svg = readFileSync(file, 'utf8');
      expect(svg, image).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" viewBox="0 0 64 64" role="img"><title>[^<]+<\/title>/);
      expect(svg.length, image).toBeLessThan(1200);
    }
  });

  it('comes with a store config: Counterpart Burger Berlin, kiosk-1, German 2026 VAT', () => {
    expect(storeConfig.parse(sampleStore)).toEqual(sampleStore);
    expect(sampleStore).toMatchObject({ storeName: 'Counterpart Burger Berlin', kioskId: 'kiosk-1', orderPrefix: 'B', locale: 'en', currency: 'EUR', timezone: 'Europe/Berlin', devices: {} });
    expect(sampleStore.tax.classes).toEqual({
      food: { eat_in: 'reduced', take_away: 'reduced' },
      beverage: { eat_in: 'standard', take_away: 'standard' },
      'milk-drink': { eat_in: 'standard', take_away: 'reduced' },
    });
  });
});

describe('menu.schema.json', () => {
  it('is committed exactly as `npm run menu:schema` generates it', () => {
    const committed = readFileSync(resolve(import.meta.dirname, '../../../menu-config/menu.schema.json'), 'utf8');
    expect(committed).toBe(menuJsonSchemaText());
  });

  it('describes the file as written: defaulted fields are optional, required ones required', () => {
    const schema = menuJsonSchema() as { required: string[]; properties: { items: { items: { required: string[] } } } };
    expect(schema.required).toEqual(['schemaVersion', 'id', 'version', 'currency', 'locales', 'defaultLocale', 'items', 'categories']);
    expect(schema.properties.items.items.required).toEqual(['id', 'name', 'image', 'price', 'calories', 'taxClass']);
  });
});
