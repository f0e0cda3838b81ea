// A small menu with every kind of choice the customiser offers, for the store tests.
import { menu as menuSchema, storeConfig, type Menu, type StoreConfig } from '../../../common/menu/schema';
import { createKioskStore, type KioskStore } from '../../../renderer/state/store';
import type { KioskDeps } from '../../../renderer/state/types';

const text = (en: string, de: string) => ({ en, de });

export const testMenu: Menu = menuSchema.parse({
  schemaVersion: 1,
  id: 'test-menu',
  version: '1',
  currency: 'EUR',
  locales: ['en', 'de'],
  defaultLocale: 'en',
  optionGroups: [
    {
      id: 'topping',
      name: text('Topping', 'Topping'),
      selection: 'single',
      max: 1,
      options: [{ id: 'cream', name: text('Whipped cream', 'Sahne'), priceDelta: 40 }],
    },
    {
      id: 'extras',
      name: text('Extras', 'Extras'),
      selection: 'multiple',
      max: 4,
      options: [
        { id: 'cheese', name: text('Cheese', 'Käse'), priceDelta: 50, calories: 60, allergens: ['milk'], maxQuantity: 2 },
        { id: 'bacon', name: text('Bacon', 'Speck'), priceDelta: 90, calories: 80 },
      ],
    },
    {
      id: 'sauces',
      name: text('Sauces', 'Soßen'),
      selection: 'multiple',
      max: 3,
      freeQuantity: 1,
      options: [
        { id: 'ketchup', name: text('Ketchup', 'Ketchup'), priceDelta: 30, calories: 20 },
        { id: 'mayo', name: text('Mayo', 'Mayo'), priceDelta: 30, calories: 90, allergens: ['eggs'] },
        { id: 'bbq', name: text('BBQ', 'BBQ'), priceDelta: 30, calories: 30 },
      ],
    },
    {
      id: 'ice',
      name: text('Ice', 'Eis'),
      selection: 'single',
      min: 1,
      max: 1,
      options: [
        { id: 'with-ice', name: text('With ice', 'Mit Eis'), isDefault: true },
        { id: 'no-ice', name: text('No ice', 'Ohne Eis') },
      ],
    },
  ],
  items: [
    {
      id: 'shake',
      name: text('Shake', 'Shake'),
      image: 'images/shake.svg',
      price: 300,
      calories: 400,
      taxClass: 'food',
      optionGroupIds: ['topping'],
    },
    {
      id: 'burger',
      name: text('Burger', 'Burger'),
      image: 'images/burger.svg',
      price: 500,
      calories: 550,
      allergens: ['gluten'],
      taxClass: 'food',
      ingredients: [
        { id: 'onion', name: text('Onions', 'Zwiebeln'), calories: 5 },
        { id: 'pickles', name: text('Pickles', 'Gurken'), calories: 3 },
        { id: 'bun', name: text('Bun', 'Brötchen'), removable: false, calories: 150, allergens: ['gluten'] },
      ],
      optionGroupIds: ['extras', 'sauces'],
    },
    {
      id: 'fries',
      name: text('Fries', 'Pommes'),
      image: 'images/fries.svg',
      price: 250,
      calories: 300,
      taxClass: 'food',
      sizes: [
        { id: 'medium', name: text('Medium', 'Mittel'), calories: 300 },
        { id: 'large', name: text('Large', 'Groß'), priceDelta: 60, calories: 420 },
      ],
      defaultSizeId: 'medium',
    },
    {
      id: 'cola',
      name: text('Cola', 'Cola'),
      image: 'images/cola.svg',
      price: 220,
      calories: 180,
      taxClass: 'beverage',
      sizes: [
        { id: 'medium', name: text('Medium', 'Mittel'), calories: 180 },
        { id: 'large', name: text('Large', 'Groß'), priceDelta: 50, calories: 250 },
      ],
      defaultSizeId: 'medium',
      optionGroupIds: ['ice'],
    },
    {
      id: 'water',
      name: text('Water', 'Wasser'),
      image: 'images/water.svg',
      price: 200,
      calories: 0,
      taxClass: 'beverage',
      sizes: [
        { id: 'medium', name: text('Medium', 'Mittel'), calories: 0 },
        { id: 'large', name: text('Large', 'Groß'), priceDelta: 30, calories: 0 },
      ],
      defaultSizeId: 'medium',
    },
  ],
  meals: [
    {
      id: 'burger-meal',
      name: text('Burger Meal', 'Burger-Menü'),
      image: 'images/burger-meal.svg',
      price: 850,
      sizes: [
        { id: 'medium', name: text('Medium', 'Mittel'), slotSizes: { side: 'medium', drink: 'medium' } },
        { id: 'large', name: text('Large', 'Groß'), priceDelta: 100, slotSizes: { side: 'large', drink: 'large' } },
      ],
      slots: [
        { id: 'main', kind: 'main', name: text('Burger', 'Burger'), choices: [{ itemId: 'burger' }], defaultItemId: 'burger' },
        { id: 'side', kind: 'side', name: text('Side', 'Beilage'), choices: [{ itemId: 'fries' }], defaultItemId: 'fries' },
        {
          id: 'drink',
          kind: 'drink',
          name: text('Drink', 'Getränk'),
          choices: [{ itemId: 'cola' }, { itemId: 'water', priceDelta: 0 }],
          defaultItemId: 'cola',
        },
      ],
    },
  ],
  categories: [
    { id: 'burgers', name: text('Burgers', 'Burger'), image: 'images/burgers.svg', entryIds: ['burger', 'burger-meal'] },
    { id: 'drinks', name: text('Drinks', 'Getränke'), image: 'images/drinks.svg', entryIds: ['cola', 'water'] },
  ],
});

export const testStore: StoreConfig = storeConfig.parse({
  storeId: 'test-store',
  storeName: 'Test Burgers',
  kioskId: 'kiosk-1',
  orderPrefix: 'T',
  locale: 'en',
  currency: 'EUR',
  tax: {
    rates: [
      { id: 'reduced', label: text('VAT 7 %', 'MwSt. 7 %'), basisPoints: 700 },
      { id: 'standard', label: text('VAT 19 %', 'MwSt. 19 %'), basisPoints: 1900 },
    ],
    classes: { food: { eat_in: 'reduced', take_away: 'reduced' }, beverage: { eat_in: 'standard', take_away: 'standard' } },
  },
  inactivity: { promptAfterSeconds: 5, resetAfterSeconds: 5 },
});

/** A kiosk store on `menu` with no data layer behind it: startup only, orders refused (for screen tests). */
export function kioskStoreOn(menu: Menu = testMenu): KioskStore {
  const deps: KioskDeps = {
    getStartup: async () => ({ store: testStore, menu, assetBase: 'menu' }),
    placeOrder: async () => {
      throw new Error('not in this test');
    },
    saveDraft: async () => undefined,
    loadDraft: async () => undefined,
    clearDraft: async () => undefined,
    recordEvent: async () => undefined,
    now: () => new Date('2026-01-01T12:00:00Z'),
    newId: () => crypto.randomUUID(),
  };
  return createKioskStore(deps);
}
