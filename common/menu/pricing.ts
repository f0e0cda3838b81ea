// The pricing engine: what a cart line costs, what it contains (calories,
// allergens), and the tax a receipt shows. Pure, integer minor units only.
//
// Rules (the README of menu-config repeats them for operators):
// - Menu prices are gross (tax included). A line never costs less than zero.
// - Item: price + size.priceDelta + option deltas. Removing an ingredient costs nothing.
// - Options: quantities per option; the first `freeQuantity` units of a group are free,
//   counted in the order the options are listed in the group (not the cheapest first:
//   the customer sees the same order on screen, so the rule is predictable).
// - Meal: meal.price + mealSize.priceDelta + each slot choice's priceDelta + the option
//   deltas of each slot item (extras inside a meal are charged). Slot items' own prices
//   are not charged.
// - Calories: a size's calories replace the item's; options add theirs (free or not);
//   removed ingredients subtract theirs. A meal sums its slot items at the meal's slot sizes.
// - Allergens: the union over the parts that remain: the item itself (`item.allergens`
//   are the parts not listed as ingredients), the ingredients not removed, the options
//   chosen. Removing an ingredient drops an allergen only if no remaining part carries it.
// - Tax: a meal's price is split across its slot items' tax classes in proportion to the
//   items' standalone prices (largest remainder, so the shares sum exactly). Per tax rate,
//   tax = gross × bp / (10000 + bp), rounded half up, on the sum of that rate's gross.
import { ALLERGENS, type Allergen } from './allergens';
import type { Item, Menu, OptionGroup, ServiceMode, StoreConfig } from './schema';
import type { ItemChoice, LineSelection, OptionChoices } from './selection';
import { localize } from './describe';
import { menuIndex } from './menu-index';
import { ownValue } from '../own';

export type MenuEntryRef = { kind: 'item'; itemId: string } | { kind: 'meal'; mealId: string };

export interface TaxShare {
  taxClass: string;
  /** Gross minor units of the line total that fall into this tax class. */
  gross: number;
}

export interface PricedLine {
  /** Price of one unit, gross, minor units. */
  unitPrice: number;
  /** unitPrice × quantity. */
  total: number;
  /** kcal of one unit. */
  calories: number;
  /** In the EU's Annex II order. */
  allergens: Allergen[];
  /** The line total split by tax class; the shares sum to `total`. */
  taxShares: TaxShare[];
}

export interface TaxRow {
  rateId: string;
  label: string;
  basisPoints: number;
  gross: number;
  net: number;
  tax: number;
}

export interface PricedOrder {
  lines: PricedLine[];
  total: number;
  /** One row per tax rate used, in the store's rate order; the gross column sums to `total`. */
  taxes: TaxRow[];
}

/**
 * Why a line cannot be added yet, as a code with the ids it concerns; the UI words it in the
 * customer's language with the menu's names (common/i18n wordProblem).
 */
export type SelectionProblemDetail =
  | { code: 'unknown_item'; params: { itemId: string } }
  | { code: 'unknown_meal'; params: { mealId: string } }
  | { code: 'item_sold_out'; params: { itemId: string } }
  | { code: 'meal_sold_out'; params: { mealId: string } }
  | { code: 'meal_only'; params: { itemId: string } }
  | { code: 'unknown_size'; params: { itemId: string; sizeId: string } | { mealId: string; sizeId: string } }
  | { code: 'choose_size'; params: { itemId: string } }
  | { code: 'unknown_slot'; params: { mealId: string; slotId: string } }
  | { code: 'choose_slot_item'; params: { mealId: string; slotId: string } }
  | { code: 'slot_not_offered'; params: { mealId: string; slotId: string; itemId: string } }
  | { code: 'unknown_ingredient'; params: { itemId: string; ingredientId: string } }
  | { code: 'ingredient_fixed'; params: { itemId: string; ingredientId: string } }
  | { code: 'unknown_option_group'; params: { itemId: string; groupId: string } }
  | { code: 'unknown_option'; params: { groupId: string; optionId: string } }
  | { code: 'option_sold_out'; params: { groupId: string; optionId: string } }
  | { code: 'option_too_many'; params: { groupId: string; optionId: string; max: number } }
  | { code: 'too_few'; params: { groupId: string; min: number } }
  | { code: 'too_many'; params: { groupId: string; max: number } };

export type SelectionProblemCode = SelectionProblemDetail['code'];

export type SelectionProblem = SelectionProblemDetail & {
  /** Where in the selection, e.g. "slots.drink.options.drink-ice". */
  path: string;
  groupId?: string;
  slotId?: string;
};

/** A line that cannot be priced: it names something the menu does not have. */
export class PricingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PricingError';
  }
}

// ---------------------------------------------------------------- lookups

const findItem = (menu: Menu, itemId: string): Item => {
  const item = menuIndex(menu).items.get(itemId);
  if (!item) throw new PricingError(`unknown item "${itemId}" in menu ${menu.id} version ${menu.version}`);
  return item;
};

const findGroup = (menu: Menu, item: Item, groupId: string): OptionGroup => {
  const group = item.optionGroupIds.includes(groupId) ? menuIndex(menu).optionGroups.get(groupId) : undefined;
  if (!group) throw new PricingError(`item "${item.id}" has no option group "${groupId}"`);
  return group;
};

// ---------------------------------------------------------------- defaults

const defaultOptions = (menu: Menu, item: Item): OptionChoices => {
  const options: OptionChoices = {};
  for (const groupId of item.optionGroupIds) {
    const group = menuIndex(menu).optionGroups.get(groupId);
    if (!group) continue;
    const defaults = group.options.filter((option) => option.isDefault && !option.soldOut);
    if (defaults.length > 0) options[groupId] = Object.fromEntries(defaults.map((option) => [option.id, 1]));
  }
  return options;
};

/** The line as it comes when the customer opens an entry: default size, default options and slot items, quantity 1. */
export function defaultSelection(menu: Menu, entry: MenuEntryRef): LineSelection {
  if (entry.kind === 'item') {
    const item = findItem(menu, entry.itemId);
    const sizeId = item.defaultSizeId ?? item.sizes[0]?.id;
    return { kind: 'item', itemId: item.id, ...(sizeId ? { sizeId } : {}), removedIngredientIds: [], options: defaultOptions(menu, item), quantity: 1 };
  }
  const meal = menuIndex(menu).meals.get(entry.mealId);
  if (!meal) throw new PricingError(`unknown meal "${entry.mealId}" in menu ${menu.id} version ${menu.version}`);
  const slots: Record<string, Omit<ItemChoice, 'sizeId'>> = {};
  for (const slot of meal.slots) {
    // A sold-out default gives way to the first choice still available.
    const isAvailable = (itemId: string) => menuIndex(menu).items.get(itemId)?.availability.soldOut === false;
    const itemId = isAvailable(slot.defaultItemId)
      ? slot.defaultItemId
      : (slot.choices.find((choice) => isAvailable(choice.itemId))?.itemId ?? slot.defaultItemId);
    slots[slot.id] = { itemId, removedIngredientIds: [], options: defaultOptions(menu, findItem(menu, itemId)) };
  }
  return { kind: 'meal', mealId: meal.id, sizeId: meal.sizes[0]!.id, slots, quantity: 1 };
}

// ---------------------------------------------------------------- one item choice

interface ChoiceFacts {
  /** Option deltas after the free units. */
  optionsPrice: number;
  calories: number;
  allergens: Set<Allergen>;
}

/** Options, removals, calories and allergens of one item as chosen, at the given size. */
function itemChoiceFacts(menu: Menu, item: Item, sizeId: string | undefined, choice: Pick<ItemChoice, 'removedIngredientIds' | 'options'>): ChoiceFacts {
  const size = sizeId === undefined ? undefined : item.sizes.find((candidate) => candidate.id === sizeId);
  if (sizeId !== undefined && !size) throw new PricingError(`item "${item.id}" has no size "${sizeId}"`);
  let calories = size ? size.calories : item.calories;
  const allergens = new Set<Allergen>(item.allergens);
  for (const ingredient of item.ingredients) {
    if (choice.removedIngredientIds.includes(ingredient.id)) calories -= ingredient.calories;
    else for (const allergen of ingredient.allergens) allergens.add(allergen);
  }
  let optionsPrice = 0;
  for (const [groupId, chosen] of Object.entries(choice.options)) {
    const group = findGroup(menu, item, groupId);
    for (const optionId of Object.keys(chosen)) {
      if ((ownValue(chosen, optionId) ?? 0) > 0 && !group.options.some((option) => option.id === optionId)) {
        throw new PricingError(`option group "${groupId}" has no option "${optionId}"`);
      }
    }
    let freeLeft = group.freeQuantity;
    for (const option of group.options) {
      const quantity = ownValue(chosen, option.id) ?? 0;
      if (quantity <= 0) continue;
      const free = Math.min(quantity, freeLeft);
      freeLeft -= free;
      optionsPrice += (quantity - free) * option.priceDelta;
      calories += quantity * option.calories;
      for (const allergen of option.allergens) allergens.add(allergen);
    }
  }
  return { optionsPrice, calories: Math.max(0, calories), allergens };
}

/** The size an item takes in a meal slot: the meal size's choice if the item has it, else its default. */
function slotSizeId(item: Item, mealSlotSizes: Record<string, string>, slotId: string): string | undefined {
  const wanted = ownValue(mealSlotSizes, slotId);
  if (wanted !== undefined && item.sizes.some((size) => size.id === wanted)) return wanted;
  return item.defaultSizeId ?? item.sizes[0]?.id;
}

const sizeDelta = (item: Item, sizeId: string | undefined) => item.sizes.find((size) => size.id === sizeId)?.priceDelta ?? 0;

const sortAllergens = (allergens: Set<Allergen>): Allergen[] => ALLERGENS.filter((allergen) => allergens.has(allergen));

/**
 * Splits `total` over `weights` in proportion, in whole units, so the parts sum to
 * `total` exactly (largest remainder; ties go to the earlier part). Zero weights split evenly.
 */
export function splitProportionally(total: number, weights: number[]): number[] {
  if (weights.length === 0) return [];
  const usable = weights.map((weight) => Math.max(0, weight));
  const sum = usable.reduce((a, b) => a + b, 0);
  const basis = sum > 0 ? usable : usable.map(() => 1);
  const basisSum = sum > 0 ? sum : basis.length;
  const parts = basis.map((weight) => Math.floor((total * weight) / basisSum));
  const remainders = basis.map((weight, index) => ({ index, remainder: (total * weight) % basisSum }));
  let left = total - parts.reduce((a, b) => a + b, 0);
  remainders.sort((a, b) => b.remainder - a.remainder || a.index - b.index);
  for (const { index } of remainders) {
    if (left <= 0) break;
    parts[index]! += 1;
    left -= 1;
  }
  return parts;
}

// ---------------------------------------------------------------- lines

/** Price, calories, allergens and tax-class shares of one cart line. Throws PricingError for ids the menu lacks. */
export function priceLine(menu: Menu, line: LineSelection): PricedLine {
  if (line.kind === 'item') {
    const item = findItem(menu, line.itemId);
    const sizeId = line.sizeId ?? item.defaultSizeId ?? item.sizes[0]?.id;
    const facts = itemChoiceFacts(menu, item, sizeId, line);
    const unitPrice = Math.max(0, item.price + sizeDelta(item, sizeId) + facts.optionsPrice);
    const total = unitPrice * line.quantity;
    return { unitPrice, total, calories: facts.calories, allergens: sortAllergens(facts.allergens), taxShares: [{ taxClass: item.taxClass, gross: total }] };
  }

  const meal = menuIndex(menu).meals.get(line.mealId);
  if (!meal) throw new PricingError(`unknown meal "${line.mealId}" in menu ${menu.id} version ${menu.version}`);
  const mealSize = meal.sizes.find((candidate) => candidate.id === line.sizeId);
  if (!mealSize) throw new PricingError(`meal "${meal.id}" has no size "${line.sizeId}"`);
  for (const slotId of Object.keys(line.slots)) {
    if (!meal.slots.some((slot) => slot.id === slotId)) throw new PricingError(`meal "${meal.id}" has no slot "${slotId}"`);
  }
  let unitPrice = meal.price + mealSize.priceDelta;
  let calories = 0;
  const allergens = new Set<Allergen>();
  const parts: { taxClass: string; standalone: number }[] = [];
  for (const slot of meal.slots) {
    const choice = ownValue(line.slots, slot.id);
    if (!choice) continue; // reported by selectionProblems; nothing to charge or count
    const slotChoice = slot.choices.find((candidate) => candidate.itemId === choice.itemId);
    if (!slotChoice) throw new PricingError(`meal "${meal.id}" slot "${slot.id}" does not offer "${choice.itemId}"`);
    const item = findItem(menu, choice.itemId);
    const sizeId = slotSizeId(item, mealSize.slotSizes, slot.id);
    const facts = itemChoiceFacts(menu, item, sizeId, choice);
    unitPrice += slotChoice.priceDelta + facts.optionsPrice;
    calories += facts.calories;
    for (const allergen of facts.allergens) allergens.add(allergen);
    parts.push({ taxClass: item.taxClass, standalone: item.price + sizeDelta(item, sizeId) + facts.optionsPrice });
  }
  unitPrice = Math.max(0, unitPrice);
  const total = unitPrice * line.quantity;
  const split = splitProportionally(total, parts.map((part) => part.standalone));
  const byClass = new Map<string, number>();
  parts.forEach((part, index) => byClass.set(part.taxClass, (byClass.get(part.taxClass) ?? 0) + split[index]!));
  const taxShares = [...byClass].map(([taxClass, gross]) => ({ taxClass, gross }));
  return { unitPrice, total, calories, allergens: sortAllergens(allergens), taxShares };
}

/** The tax contained in a gross amount: gross × bp / (10000 + bp), rounded half up. */
export function taxIncluded(gross: number, basisPoints: number): number {
  const divisor = 10_000 + basisPoints;
  const doubled = 2 * Math.abs(gross) * basisPoints + divisor;
  return Math.sign(gross) * Math.floor(doubled / (2 * divisor));
}

/**
 * A line given away by staff (a comp): it costs nothing and adds nothing to any tax row.
 * Calories and allergens stay: the customer still eats it.
 */
export function compLine(priced: PricedLine): PricedLine {
  return { ...priced, unitPrice: 0, total: 0, taxShares: [] };
}

/** Every line priced, the total, and one tax row per rate, for the chosen service mode. */
export function priceOrder(menu: Menu, tax: StoreConfig['tax'], mode: ServiceMode, lines: LineSelection[], labelLocale: string): PricedOrder {
  return totalPricedLines(tax, mode, lines.map((line) => priceLine(menu, line)), labelLocale);
}

/** The total and tax rows of lines already priced (and adjusted per line, e.g. by compLine). */
export function totalPricedLines(tax: StoreConfig['tax'], mode: ServiceMode, priced: PricedLine[], labelLocale: string): PricedOrder {
  const grossByRate = new Map<string, number>();
  for (const line of priced) {
    for (const share of line.taxShares) {
      const rule = ownValue(tax.classes, share.taxClass);
      if (!rule) throw new PricingError(`the store config has no tax class "${share.taxClass}"`);
      const rateId = rule[mode];
      if (!tax.rates.some((rate) => rate.id === rateId)) throw new PricingError(`tax class "${share.taxClass}" names an unknown rate "${rateId}"`);
      grossByRate.set(rateId, (grossByRate.get(rateId) ?? 0) + share.gross);
    }
  }
  const taxes: TaxRow[] = [];
  for (const rate of tax.rates) {
    const gross = grossByRate.get(rate.id);
    if (gross === undefined) continue;
    const taxAmount = taxIncluded(gross, rate.basisPoints);
    taxes.push({ rateId: rate.id, label: localize(rate.label, labelLocale, labelLocale), basisPoints: rate.basisPoints, gross, net: gross - taxAmount, tax: taxAmount });
  }
  return { lines: priced, total: priced.reduce((sum, line) => sum + line.total, 0), taxes };
}

// ---------------------------------------------------------------- problems

/** Why this line cannot be added yet (empty when it can). Never throws. */
export function selectionProblems(menu: Menu, line: LineSelection): SelectionProblem[] {
  const problems: SelectionProblem[] = [];
  if (line.kind === 'item') {
    const item = menuIndex(menu).items.get(line.itemId);
    if (!item) return [{ path: 'itemId', code: 'unknown_item', params: { itemId: line.itemId } }];
    if (item.availability.soldOut) problems.push({ path: 'itemId', code: 'item_sold_out', params: { itemId: item.id } });
    if (item.mealOnly) problems.push({ path: 'itemId', code: 'meal_only', params: { itemId: item.id } });
    if (line.sizeId !== undefined && !item.sizes.some((size) => size.id === line.sizeId)) {
      problems.push({ path: 'sizeId', code: 'unknown_size', params: { itemId: item.id, sizeId: line.sizeId } });
    }
    if (line.sizeId === undefined && item.sizes.length > 0 && !item.defaultSizeId) {
      problems.push({ path: 'sizeId', code: 'choose_size', params: { itemId: item.id } });
    }
    problems.push(...itemChoiceProblems(menu, item, line, ''));
    return problems;
  }

  const meal = menuIndex(menu).meals.get(line.mealId);
  if (!meal) return [{ path: 'mealId', code: 'unknown_meal', params: { mealId: line.mealId } }];
  if (meal.availability.soldOut) problems.push({ path: 'mealId', code: 'meal_sold_out', params: { mealId: meal.id } });
  if (!meal.sizes.some((size) => size.id === line.sizeId)) problems.push({ path: 'sizeId', code: 'unknown_size', params: { mealId: meal.id, sizeId: line.sizeId } });
  for (const slotId of Object.keys(line.slots)) {
    if (!meal.slots.some((slot) => slot.id === slotId)) problems.push({ path: `slots.${slotId}`, code: 'unknown_slot', params: { mealId: meal.id, slotId }, slotId });
  }
  for (const slot of meal.slots) {
    const path = `slots.${slot.id}`;
    const choice = ownValue(line.slots, slot.id);
    if (!choice) {
      problems.push({ path, code: 'choose_slot_item', params: { mealId: meal.id, slotId: slot.id }, slotId: slot.id });
      continue;
    }
    if (!slot.choices.some((candidate) => candidate.itemId === choice.itemId)) {
      problems.push({ path: `${path}.itemId`, code: 'slot_not_offered', params: { mealId: meal.id, slotId: slot.id, itemId: choice.itemId }, slotId: slot.id });
      continue;
    }
    const item = menuIndex(menu).items.get(choice.itemId);
    if (!item) {
      problems.push({ path: `${path}.itemId`, code: 'unknown_item', params: { itemId: choice.itemId }, slotId: slot.id });
      continue;
    }
    if (item.availability.soldOut) problems.push({ path: `${path}.itemId`, code: 'item_sold_out', params: { itemId: item.id }, slotId: slot.id });
    problems.push(...itemChoiceProblems(menu, item, choice, `${path}.`).map((problem) => ({ ...problem, slotId: slot.id })));
  }
  return problems;
}

function itemChoiceProblems(menu: Menu, item: Item, choice: Pick<ItemChoice, 'removedIngredientIds' | 'options'>, prefix: string): SelectionProblem[] {
  const problems: SelectionProblem[] = [];
  for (const ingredientId of choice.removedIngredientIds) {
    const ingredient = item.ingredients.find((candidate) => candidate.id === ingredientId);
    const path = `${prefix}removedIngredientIds`;
    if (!ingredient) problems.push({ path, code: 'unknown_ingredient', params: { itemId: item.id, ingredientId } });
    else if (!ingredient.removable) problems.push({ path, code: 'ingredient_fixed', params: { itemId: item.id, ingredientId } });
  }
  for (const groupId of Object.keys(choice.options)) {
    if (!item.optionGroupIds.includes(groupId) || !menuIndex(menu).optionGroups.has(groupId)) {
      problems.push({ path: `${prefix}options.${groupId}`, code: 'unknown_option_group', params: { itemId: item.id, groupId }, groupId });
    }
  }
  for (const groupId of item.optionGroupIds) {
    const group = menuIndex(menu).optionGroups.get(groupId);
    if (!group) continue;
    const path = `${prefix}options.${groupId}`;
    const chosen = ownValue(choice.options, groupId) ?? {};
    let units = 0;
    for (const [optionId, quantity] of Object.entries(chosen)) {
      if (quantity <= 0) continue;
      const option = group.options.find((candidate) => candidate.id === optionId);
      if (!option) {
        problems.push({ path: `${path}.${optionId}`, code: 'unknown_option', params: { groupId, optionId }, groupId });
        continue;
      }
      units += quantity;
      if (option.soldOut) problems.push({ path: `${path}.${optionId}`, code: 'option_sold_out', params: { groupId, optionId }, groupId });
      if (quantity > option.maxQuantity) {
        problems.push({ path: `${path}.${optionId}`, code: 'option_too_many', params: { groupId, optionId, max: option.maxQuantity }, groupId });
      }
    }
    if (units < group.min) problems.push({ path, code: 'too_few', params: { groupId, min: group.min }, groupId });
    const max = group.selection === 'single' ? 1 : group.max;
    if (units > max) problems.push({ path, code: 'too_many', params: { groupId, max }, groupId });
  }
  return problems;
}
