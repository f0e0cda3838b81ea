// The menu's suggestions: which meal "Make it a meal?" offers and at what price against the parts,
// when an order has a drink, and the references menu:check refuses.
import { describe, expect, it } from 'vitest';
import { priceLine } from '../../../common/menu/pricing';
import { drinksToOffer, mealOfferFor, orderHasDrink } from '../../../common/menu/suggestions';
import { menuReferenceErrors } from '../../../common/menu/validate';
import { itemLine, mealLine, sampleMenu } from './sample';

describe('make it a meal', () => {
  it('offers the meal with the burger as chosen, priced against the parts bought apart', () => {
    const burger = itemLine('big-burger', { removedIngredientIds: ['onions'], quantity: 2 });
    const offer = mealOfferFor(sampleMenu, burger)!;
    expect(offer.meal).toMatchObject({ kind: 'meal', mealId: 'big-burger-meal', quantity: 2, slots: { main: { itemId: 'big-burger', removedIngredientIds: ['onions'] } } });
    expect(offer.mealPrice).toBe(priceLine(sampleMenu, { ...offer.meal, quantity: 1 }).unitPrice);
    const fries = priceLine(sampleMenu, itemLine('fries', { sizeId: 'medium' })).unitPrice;
    const cola = priceLine(sampleMenu, itemLine('cola', { sizeId: 'medium' })).unitPrice;
    expect(offer.partsPrice).toBe(priceLine(sampleMenu, { ...burger, quantity: 1 }).unitPrice + fries + cola);
    expect(offer.mealPrice).toBeLessThan(offer.partsPrice);
  });

  it('offers nothing for an item without a meal rule, or for a meal', () => {
    expect(mealOfferFor(sampleMenu, itemLine('hamburger'))).toBeNull();
    expect(mealOfferFor(sampleMenu, mealLine('big-burger-meal'))).toBeNull();
  });
});

describe('add a drink', () => {
  it('knows an order with a meal or a listed drink has one', () => {
    expect(orderHasDrink(sampleMenu, [itemLine('apple-pie')])).toBe(false);
    expect(orderHasDrink(sampleMenu, [itemLine('apple-pie'), itemLine('still-water')])).toBe(true);
    expect(orderHasDrink(sampleMenu, [mealLine('classic-burger-meal')])).toBe(true);
    expect(drinksToOffer(sampleMenu).map((drink) => drink.itemId)).toEqual(['cola', 'cola-zero', 'still-water', 'orange-juice']);
  });
});

describe('menu:check on suggestions', () => {
  it('refuses unknown items and meals, and a meal whose main does not offer the item', () => {
    const menu = {
      ...sampleMenu,
      suggestions: {
        makeItAMeal: [
          { itemId: 'no-such-burger', mealId: 'big-burger-meal' },
          { itemId: 'hamburger', mealId: 'big-burger-meal' },
          { itemId: 'big-burger', mealId: 'no-such-meal' },
        ],
        addADrink: { itemIds: ['cola', 'no-such-drink'] },
      },
    };
    expect(menuReferenceErrors(menu)).toEqual([
      { path: '$.suggestions.makeItAMeal[0].itemId', message: 'unknown item "no-such-burger"' },
      { path: '$.suggestions.makeItAMeal[0].mealId', message: 'meal "big-burger-meal" has no main slot offering "no-such-burger"' },
      { path: '$.suggestions.makeItAMeal[1].mealId', message: 'meal "big-burger-meal" has no main slot offering "hamburger"' },
      { path: '$.suggestions.makeItAMeal[2].mealId', message: 'unknown meal "no-such-meal"' },
      { path: '$.suggestions.addADrink.itemIds[1]', message: 'unknown item "no-such-drink"' },
    ]);
    expect(menuReferenceErrors(sampleMenu)).toEqual([]);
  });
});
