// Allergen and diet filters: which menu entries suit a customer who avoids some of the
// EU 14 allergens or eats vegetarian or vegan, and what in a customised line does not. Pure.
//
// - An entry is judged as it comes (default size, ingredients, options, meal choices):
//   "suitable" if it fits, "adaptable" if it fits once the customer leaves out removable
//   ingredients, picks other options or other meal choices, "unsuitable" if nothing helps.
// - Allergens come from the same parts pricing.ts sums: the item's own, the ingredients not
//   removed, the options chosen.
// - Diet flags are declared by the operator (schema.ts `diet`). An item's flags describe it
//   with all its ingredients; ingredients carry none, so leaving one out never makes an item
//   vegetarian here (the safe direction). Unknown flags never meet a diet.
import { defaultSelection, priceLine, PricingError, type MenuEntryRef } from './pricing';
import { menuIndex } from './menu-index';
import { ALLERGENS, type Allergen } from './allergens';
import type { DietFlags, Item, Menu, Option, OptionGroup } from './schema';
import type { LineSelection, OptionChoices } from './selection';

export const DIETS = ['any', 'vegetarian', 'vegan'] as const;
export type Diet = (typeof DIETS)[number];

export interface DietaryFilter {
  /** Allergens the customer avoids (EU 14). */
  allergens: readonly Allergen[];
  diet: Diet;
}

export const NO_DIETARY_FILTER: DietaryFilter = { allergens: [], diet: 'any' };

export const isFilterActive = (filter: DietaryFilter): boolean => filter.allergens.length > 0 || filter.diet !== 'any';

export type Fit = 'suitable' | 'adaptable' | 'unsuitable';

export interface EntryVerdict {
  fit: Fit;
  /** Filtered allergens in the entry as it comes (Annex II order). */
  allergens: Allergen[];
  /** As it comes, the entry does not meet the chosen diet (or its flags are unknown). */
  dietMismatch: boolean;
}

/** Whether declared flags meet a diet; unknown flags never do. */
export function meetsDiet(flags: DietFlags | undefined, diet: Diet): boolean {
  if (diet === 'any') return true;
  if (!flags) return false;
  return diet === 'vegan' ? flags.vegan : flags.vegetarian;
}

const avoided = (filter: DietaryFilter, allergens: Iterable<Allergen>): Allergen[] => {
  const present = new Set(allergens);
  return ALLERGENS.filter((allergen) => present.has(allergen) && filter.allergens.includes(allergen));
};

const optionFits = (option: Option, filter: DietaryFilter): boolean =>
  !option.soldOut && avoided(filter, option.allergens).length === 0 && meetsDiet(option.diet, filter.diet);

/** A group's required choices can be made from options that fit. */
function groupCanFit(group: OptionGroup, filter: DietaryFilter): boolean {
  if (group.min === 0) return true;
  const fitting = group.options.filter((option) => optionFits(option, filter));
  if (group.selection === 'single') return fitting.length > 0;
  return fitting.reduce((units, option) => units + option.maxQuantity, 0) >= group.min;
}

const flatChoices = (options: OptionChoices): Array<[string, string]> =>
  Object.entries(options).flatMap(([groupId, chosen]) =>
    Object.entries(chosen)
      .filter(([, quantity]) => quantity > 0)
      .map(([optionId]): [string, string] => [groupId, optionId]),
  );

/** The item as chosen (options, removals): its filtered allergens and whether it meets the diet. */
function itemChoiceConflicts(menu: Menu, item: Item, options: OptionChoices, removedIngredientIds: readonly string[], filter: DietaryFilter) {
  const allergens = new Set<Allergen>(item.allergens);
  for (const ingredient of item.ingredients) {
    if (!removedIngredientIds.includes(ingredient.id)) for (const allergen of ingredient.allergens) allergens.add(allergen);
  }
  let dietMismatch = !meetsDiet(item.diet, filter.diet);
  const causes: ConflictCause[] = [];
  for (const [groupId, optionId] of flatChoices(options)) {
    const option = menuIndex(menu).optionGroups.get(groupId)?.options.find((candidate) => candidate.id === optionId);
    if (!option) continue;
    for (const allergen of option.allergens) allergens.add(allergen);
    const optionAllergens = avoided(filter, option.allergens);
    const breaksDiet = !meetsDiet(option.diet, filter.diet);
    if (breaksDiet) dietMismatch = true;
    if (optionAllergens.length > 0 || breaksDiet) causes.push({ itemId: item.id, groupId, optionId, allergens: optionAllergens, breaksDiet });
  }
  return { allergens: avoided(filter, allergens), dietMismatch, causes };
}

/** Whether an item can be made to fit: fixed parts fit, and every required option group can. */
function itemCanFit(menu: Menu, item: Item, filter: DietaryFilter): boolean {
  if (!meetsDiet(item.diet, filter.diet)) return false;
  if (avoided(filter, item.allergens).length > 0) return false;
  if (item.ingredients.some((ingredient) => !ingredient.removable && avoided(filter, ingredient.allergens).length > 0)) return false;
  return item.optionGroupIds.every((groupId) => {
    const group = menuIndex(menu).optionGroups.get(groupId);
    return !group || groupCanFit(group, filter);
  });
}

function itemVerdict(menu: Menu, item: Item, filter: DietaryFilter): EntryVerdict {
  const line = defaultSelection(menu, { kind: 'item', itemId: item.id });
  if (line.kind !== 'item') throw new Error('unreachable: an item selection');
  const asItComes = itemChoiceConflicts(menu, item, line.options, [], filter);
  const fitsAsItComes = asItComes.allergens.length === 0 && !asItComes.dietMismatch;
  const fit: Fit = fitsAsItComes ? 'suitable' : itemCanFit(menu, item, filter) ? 'adaptable' : 'unsuitable';
  return { fit, allergens: asItComes.allergens, dietMismatch: asItComes.dietMismatch };
}

const worse = (a: Fit, b: Fit): Fit => (a === 'unsuitable' || b === 'unsuitable' ? 'unsuitable' : a === 'adaptable' || b === 'adaptable' ? 'adaptable' : 'suitable');

/** How an entry of the menu suits the filter. Throws PricingError for ids the menu lacks. */
export function entryVerdict(menu: Menu, entry: MenuEntryRef, filter: DietaryFilter): EntryVerdict {
  if (!isFilterActive(filter)) return { fit: 'suitable', allergens: [], dietMismatch: false };
  const index = menuIndex(menu);
  if (entry.kind === 'item') {
    const item = index.items.get(entry.itemId);
    if (!item) throw new PricingError(`unknown item "${entry.itemId}" in menu ${menu.id} version ${menu.version}`);
    return itemVerdict(menu, item, filter);
  }
  const meal = index.meals.get(entry.mealId);
  const line = defaultSelection(menu, entry); // throws for an unknown meal
  if (!meal || line.kind !== 'meal') throw new Error('unreachable: a meal selection');
  let fit: Fit = 'suitable';
  let dietMismatch = false;
  for (const slot of meal.slots) {
    const chosen = line.slots[slot.id];
    const chosenItem = chosen && index.items.get(chosen.itemId);
    const chosenVerdict = chosenItem ? itemVerdict(menu, chosenItem, filter) : undefined;
    if (chosenVerdict?.dietMismatch) dietMismatch = true;
    if (chosenVerdict?.fit === 'suitable') continue;
    const others = slot.choices
      .map((choice) => index.items.get(choice.itemId))
      .filter((item): item is Item => item !== undefined && !item.availability.soldOut)
      .map((item) => itemVerdict(menu, item, filter).fit);
    fit = worse(fit, others.includes('suitable') || others.includes('adaptable') ? 'adaptable' : 'unsuitable');
  }
  const allergens = avoided(filter, priceLine(menu, line).allergens);
  return { fit, allergens, dietMismatch };
}

/** An option chosen in a line that carries an avoided allergen or breaks the diet. */
export interface ConflictCause {
  itemId: string;
  /** The meal slot the item is in (meal lines). */
  slotId?: string;
  groupId: string;
  optionId: string;
  allergens: Allergen[];
  breaksDiet: boolean;
}

export interface LineConflicts {
  /** Avoided allergens in the line as chosen (Annex II order). */
  allergens: Allergen[];
  dietMismatch: boolean;
  /** The chosen options that bring an avoided allergen or break the diet. */
  causes: ConflictCause[];
}

/** What in a customised line does not suit the filter: the customiser warns with it. */
export function lineConflicts(menu: Menu, line: LineSelection, filter: DietaryFilter): LineConflicts {
  if (!isFilterActive(filter)) return { allergens: [], dietMismatch: false, causes: [] };
  const index = menuIndex(menu);
  const parts =
    line.kind === 'item'
      ? [{ slotId: undefined, itemId: line.itemId, options: line.options, removed: line.removedIngredientIds }]
      : Object.entries(line.slots).map(([slotId, choice]) => ({ slotId, itemId: choice.itemId, options: choice.options, removed: choice.removedIngredientIds }));
  const allergens = new Set<Allergen>();
  let dietMismatch = false;
  const causes: ConflictCause[] = [];
  for (const part of parts) {
    const item = index.items.get(part.itemId);
    if (!item) continue;
    const conflicts = itemChoiceConflicts(menu, item, part.options, part.removed, filter);
    conflicts.allergens.forEach((allergen) => allergens.add(allergen));
    if (conflicts.dietMismatch) dietMismatch = true;
    causes.push(...conflicts.causes.map((cause) => (part.slotId === undefined ? cause : { ...cause, slotId: part.slotId })));
  }
  return { allergens: ALLERGENS.filter((allergen) => allergens.has(allergen)), dietMismatch, causes };
}

/** Allergens a chosen option would add to a line that the filter avoids and the line does not carry yet. */
export function addedAvoidedAllergens(before: LineConflicts, after: LineConflicts): Allergen[] {
  return after.allergens.filter((allergen) => !before.allergens.includes(allergen));
}
