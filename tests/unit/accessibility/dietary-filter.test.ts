// The allergen and diet filter on the sample menu, against lists made by hand from the
// menu file (allergens of items, ingredients and default options; diet flags), not from
// the code under test.
import { describe, expect, it } from 'vitest';
import { entryVerdict, lineConflicts, addedAvoidedAllergens, type DietaryFilter, type Fit } from '../../../common/menu/dietary-filter';
import { dietWarnings } from '../../../common/menu/diet-check';
import { menu as menuSchema } from '../../../common/menu/schema';
import type { MenuEntryRef } from '../../../common/menu/pricing';
import { itemLine, mealLine, sampleMenu, sampleMenuJson, slotItem } from '../menu/sample';

/** Every entry a category offers, with its verdict under the filter. */
function verdicts(filter: DietaryFilter): Record<Fit, string[]> {
  const result: Record<Fit, string[]> = { suitable: [], adaptable: [], unsuitable: [] };
  const ids = [...new Set(sampleMenu.categories.flatMap((category) => category.entryIds))];
  for (const id of ids) {
    const entry: MenuEntryRef = sampleMenu.meals.some((meal) => meal.id === id) ? { kind: 'meal', mealId: id } : { kind: 'item', itemId: id };
    result[entryVerdict(sampleMenu, entry, filter).fit].push(id);
  }
  for (const list of Object.values(result)) list.sort();
  return result;
}

const sorted = (ids: string[]) => [...ids].sort();

describe('allergen filter on the sample menu', () => {
  it('hides what contains milk that cannot be left out, and marks what can be made without', () => {
    const { unsuitable, adaptable } = verdicts({ allergens: ['milk'], diet: 'any' });
    expect(unsuitable).toEqual(
      sorted([
        'mozzarella-sticks', 'onion-rings', 'latte-macchiato', 'hot-chocolate', 'chocolate-shake', 'vanilla-shake',
        'strawberry-shake', 'sundae', 'ice-cream-cone', 'chocolate-cookie', 'brownie', 'blueberry-muffin', 'pancakes',
        'porridge', 'croissant',
      ]),
    );
    // Cheese and butter are removable ingredients; coffee comes with milk but can be black or with oat milk;
    // meals whose only main can be made without cheese, or whose drink can be changed.
    expect(adaptable).toEqual(
      sorted([
        'cheeseburger', 'double-cheeseburger', 'big-burger', 'bacon-bbq-burger', 'corn-cob', 'coffee',
        'egg-cheese-muffin', 'sausage-egg-muffin', 'big-burger-meal', 'bacon-bbq-burger-meal', 'breakfast-meal',
      ]),
    );
  });

  it('hides what contains gluten in a part that cannot be left out', () => {
    const { unsuitable, adaptable } = verdicts({ allergens: ['gluten'], diet: 'any' });
    // Every bun, tortilla and English muffin is not removable, so no burger, wrap, meal or muffin fits.
    expect(unsuitable).toEqual(
      sorted([
        'hamburger', 'cheeseburger', 'double-cheeseburger', 'classic-burger', 'big-burger', 'bacon-bbq-burger', 'veggie-burger',
        'crispy-chicken-burger', 'spicy-chicken-burger', 'chicken-wrap', 'chicken-nuggets', 'hot-wings', 'mozzarella-sticks',
        'onion-rings', 'ice-cream-cone', 'apple-pie', 'chocolate-cookie', 'brownie', 'blueberry-muffin', 'egg-cheese-muffin',
        'sausage-egg-muffin', 'pancakes', 'porridge', 'croissant', 'classic-burger-meal', 'big-burger-meal',
        'bacon-bbq-burger-meal', 'chicken-meal', 'nuggets-meal', 'veggie-burger-meal', 'breakfast-meal',
      ]),
    );
    expect(adaptable).toEqual([]);
  });

  it('offers vegan food only where flagged vegan, with coffee made black or with oat milk', () => {
    const { suitable, adaptable } = verdicts({ allergens: [], diet: 'vegan' });
    expect(suitable).toEqual(
      sorted([
        'veggie-burger', 'fries', 'sweet-potato-fries', 'side-salad', 'apple-slices', 'cola', 'cola-zero', 'orange-soda',
        'lemonade', 'iced-tea', 'still-water', 'sparkling-water', 'orange-juice', 'tea', 'apple-pie', 'hash-brown',
        'veggie-burger-meal',
      ]),
    );
    expect(adaptable).toEqual(['coffee']);
  });

  it('leaves meat out for vegetarians, and keeps the breakfast meal (egg and cheese muffin by default)', () => {
    const { unsuitable, adaptable } = verdicts({ allergens: [], diet: 'vegetarian' });
    expect(unsuitable).toEqual(
      sorted([
        'hamburger', 'cheeseburger', 'double-cheeseburger', 'classic-burger', 'big-burger', 'bacon-bbq-burger',
        'crispy-chicken-burger', 'spicy-chicken-burger', 'chicken-wrap', 'chicken-nuggets', 'hot-wings', 'sausage-egg-muffin',
        'classic-burger-meal', 'big-burger-meal', 'bacon-bbq-burger-meal', 'chicken-meal', 'nuggets-meal',
      ]),
    );
    expect(adaptable).toEqual([]);
  });

  it('without a filter every entry suits', () => {
    const { adaptable, unsuitable } = verdicts({ allergens: [], diet: 'any' });
    expect([...adaptable, ...unsuitable]).toEqual([]);
  });

  it('names the avoided allergens of an entry as it comes', () => {
    expect(entryVerdict(sampleMenu, { kind: 'item', itemId: 'cheeseburger' }, { allergens: ['milk', 'sesame', 'peanuts'], diet: 'any' })).toEqual({
      fit: 'unsuitable', // the sesame bun stays
      allergens: ['milk', 'sesame'],
      dietMismatch: false,
    });
    expect(entryVerdict(sampleMenu, { kind: 'item', itemId: 'coffee' }, { allergens: [], diet: 'vegan' })).toEqual({ fit: 'adaptable', allergens: [], dietMismatch: true });
  });
});

describe('a customisation that adds an avoided allergen or breaks the diet', () => {
  const noMilk: DietaryFilter = { allergens: ['milk'], diet: 'any' };

  it('names extra cheese on a veggie burger as adding milk', () => {
    const plain = lineConflicts(sampleMenu, itemLine('veggie-burger'), noMilk);
    const withCheese = lineConflicts(sampleMenu, itemLine('veggie-burger', { options: { 'chicken-extras': { 'extra-cheese': 1 } } }), noMilk);
    expect(plain).toEqual({ allergens: [], dietMismatch: false, causes: [] });
    expect(withCheese).toEqual({
      allergens: ['milk'],
      dietMismatch: false,
      causes: [{ itemId: 'veggie-burger', groupId: 'chicken-extras', optionId: 'extra-cheese', allergens: ['milk'], breaksDiet: false }],
    });
    expect(addedAvoidedAllergens(plain, withCheese)).toEqual(['milk']);
  });

  it('names bacon as breaking a vegetarian meal, in its slot', () => {
    const line = mealLine('veggie-burger-meal', { slots: { main: slotItem('veggie-burger', { 'chicken-extras': { bacon: 1 } }) } });
    expect(lineConflicts(sampleMenu, line, { allergens: [], diet: 'vegetarian' })).toEqual({
      allergens: [],
      dietMismatch: true,
      causes: [{ itemId: 'veggie-burger', slotId: 'main', groupId: 'chicken-extras', optionId: 'bacon', allergens: [], breaksDiet: true }],
    });
  });

  it('clears milk when the cheese is left out, and finds it in a chosen shake', () => {
    expect(lineConflicts(sampleMenu, itemLine('cheeseburger', { removedIngredientIds: ['cheese'] }), noMilk).allergens).toEqual([]);
    const shakeMeal = mealLine('veggie-burger-meal', { slots: { drink: slotItem('chocolate-shake') } });
    expect(lineConflicts(sampleMenu, shakeMeal, noMilk)).toMatchObject({ allergens: ['milk'], causes: [] });
  });
});

describe('diet flag warnings (menu:check)', () => {
  it('has none for the sample menu', () => {
    expect(dietWarnings(sampleMenu)).toEqual([]);
  });

  it('reports items and offered options without flags, and flags that contradict the allergens', () => {
    const json = sampleMenuJson() as { items: Array<Record<string, unknown>>; optionGroups: Array<{ options: Array<Record<string, unknown>> }> };
    delete json.items[0]!.diet; // hamburger
    json.items[12]!.diet = { vegetarian: true, vegan: true }; // mozzarella sticks: milk, eggs
    json.items[13]!.diet = { vegetarian: false, vegan: true }; // fries
    delete json.optionGroups[0]!.options[0]!.diet; // burger extras: bacon
    const warnings = dietWarnings(menuSchema.parse(json));
    expect(warnings).toEqual([
      { path: '$.items[0]', message: expect.stringMatching(/^no diet flags/) },
      { path: '$.items[12].diet', message: 'marked vegan but contains milk, eggs' },
      { path: '$.items[13].diet', message: 'vegan but not vegetarian: vegan implies vegetarian' },
      { path: '$.optionGroups[0].options[0]', message: expect.stringMatching(/^no diet flags/) },
    ]);
  });
});
