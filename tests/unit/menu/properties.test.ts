// Properties over every valid selection the sample menu allows: the totals a receipt
// shows always add up, tax + net = gross, nothing is ever negative.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeLine } from '../../../common/menu/describe';
import { priceLine, priceOrder, selectionProblems, splitProportionally, taxIncluded } from '../../../common/menu/pricing';
import type { Item, OptionGroup } from '../../../common/menu/schema';
import type { ItemChoice, LineSelection } from '../../../common/menu/selection';
import { sampleMenu, sampleStore } from './sample';

const menu = sampleMenu;
const groupById = new Map(menu.optionGroups.map((group) => [group.id, group]));
const itemById = new Map(menu.items.map((item) => [item.id, item]));

/** A valid choice within one option group: within min/max, per-option limits, nothing sold out. */
function groupChoiceArb(group: OptionGroup): fc.Arbitrary<Record<string, number>> {
  const available = group.options.filter((option) => !option.soldOut);
  if (group.selection === 'single') {
    const pick = fc.constantFrom(...available).map((option) => ({ [option.id]: 1 }));
    return group.min > 0 ? pick : fc.oneof(fc.constant({}), pick);
  }
  return fc.array(fc.constantFrom(...available), { minLength: group.min, maxLength: group.max }).map((picks) => {
    const chosen: Record<string, number> = {};
    for (const option of picks) {
      if ((chosen[option.id] ?? 0) < option.maxQuantity) chosen[option.id] = (chosen[option.id] ?? 0) + 1;
    }
    return chosen;
  });
}

function itemChoiceArb(item: Item): fc.Arbitrary<Omit<ItemChoice, 'sizeId'>> {
  const removable = item.ingredients.filter((ingredient) => ingredient.removable).map((ingredient) => ingredient.id);
  const options: Record<string, fc.Arbitrary<Record<string, number>>> = {};
  for (const groupId of item.optionGroupIds) options[groupId] = groupChoiceArb(groupById.get(groupId)!);
  return fc.record({ itemId: fc.constant(item.id), removedIngredientIds: fc.subarray(removable), options: fc.record(options) });
}

const quantityArb = fc.integer({ min: 1, max: 99 });

const itemLineArb: fc.Arbitrary<LineSelection> = fc
  .constantFrom(...menu.items.filter((item) => !item.availability.soldOut && !item.mealOnly))
  .chain((item) =>
    fc.record({
      choice: itemChoiceArb(item),
      sizeId: item.sizes.length > 0 ? fc.constantFrom(...item.sizes.map((size) => size.id)) : fc.constant(undefined),
      quantity: quantityArb,
    }),
  )
  .map(({ choice, sizeId, quantity }) => ({ kind: 'item' as const, ...choice, ...(sizeId ? { sizeId } : {}), quantity }));

const mealLineArb: fc.Arbitrary<LineSelection> = fc.constantFrom(...menu.meals).chain((meal) => {
  const slots: Record<string, fc.Arbitrary<Omit<ItemChoice, 'sizeId'>>> = {};
  for (const slot of meal.slots) {
    const items = slot.choices.map((choice) => itemById.get(choice.itemId)!).filter((item) => !item.availability.soldOut);
    slots[slot.id] = fc.constantFrom(...items).chain(itemChoiceArb);
  }
  return fc.record({
    kind: fc.constant('meal' as const),
    mealId: fc.constant(meal.id),
    sizeId: fc.constantFrom(...meal.sizes.map((size) => size.id)),
    slots: fc.record(slots),
    quantity: quantityArb,
  });
});

const lineArb = fc.oneof(itemLineArb, mealLineArb);
const modeArb = fc.constantFrom('eat_in' as const, 'take_away' as const);

describe('pricing properties over the sample menu', () => {
  it('every generated selection is valid, and its price, calories and tax shares are consistent and never negative', () => {
    fc.assert(
      fc.property(lineArb, (line) => {
        expect(selectionProblems(menu, line)).toEqual([]);
        const priced = priceLine(menu, line);
        expect(priced.unitPrice).toBeGreaterThanOrEqual(0);
        expect(priced.total).toBe(priced.unitPrice * line.quantity);
        expect(priced.calories).toBeGreaterThanOrEqual(0);
        expect(priced.taxShares.reduce((sum, share) => sum + share.gross, 0)).toBe(priced.total);
        for (const share of priced.taxShares) expect(share.gross).toBeGreaterThanOrEqual(0);
      }),
    );
  });

  it('an order’s lines sum to its total, its tax rows’ gross sum to the total, and tax + net = gross', () => {
    fc.assert(
      fc.property(fc.array(lineArb, { maxLength: 8 }), modeArb, fc.constantFrom('en', 'de'), (lines, mode, locale) => {
        const order = priceOrder(menu, sampleStore.tax, mode, lines, locale);
        expect(order.lines.reduce((sum, line) => sum + line.total, 0)).toBe(order.total);
        expect(order.taxes.reduce((sum, row) => sum + row.gross, 0)).toBe(order.total);
        for (const row of order.taxes) {
          expect(row.tax + row.net).toBe(row.gross);
          expect(row.tax).toBeGreaterThanOrEqual(0);
          expect(row.net).toBeGreaterThanOrEqual(0);
        }
      }),
    );
  });

  it('the service mode changes the tax, never the price', () => {
    fc.assert(
      fc.property(fc.array(lineArb, { maxLength: 6 }), (lines) => {
        const eatIn = priceOrder(menu, sampleStore.tax, 'eat_in', lines, 'en');
        const takeAway = priceOrder(menu, sampleStore.tax, 'take_away', lines, 'en');
        expect(eatIn.total).toBe(takeAway.total);
        expect(eatIn.lines).toEqual(takeAway.lines);
      }),
    );
  });

  it('removing ingredients never raises the price or adds an allergen', () => {
    fc.assert(
      fc.property(itemLineArb, (line) => {
        if (line.kind !== 'item') return;
        const withEverything = priceLine(menu, { ...line, removedIngredientIds: [] });
        const priced = priceLine(menu, line);
        expect(priced.unitPrice).toBe(withEverything.unitPrice);
        expect(withEverything.allergens).toEqual(expect.arrayContaining(priced.allergens));
        expect(priced.calories).toBeLessThanOrEqual(withEverything.calories);
      }),
    );
  });

  it('describes every valid selection in both languages without failing', () => {
    fc.assert(
      fc.property(lineArb, fc.constantFrom('en', 'de'), (line, locale) => {
        const { title, details } = describeLine(menu, line, locale);
        expect(title.length).toBeGreaterThan(0);
        for (const detail of details) expect(detail.length).toBeGreaterThan(0);
      }),
    );
  });
});

describe('arithmetic properties', () => {
  it('included tax is the exact value rounded half up: within half a cent, never above the gross', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 0, max: 10_000 }), (gross, basisPoints) => {
        const tax = taxIncluded(gross, basisPoints);
        const divisor = 10_000 + basisPoints;
        // |tax − gross·bp/divisor| ≤ ½, in integers; an exact half rounds up.
        expect(Math.abs(2 * tax * divisor - 2 * gross * basisPoints)).toBeLessThanOrEqual(divisor);
        if (2 * tax * divisor - 2 * gross * basisPoints === -divisor) throw new Error('a half was rounded down');
        expect(tax).toBeLessThanOrEqual(gross);
      }),
    );
  });

  it('proportional splits sum exactly and each part is within one unit of its exact share', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), fc.array(fc.integer({ min: 0, max: 100_000 }), { minLength: 1, maxLength: 6 }), (total, weights) => {
        const parts = splitProportionally(total, weights);
        expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
        const sum = weights.reduce((a, b) => a + b, 0);
        if (sum === 0) return;
        parts.forEach((part, index) => expect(Math.abs(part * sum - total * weights[index]!)).toBeLessThan(sum));
      }),
    );
  });
});
