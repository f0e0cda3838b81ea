import { describe, expect, it } from 'vitest';
import { menu as menuSchema } from '../../../common/menu/schema';
import {
  compLine,
  defaultSelection,
  PricingError,
  priceLine,
  priceOrder,
  selectionProblems,
  splitProportionally,
  taxIncluded,
  totalPricedLines,
} from '../../../common/menu/pricing';
import { itemLine, mealLine, sampleMenu, sampleStore, slotItem } from './sample';

describe('defaultSelection', () => {
  it('opens an item at its default size with its default options', () => {
    expect(defaultSelection(sampleMenu, { kind: 'item', itemId: 'cola' })).toEqual({
      kind: 'item',
      itemId: 'cola',
      sizeId: 'medium',
      removedIngredientIds: [],
      options: { 'drink-ice': { 'with-ice': 1 } },
      quantity: 1,
    });
    expect(defaultSelection(sampleMenu, { kind: 'item', itemId: 'hash-brown' })).toEqual({
      kind: 'item',
      itemId: 'hash-brown',
      removedIngredientIds: [],
      options: {},
      quantity: 1,
    });
  });

  it('opens a meal at its first size with each slot at its default item and that item’s defaults', () => {
    expect(defaultSelection(sampleMenu, { kind: 'meal', mealId: 'nuggets-meal' })).toEqual({
      kind: 'meal',
      mealId: 'nuggets-meal',
      sizeId: 'medium',
      slots: {
        main: { itemId: 'chicken-nuggets', removedIngredientIds: [], options: { 'nugget-sauces': { 'bbq-sauce': 1 } } },
        side: { itemId: 'fries', removedIngredientIds: [], options: {} },
        drink: { itemId: 'cola', removedIngredientIds: [], options: { 'drink-ice': { 'with-ice': 1 } } },
      },
      quantity: 1,
    });
  });

  it('skips a sold-out default slot item for the first available choice', () => {
    const menu = structuredClone(sampleMenu);
    menu.items.find((item) => item.id === 'fries')!.availability.soldOut = true;
    const line = defaultSelection(menu, { kind: 'meal', mealId: 'classic-burger-meal' });
    expect(line.kind === 'meal' && line.slots.side?.itemId).toBe('sweet-potato-fries');
  });

  it('throws for an id the menu does not have', () => {
    expect(() => defaultSelection(sampleMenu, { kind: 'item', itemId: 'pizza' })).toThrow(PricingError);
    expect(() => defaultSelection(sampleMenu, { kind: 'meal', mealId: 'pizza-meal' })).toThrow(/unknown meal "pizza-meal"/);
  });
});

describe('priceLine: items', () => {
  it('prices a sized item by its size and uses the size’s calories', () => {
    expect(priceLine(sampleMenu, itemLine('fries'))).toEqual({
      unitPrice: 319,
      total: 319,
      calories: 330,
      allergens: [],
      taxShares: [{ taxClass: 'food', gross: 319 }],
    });
    expect(priceLine(sampleMenu, itemLine('fries', { sizeId: 'small', quantity: 3 }))).toMatchObject({ unitPrice: 249, total: 747, calories: 230 });
  });

  it('charges sauces beyond the first free one and adds their calories and allergens', () => {
    const line = itemLine('fries', { sizeId: 'large', options: { 'dip-sauces': { ketchup: 1, mayo: 2 } } });
    expect(priceLine(sampleMenu, line)).toMatchObject({ unitPrice: 369 + 2 * 30, calories: 440 + 20 + 2 * 100, allergens: ['eggs', 'mustard'] });
  });

  it('charges every extra unit when the group has no free quantity (extra cheese ×2 + bacon)', () => {
    const line = itemLine('classic-burger', { options: { 'burger-extras': { 'extra-cheese': 2, bacon: 1 } } });
    expect(priceLine(sampleMenu, line)).toMatchObject({ unitPrice: 549 + 2 * 60 + 120, calories: 556 + 2 * 60 + 80 });
    expect(priceLine(sampleMenu, line).allergens).toContain('milk');
  });

  it('removals cost nothing, subtract calories and drop allergens no remaining part carries', () => {
    const plain = priceLine(sampleMenu, itemLine('classic-burger'));
    expect(plain.allergens).toEqual(['gluten', 'eggs', 'mustard', 'sesame']);
    const noMayo = priceLine(sampleMenu, itemLine('classic-burger', { removedIngredientIds: ['mayo', 'onions'] }));
    expect(noMayo).toMatchObject({ unitPrice: 549, calories: 556 - 90 - 5, allergens: ['gluten', 'sesame'] });
  });

  it('keeps an allergen a removed ingredient shares with a remaining part', () => {
    // Cheese removed but extra cheese added: still milk. Crispy onions removed: the bun still has gluten.
    const cheese = priceLine(sampleMenu, itemLine('cheeseburger', { removedIngredientIds: ['cheese'], options: { 'burger-extras': { 'extra-cheese': 1 } } }));
    expect(cheese.allergens).toContain('milk');
    const onions = priceLine(sampleMenu, itemLine('bacon-bbq-burger', { removedIngredientIds: ['crispy-onions'] }));
    expect(onions.allergens).toContain('gluten');
    // The item's own allergens (parts not listed as ingredients) always stay.
    expect(priceLine(sampleMenu, itemLine('chicken-nuggets')).allergens).toEqual(expect.arrayContaining(['gluten', 'celery']));
  });

  it('counts free units in the order the options are listed, not cheapest first', () => {
    const menu = menuSchema.parse({
      schemaVersion: 1,
      id: 'free-order',
      version: '1',
      currency: 'EUR',
      locales: ['en'],
      defaultLocale: 'en',
      optionGroups: [
        {
          id: 'dips',
          name: { en: 'Dips' },
          selection: 'multiple',
          max: 3,
          freeQuantity: 1,
          options: [
            { id: 'truffle', name: { en: 'Truffle mayo' }, priceDelta: 80 },
            { id: 'ketchup', name: { en: 'Ketchup' }, priceDelta: 30 },
          ],
        },
        {
          id: 'discount',
          name: { en: 'Discount' },
          selection: 'single',
          max: 1,
          options: [{ id: 'staff', name: { en: 'Staff' }, priceDelta: -1000 }],
        },
      ],
      items: [{ id: 'fries', name: { en: 'Fries' }, image: 'images/fries.svg', price: 300, calories: 300, taxClass: 'food', optionGroupIds: ['dips', 'discount'] }],
      categories: [{ id: 'sides', name: { en: 'Sides' }, image: 'images/fries.svg', entryIds: ['fries'] }],
    });
    expect(priceLine(menu, itemLine('fries', { options: { dips: { ketchup: 1, truffle: 1 } } }, menu)).unitPrice).toBe(330);
    expect(priceLine(menu, itemLine('fries', { options: { dips: { ketchup: 3 } } }, menu)).unitPrice).toBe(360);
    // A line never costs less than nothing.
    expect(priceLine(menu, itemLine('fries', { options: { discount: { staff: 1 } } }, menu))).toMatchObject({ unitPrice: 0, total: 0 });
  });

  it('sees items added to a menu after it was first priced (lookups are re-indexed)', () => {
    const menu = structuredClone(sampleMenu);
    expect(priceLine(menu, itemLine('fries', {}, menu)).unitPrice).toBe(319);
    menu.items.push({ ...menu.items.find((item) => item.id === 'hash-brown')!, id: 'potato-wedges', price: 279 });
    expect(priceLine(menu, itemLine('potato-wedges', {}, menu)).unitPrice).toBe(279);
  });

  it('throws a PricingError for ids the menu lacks, naming them', () => {
    expect(() => priceLine(sampleMenu, itemLine('fries', { sizeId: 'jumbo' }))).toThrow(/no size "jumbo"/);
    expect(() => priceLine(sampleMenu, itemLine('fries', { options: { 'drink-ice': { 'no-ice': 1 } } }))).toThrow(/no option group "drink-ice"/);
    expect(() => priceLine(sampleMenu, itemLine('fries', { options: { 'dip-sauces': { mustard: 1 } } }))).toThrow(/no option "mustard"/);
  });
});

describe('priceLine: meals', () => {
  it('prices the default meal at the meal price, summing the slot items’ calories at the slot sizes', () => {
    // Classic Burger 556 kcal + medium fries 330 + medium cola 170.
    expect(priceLine(sampleMenu, mealLine('classic-burger-meal'))).toMatchObject({ unitPrice: 899, total: 899, calories: 556 + 330 + 170 });
  });

  it('a size upgrade charges the meal size delta and moves side and drink to their large sizes', () => {
    const line = mealLine('big-burger-meal', { sizeId: 'large' });
    expect(priceLine(sampleMenu, line)).toMatchObject({ unitPrice: 1049 + 120, calories: 821 + 440 + 210 });
  });

  it('a meal can set the main’s size too (nuggets meal: 9 pieces)', () => {
    expect(priceLine(sampleMenu, mealLine('nuggets-meal')).calories).toBe(405 + 40 + 330 + 170);
  });

  it('charges premium slot choices, extras and sauces inside the meal; removals are free', () => {
    const line = mealLine('big-burger-meal', {
      sizeId: 'large',
      quantity: 2,
      slots: {
        main: slotItem('big-burger', { 'burger-extras': { bacon: 1 } }, ['onions']),
        side: slotItem('sweet-potato-fries', { 'dip-sauces': { ketchup: 1, mayo: 1 } }),
        drink: slotItem('chocolate-shake', { 'shake-topping': { 'whipped-cream': 1 } }),
      },
    });
    const unit = 1049 + 120 + 120 + 80 + 30 + 100 + 40;
    const priced = priceLine(sampleMenu, line);
    expect(priced).toMatchObject({ unitPrice: unit, total: 2 * unit, calories: 821 - 5 + 80 + 460 + 20 + 100 + 550 + 90 });
    expect(priced.allergens).toEqual(['gluten', 'eggs', 'soybeans', 'milk', 'mustard', 'sesame']);
  });

  it('prices the drink’s own options inside a meal (coffee with oat milk and vanilla syrup)', () => {
    const line = mealLine('breakfast-meal', {
      sizeId: 'large',
      slots: { drink: slotItem('coffee', { 'coffee-milk': { 'oat-milk': 1 }, 'drink-syrup': { 'vanilla-syrup': 1 } }) },
    });
    expect(priceLine(sampleMenu, line)).toMatchObject({ unitPrice: 599 + 70 + 30 + 50, calories: 325 + 150 + 10 + 20 + 30 });
    const noIce = mealLine('classic-burger-meal', { slots: { drink: slotItem('cola', { 'drink-ice': { 'no-ice': 1 } }) } });
    expect(priceLine(sampleMenu, noIce).unitPrice).toBe(899);
  });

  it('splits the meal price over the slot items’ tax classes by standalone price, summing exactly', () => {
    // Standalone: burger 549, medium fries 319 (food); medium cola 289 (beverage). 899 × 868/1157 → 675.
    expect(priceLine(sampleMenu, mealLine('classic-burger-meal')).taxShares).toEqual([
      { taxClass: 'food', gross: 675 },
      { taxClass: 'beverage', gross: 224 },
    ]);
    const shake = priceLine(sampleMenu, mealLine('classic-burger-meal', { quantity: 3, slots: { drink: slotItem('vanilla-shake') } }));
    expect(shake.taxShares.map((share) => share.taxClass)).toEqual(['food', 'milk-drink']);
    expect(shake.taxShares.reduce((sum, share) => sum + share.gross, 0)).toBe(shake.total);
  });

  it('throws for a slot item the slot does not offer', () => {
    expect(() => priceLine(sampleMenu, mealLine('classic-burger-meal', { slots: { side: slotItem('cola') } }))).toThrow(/slot "side" does not offer "cola"/);
  });
});

describe('priceOrder and tax', () => {
  it('eat-in and take-away change the tax of a milk drink, not its price', () => {
    const lines = [itemLine('chocolate-shake')];
    const eatIn = priceOrder(sampleMenu, sampleStore.tax, 'eat_in', lines, 'en');
    const takeAway = priceOrder(sampleMenu, sampleStore.tax, 'take_away', lines, 'de');
    expect(eatIn.total).toBe(349);
    expect(takeAway.total).toBe(349);
    // 349 × 1900 / 11900 = 55.72 → 56;  349 × 700 / 10700 = 22.83 → 23.
    expect(eatIn.taxes).toEqual([{ rateId: 'standard', label: 'VAT 19 %', basisPoints: 1900, gross: 349, net: 293, tax: 56 }]);
    expect(takeAway.taxes).toEqual([{ rateId: 'reduced', label: 'MwSt. 7 %', basisPoints: 700, gross: 349, net: 326, tax: 23 }]);
  });

  it('food and beverages keep their rates in both modes (Germany since 2026)', () => {
    const lines = [itemLine('big-burger'), itemLine('cola', { sizeId: 'large' })];
    for (const mode of ['eat_in', 'take_away'] as const) {
      const order = priceOrder(sampleMenu, sampleStore.tax, mode, lines, 'en');
      expect(order.taxes.map(({ rateId, gross }) => [rateId, gross])).toEqual([
        ['reduced', 699],
        ['standard', 329],
      ]);
    }
  });

  it('an order with a meal: rows in the store’s rate order, gross sums to the total, tax + net = gross', () => {
    const lines = [mealLine('classic-burger-meal', { quantity: 2 }), itemLine('chocolate-shake'), itemLine('sundae')];
    const order = priceOrder(sampleMenu, sampleStore.tax, 'eat_in', lines, 'en');
    expect(order.total).toBe(2 * 899 + 349 + 249);
    expect(order.lines.map((line) => line.total)).toEqual([1798, 349, 249]);
    // The two meals (1798) split on the line total: 853 + 496 food, 449 beverage (not twice the one-meal split).
    // The shake is 19 % eat-in; the sundae is food. 1598 × 7/107 = 104.54 → 105; 798 × 19/119 = 127.4 → 127.
    expect(order.lines[0]!.taxShares).toEqual([
      { taxClass: 'food', gross: 1349 },
      { taxClass: 'beverage', gross: 449 },
    ]);
    expect(order.taxes).toEqual([
      { rateId: 'reduced', label: 'VAT 7 %', basisPoints: 700, gross: 1349 + 249, net: 1493, tax: 105 },
      { rateId: 'standard', label: 'VAT 19 %', basisPoints: 1900, gross: 449 + 349, net: 671, tax: 127 },
    ]);
  });

  it('computes tax once on each rate’s gross sum, not per line', () => {
    const waters = [itemLine('still-water'), itemLine('still-water'), itemLine('still-water')];
    const order = priceOrder(sampleMenu, sampleStore.tax, 'take_away', waters, 'en');
    // 597 × 19/119 = 95.32 → 95; per line it would be 3 × round(31.77) = 96.
    expect(order.taxes).toEqual([{ rateId: 'standard', label: 'VAT 19 %', basisPoints: 1900, gross: 597, net: 502, tax: 95 }]);
  });

  it('an empty order has a zero total and no tax rows', () => {
    expect(priceOrder(sampleMenu, sampleStore.tax, 'eat_in', [], 'en')).toEqual({ lines: [], total: 0, taxes: [] });
  });

  it('refuses to price a tax class the store config lacks', () => {
    const tax = { ...sampleStore.tax, classes: { food: sampleStore.tax.classes.food! } };
    expect(() => priceOrder(sampleMenu, tax, 'eat_in', [itemLine('cola')], 'en')).toThrow(/no tax class "beverage"/);
  });

  it('rounds the included tax half up', () => {
    expect(taxIncluded(100, 1900)).toBe(16); // 15.97
    expect(taxIncluded(119, 1900)).toBe(19); // exactly 19
    expect(taxIncluded(1, 1900)).toBe(0); // 0.16
    expect(taxIncluded(107, 700)).toBe(7); // exactly 7
    expect(taxIncluded(8, 700)).toBe(1); // 0.523
    expect(taxIncluded(7, 700)).toBe(0); // 0.458
    // 100 % makes exact halves possible: 1 → 0.5 → 1, 3 → 1.5 → 2.
    expect(taxIncluded(1, 10_000)).toBe(1);
    expect(taxIncluded(3, 10_000)).toBe(2);
    expect(taxIncluded(0, 1900)).toBe(0);
  });

  it('splits proportionally with the largest remainder, ties to the earlier part', () => {
    expect(splitProportionally(899, [549, 319, 289])).toEqual([427, 248, 224]);
    expect(splitProportionally(10, [1, 1, 1])).toEqual([4, 3, 3]);
    expect(splitProportionally(5, [0, 0])).toEqual([3, 2]);
    expect(splitProportionally(0, [3, 4])).toEqual([0, 0]);
    expect(splitProportionally(7, [])).toEqual([]);
  });
});

describe('selectionProblems', () => {
  it('has none for every default line of the sample menu except the sold-out brownie', () => {
    const problems = [
      ...sampleMenu.items.map((item) => [item.id, selectionProblems(sampleMenu, itemLine(item.id))] as const),
      ...sampleMenu.meals.map((meal) => [meal.id, selectionProblems(sampleMenu, mealLine(meal.id))] as const),
    ].filter(([, list]) => list.length > 0);
    expect(problems).toEqual([['brownie', [{ path: 'itemId', code: 'item_sold_out', params: { itemId: 'brownie' } }]]]);
  });

  it('reports a group below its minimum and above its maximum', () => {
    expect(selectionProblems(sampleMenu, itemLine('chicken-nuggets', { options: {} }))).toEqual([
      { path: 'options.nugget-sauces', code: 'too_few', params: { groupId: 'nugget-sauces', min: 1 }, groupId: 'nugget-sauces' },
    ]);
    expect(selectionProblems(sampleMenu, itemLine('fries', { options: { 'dip-sauces': { ketchup: 2, mayo: 2 } } }))).toEqual([
      { path: 'options.dip-sauces', code: 'too_many', params: { groupId: 'dip-sauces', max: 3 }, groupId: 'dip-sauces' },
    ]);
    expect(selectionProblems(sampleMenu, itemLine('cola', { options: { 'drink-ice': { 'with-ice': 1, 'no-ice': 1 } } }))).toEqual([
      { path: 'options.drink-ice', code: 'too_many', params: { groupId: 'drink-ice', max: 1 }, groupId: 'drink-ice' },
    ]);
  });

  it('reports more of an option than it allows, sold-out options and unknown ids', () => {
    expect(selectionProblems(sampleMenu, itemLine('classic-burger', { options: { 'burger-extras': { 'extra-cheese': 3 } } }))).toEqual([
      { path: 'options.burger-extras.extra-cheese', code: 'option_too_many', params: { groupId: 'burger-extras', optionId: 'extra-cheese', max: 2 }, groupId: 'burger-extras' },
    ]);
    expect(selectionProblems(sampleMenu, itemLine('fries', { options: { 'dip-sauces': { 'sweet-sour': 1 } } }))).toEqual([
      { path: 'options.dip-sauces.sweet-sour', code: 'option_sold_out', params: { groupId: 'dip-sauces', optionId: 'sweet-sour' }, groupId: 'dip-sauces' },
    ]);
    expect(selectionProblems(sampleMenu, itemLine('fries', { sizeId: 'jumbo', options: { 'dip-sauces': { mustard: 1 }, wings: { x: 1 } } }))).toEqual([
      { path: 'sizeId', code: 'unknown_size', params: { itemId: 'fries', sizeId: 'jumbo' } },
      { path: 'options.wings', code: 'unknown_option_group', params: { itemId: 'fries', groupId: 'wings' }, groupId: 'wings' },
      { path: 'options.dip-sauces.mustard', code: 'unknown_option', params: { groupId: 'dip-sauces', optionId: 'mustard' }, groupId: 'dip-sauces' },
    ]);
    expect(selectionProblems(sampleMenu, itemLine('fries', { itemId: 'pizza' } as never))).toEqual([{ path: 'itemId', code: 'unknown_item', params: { itemId: 'pizza' } }]);
  });

  it('reports removing an ingredient that cannot be removed or does not exist', () => {
    expect(selectionProblems(sampleMenu, itemLine('hamburger', { removedIngredientIds: ['onions', 'bun', 'tomato'] }))).toEqual([
      { path: 'removedIngredientIds', code: 'ingredient_fixed', params: { itemId: 'hamburger', ingredientId: 'bun' } },
      { path: 'removedIngredientIds', code: 'unknown_ingredient', params: { itemId: 'hamburger', ingredientId: 'tomato' } },
    ]);
  });

  it('reports meal problems with the slot they are in', () => {
    const line = mealLine('classic-burger-meal', {
      sizeId: 'huge',
      slots: {
        main: slotItem('classic-burger', {}, ['beef-patty']),
        side: slotItem('cola'),
        drink: slotItem('cola', { 'drink-ice': {} }),
      },
    });
    expect(selectionProblems(sampleMenu, line)).toEqual([
      { path: 'sizeId', code: 'unknown_size', params: { mealId: 'classic-burger-meal', sizeId: 'huge' } },
      { path: 'slots.main.removedIngredientIds', code: 'ingredient_fixed', params: { itemId: 'classic-burger', ingredientId: 'beef-patty' }, slotId: 'main' },
      { path: 'slots.side.itemId', code: 'slot_not_offered', params: { mealId: 'classic-burger-meal', slotId: 'side', itemId: 'cola' }, slotId: 'side' },
      { path: 'slots.drink.options.drink-ice', code: 'too_few', params: { groupId: 'drink-ice', min: 1 }, groupId: 'drink-ice', slotId: 'drink' },
    ]);
    const { side: _side, ...withoutSide } = mealLine('classic-burger-meal').slots;
    expect(selectionProblems(sampleMenu, { ...mealLine('classic-burger-meal'), slots: withoutSide })).toEqual([
      { path: 'slots.side', code: 'choose_slot_item', params: { mealId: 'classic-burger-meal', slotId: 'side' }, slotId: 'side' },
    ]);
  });

  it('reports a sold-out slot item', () => {
    const menu = structuredClone(sampleMenu);
    menu.items.find((item) => item.id === 'cola')!.availability.soldOut = true;
    expect(selectionProblems(menu, mealLine('classic-burger-meal', { slots: { drink: slotItem('cola', { 'drink-ice': { 'with-ice': 1 } }) } }, menu))).toEqual([
      { path: 'slots.drink.itemId', code: 'item_sold_out', params: { itemId: 'cola' }, slotId: 'drink' },
    ]);
  });
});

describe('compLine (a line staff gave away)', () => {
  it('costs nothing and adds nothing to any tax row; calories and allergens stay', () => {
    const meal = priceLine(sampleMenu, mealLine('classic-burger-meal', { quantity: 2 }));
    const comped = compLine(meal);
    expect(comped).toEqual({ ...meal, unitPrice: 0, total: 0, taxShares: [] });
    expect(comped.calories).toBeGreaterThan(0);
    expect(comped.allergens).toEqual(meal.allergens);
  });

  it('priced with the other lines: the total and the tax rows are those of the lines still charged', () => {
    const lines = [itemLine('big-burger'), itemLine('cola', { sizeId: 'large' }), itemLine('chocolate-shake')];
    const priced = lines.map((line) => priceLine(sampleMenu, line));
    // The cola (the only other 19 % line besides the shake, eat-in) is comped.
    const withComp = totalPricedLines(sampleStore.tax, 'eat_in', [priced[0]!, compLine(priced[1]!), priced[2]!], 'en');
    const withoutCola = priceOrder(sampleMenu, sampleStore.tax, 'eat_in', [lines[0]!, lines[2]!], 'en');
    expect(withComp.total).toBe(withoutCola.total);
    expect(withComp.taxes).toEqual(withoutCola.taxes);
    expect(withComp.lines[1]!.total).toBe(0);
    expect(withComp.taxes.reduce((sum, row) => sum + row.gross, 0)).toBe(withComp.total);

    // Every line comped: nothing to pay and no tax rows.
    expect(totalPricedLines(sampleStore.tax, 'eat_in', priced.map(compLine), 'en')).toEqual({ lines: priced.map(compLine), total: 0, taxes: [] });
  });

  it('priceOrder is totalPricedLines over priceLine (one path, not a fork)', () => {
    const lines = [mealLine('classic-burger-meal'), itemLine('sundae')];
    expect(priceOrder(sampleMenu, sampleStore.tax, 'take_away', lines, 'de')).toEqual(
      totalPricedLines(sampleStore.tax, 'take_away', lines.map((line) => priceLine(sampleMenu, line)), 'de'),
    );
  });
});
