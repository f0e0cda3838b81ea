// "Sauces: the first one free": what each option's card says it costs, by the pricing rule.
import { describe, expect, it } from 'vitest';
import { chargedPerOption, optionPriceNow } from '../../../common/menu/free-units';
import { priceLine } from '../../../common/menu/pricing';
import { itemLine, sampleMenu } from './sample';

const dips = sampleMenu.optionGroups.find((group) => group.id === 'dip-sauces')!;

describe('free units of an option group', () => {
  it('shows the free first unit as free, not +€0.30, until it is used', () => {
    expect(optionPriceNow(dips, {}, 'ketchup')).toBe(0);
    expect(optionPriceNow(dips, {}, 'curry-sauce')).toBe(0);
    // One dip chosen: it is the free one; any other now adds its price.
    expect(optionPriceNow(dips, { mayo: 1 }, 'mayo')).toBe(0);
    expect(optionPriceNow(dips, { mayo: 1 }, 'ketchup')).toBe(30);
    // Two of one dip: one free, one charged.
    expect(optionPriceNow(dips, { mayo: 2 }, 'mayo')).toBe(30);
  });

  it('agrees with the pricing engine, free units counted in the order the options are listed', () => {
    const cases: Record<string, number>[] = [{}, { ketchup: 1 }, { mayo: 2 }, { ketchup: 1, 'curry-sauce': 2 }, { 'garlic-dip': 3 }];
    for (const chosen of cases) {
      const line = itemLine('fries', { options: { 'dip-sauces': chosen } });
      const base = priceLine(sampleMenu, itemLine('fries', { options: { 'dip-sauces': {} } })).unitPrice;
      const charged = [...chargedPerOption(dips, chosen).values()].reduce((sum, value) => sum + value, 0);
      expect(priceLine(sampleMenu, line).unitPrice - base).toBe(charged);
    }
    expect(chargedPerOption(dips, { ketchup: 1, 'curry-sauce': 2 })).toEqual(
      new Map([
        ['ketchup', 0],
        ['mayo', 0],
        ['bbq-sauce', 0],
        ['sweet-sour', 0],
        ['garlic-dip', 0],
        ['curry-sauce', 60],
      ]),
    );
  });
});
