// What an option costs the customer in a group with free units ("sauces: the first one free"),
// by the pricing rule (pricing.ts): the first `freeQuantity` units of the group are free,
// counted in the order the options are listed. Pure; used to word each option's price honestly.
import type { OptionGroup } from './schema';

/** Each option's charged total for these quantities (option id → minor units). */
export function chargedPerOption(group: OptionGroup, chosen: Readonly<Record<string, number>>): Map<string, number> {
  let freeLeft = group.freeQuantity;
  const charged = new Map<string, number>();
  for (const option of group.options) {
    const quantity = Object.hasOwn(chosen, option.id) ? (chosen[option.id] ?? 0) : 0;
    const free = Math.min(Math.max(0, quantity), freeLeft);
    freeLeft -= free;
    charged.set(option.id, Math.max(0, quantity - free) * option.priceDelta);
  }
  return charged;
}

const sum = (values: Iterable<number>) => [...values].reduce((total, value) => total + value, 0);

/**
 * What the option costs as shown on its card: when chosen, what its units cost now; when not
 * chosen, what choosing one more would add to the line (0 while a free unit is left).
 */
export function optionPriceNow(group: OptionGroup, chosen: Readonly<Record<string, number>>, optionId: string): number {
  const now = chargedPerOption(group, chosen);
  const quantity = Object.hasOwn(chosen, optionId) ? (chosen[optionId] ?? 0) : 0;
  if (quantity > 0) return now.get(optionId) ?? 0;
  return sum(chargedPerOption(group, { ...chosen, [optionId]: 1 }).values()) - sum(now.values());
}
