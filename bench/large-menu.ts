// A generated menu far larger than any real store's: 1,000 items with 10 option
// groups each (5 options per group), in two locales. Deterministic, valid against
// the menu schema, used to measure validation, pricing and the UI under load.
import type { Menu } from '../common/menu/schema';

const both = (en: string, de: string) => ({ en, de });

export function generateLargeMenu(itemCount = 1000, groupsPerItem = 10, optionsPerGroup = 5, categoryCount = 20): Menu {
  const optionGroups: Menu['optionGroups'] = [];
  const items: Menu['items'] = [];
  for (let i = 0; i < itemCount; i++) {
    const groupIds: string[] = [];
    for (let g = 0; g < groupsPerItem; g++) {
      const groupId = `item-${i}-group-${g}`;
      groupIds.push(groupId);
      const single = g % 2 === 0;
      optionGroups.push({
        id: groupId,
        name: both(`Choice ${g + 1}`, `Auswahl ${g + 1}`),
        selection: single ? 'single' : 'multiple',
        min: single ? 1 : 0,
        max: single ? 1 : 3,
        freeQuantity: single ? 0 : 1,
        options: Array.from({ length: optionsPerGroup }, (_, o) => ({
          id: `option-${o}`,
          name: both(`Option ${o + 1}`, `Option ${o + 1}`),
          priceDelta: o * 30,
          calories: o * 15,
          allergens: o === 2 ? ['milk'] : [],
          isDefault: single && o === 0,
          maxQuantity: single ? 1 : 2,
          soldOut: false,
        })),
      });
    }
    items.push({
      id: `item-${i}`,
      name: both(`Item ${i + 1}`, `Artikel ${i + 1}`),
      description: both('A generated item for load tests.', 'Ein erzeugter Artikel für Lasttests.'),
      image: 'images/burgers.svg',
      price: 299 + (i % 50) * 10,
      calories: 300 + (i % 40) * 10,
      allergens: i % 3 === 0 ? ['gluten', 'sesame'] : ['gluten'],
      taxClass: 'food',
      sizes: [],
      ingredients: [
        { id: 'onions', name: both('Onions', 'Zwiebeln'), removable: true, calories: 5, allergens: [] },
        { id: 'sauce', name: both('Sauce', 'Soße'), removable: true, calories: 40, allergens: ['eggs', 'mustard'] },
      ],
      optionGroupIds: groupIds,
      availability: { soldOut: false, scheduleIds: [] },
      mealOnly: false,
    });
  }
  const perCategory = Math.ceil(itemCount / categoryCount);
  return {
    schemaVersion: 1,
    id: 'large-generated',
    version: `generated-${itemCount}x${groupsPerItem}`,
    currency: 'EUR',
    locales: ['en', 'de'],
    defaultLocale: 'en',
    schedules: [],
    optionGroups,
    items,
    meals: [],
    categories: Array.from({ length: categoryCount }, (_, c) => ({
      id: `category-${c}`,
      name: both(`Category ${c + 1}`, `Kategorie ${c + 1}`),
      image: 'images/burgers.svg',
      entryIds: items.slice(c * perCategory, (c + 1) * perCategory).map((item) => item.id),
    })).filter((category) => category.entryIds.length > 0),
    featured: [],
    suggestions: { makeItAMeal: [] },
  };
}

export const HUGE_CATEGORY = 'Everything';
export const SMALL_CATEGORY = 'First ten';

/**
 * The 10,000-item menu: 10,000 items with one option group each, all of them in one category
 * (and the first ten in a small one, to compare opening the two).
 */
export function generateHugeCategoryMenu(itemCount = 10_000): Menu {
  const menu = generateLargeMenu(itemCount, 1, 5, 1);
  const ids = menu.items.map((item) => item.id);
  return {
    ...menu,
    version: `generated-${itemCount}-one-category`,
    categories: [
      { id: 'first-ten', name: both(SMALL_CATEGORY, 'Die ersten zehn'), image: 'images/burgers.svg', entryIds: ids.slice(0, 10) },
      { id: 'everything', name: both(HUGE_CATEGORY, 'Alles'), image: 'images/burgers.svg', entryIds: ids },
    ],
  };
}
