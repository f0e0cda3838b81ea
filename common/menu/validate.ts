// Validates a menu or a store config: first its shape (the zod schema), then what a
// schema cannot say (ids that must exist, texts in every locale, sensible limits).
// Every error names a JSON path such as `$.items[3].optionGroupIds[1]` and a reason
// an operator can act on. Pure.
import type { z } from 'zod';
import { hasOwnKey, ownValue } from '../own';
import { compileSchema, INVALID } from './compiled-schema';
import { themeContrastProblems } from './theme';
import { menu as menuSchema, storeConfig as storeConfigSchema, type Item, type LocalizedText, type Menu, type StoreConfig } from './schema';

export interface ValidationError {
  /** JSON path into the file, e.g. "$.items[3].optionGroupIds[1]". */
  path: string;
  message: string;
}

export type MenuValidation = { ok: true; menu: Menu } | { ok: false; errors: ValidationError[] };
export type StoreConfigValidation = { ok: true; store: StoreConfig } | { ok: false; errors: ValidationError[] };

type PathPart = string | number;

/** `$.items[3].price` for ['items', 3, 'price']; keys that are not plain names are quoted: `$.slotSizes["a b"]`. */
export function jsonPath(path: ReadonlyArray<PropertyKey>): string {
  return path.reduce<string>((text, key) => {
    if (typeof key === 'number') return `${text}[${key}]`;
    const name = String(key);
    return /^[A-Za-z_][A-Za-z0-9_-]*$/.test(name) ? `${text}.${name}` : `${text}[${JSON.stringify(name)}]`;
  }, '$');
}

// zod's wording for the common cases, made plainer for people editing JSON by hand.
const typeNames: Record<string, string> = {
  record: 'an object',
  object: 'an object',
  array: 'a list',
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  null: 'null',
};

function describeIssue(issue: z.core.$ZodIssue): string {
  // Messages the schema sets itself (e.g. "must be a whole number of minor units") are kept as they are.
  if (issue.code === 'invalid_type' && issue.message.startsWith('Invalid input')) {
    const received = /received (\w+)/.exec(issue.message)?.[1];
    if (received === 'undefined') return `is required (${issue.expected})`;
    const expected = ownValue(typeNames, issue.expected) ?? issue.expected;
    return received ? `must be ${expected}, not ${ownValue(typeNames, received) ?? received}` : `must be ${expected}`;
  }
  if (issue.code === 'invalid_key') return `invalid key: ${issue.issues[0]?.message ?? issue.message}`;
  if (issue.code === 'unrecognized_keys') return `unknown ${issue.keys.length === 1 ? 'property' : 'properties'} ${issue.keys.map((key) => `"${key}"`).join(', ')}`;
  if (issue.code === 'invalid_value' && issue.values.length > 0) {
    return `must be one of ${issue.values.map((value) => JSON.stringify(value)).join(', ')}`;
  }
  return issue.message;
}

function schemaErrors(error: z.ZodError): ValidationError[] {
  return error.issues.map((issue) => {
    // An unknown key is best found at the key itself.
    const path = issue.code === 'unrecognized_keys' && issue.keys.length === 1 ? [...issue.path, issue.keys[0]!] : issue.path;
    return { path: jsonPath(path), message: describeIssue(issue) };
  });
}

// ---------------------------------------------------------------- menu

/** The menu schema as one walk over the file (what zod returns, or INVALID); zod itself words the errors. */
const menuShape = compileSchema(menuSchema);

export function validateMenu(json: unknown): MenuValidation {
  let checked = menuShape(json);
  if (checked === INVALID) {
    const parsed = menuSchema.safeParse(json);
    if (!parsed.success) return { ok: false, errors: schemaErrors(parsed.error) };
    checked = parsed.data;
  }
  const errors = menuReferenceErrors(checked);
  return errors.length > 0 ? { ok: false, errors } : { ok: true, menu: checked };
}

/**
 * What the schema cannot check: references, duplicates, locales, limits. Paths index the same arrays as the file.
 * It runs over every node of a large menu (50,000 options), so it walks with plain loops and builds a
 * path, a message or a list of known ids only for something it reports.
 */
export function menuReferenceErrors(menu: Menu): ValidationError[] {
  const errors: ValidationError[] = [];
  const report = (path: PathPart[], message: string) => errors.push({ path: jsonPath(path), message });
  const { locales, items, meals, optionGroups, categories } = menu;

  // Locales
  if (!locales.includes(menu.defaultLocale)) {
    report(['defaultLocale'], `"${menu.defaultLocale}" is not one of the menu's locales (${locales.join(', ')})`);
  }
  // The path comes in parts (no array per call); reportDuplicates builds it when it finds one.
  const duplicates = (list: readonly (string | object)[], what: string, key: string | undefined, a: PathPart, b?: PathPart, c?: PathPart, d?: PathPart, e?: PathPart) =>
    reportDuplicates(list, what, key, report, a, b, c, d, e);
  duplicates(locales, 'locale', undefined, 'locales');
  // Called for every text of the menu, with the path in parts: it is built only when there is something to report.
  const checkText = (text: LocalizedText | undefined, a: PathPart, b: PathPart, c: PathPart, d?: PathPart, e?: PathPart) => {
    if (text === undefined || hasEveryLocale(text, locales)) return;
    const missing = locales.filter((locale) => !hasOwnKey(text, locale));
    report(pathOf(a, b, c, d, e), `missing the ${missing.map((locale) => `"${locale}"`).join(', ')} text`);
  };

  // Ids: items and meals share one namespace, because categories list both by id.
  duplicates(menu.schedules, 'schedule id', 'id', 'schedules');
  duplicates(optionGroups, 'option group id', 'id', 'optionGroups');
  duplicates(categories, 'category id', 'id', 'categories');
  // Where each id was first claimed: the index of an item, or items.length + the index of a meal.
  const entryIds = new Map<string, number>();
  const claimedAt = (claim: number): PathPart[] => (claim < items.length ? ['items', claim, 'id'] : ['meals', claim - items.length, 'id']);
  for (let claim = 0; claim < items.length + meals.length; claim++) {
    const id = claim < items.length ? items[claim]!.id : meals[claim - items.length]!.id;
    const first = entryIds.get(id);
    if (first === undefined) entryIds.set(id, claim);
    else report(claimedAt(claim), `duplicate id "${id}" (also at ${jsonPath(claimedAt(first))}; items and meals share one set of ids)`);
  }

  const scheduleIds = new Set<string>();
  for (const schedule of menu.schedules) scheduleIds.add(schedule.id);
  const groupIds = new Set<string>();
  for (const group of optionGroups) groupIds.add(group.id);
  // As a Map built from the list: a duplicated id (reported above) finds its last item.
  const itemsById = new Map<string, Item>();
  for (const item of items) itemsById.set(item.id, item);
  const mealIds = new Set<string>();
  for (const meal of meals) mealIds.add(meal.id);
  const checkSchedules = (scheduleIdList: string[], kind: 'items' | 'meals', index: number) => {
    for (let listIndex = 0; listIndex < scheduleIdList.length; listIndex++) {
      const scheduleId = scheduleIdList[listIndex]!;
      if (!scheduleIds.has(scheduleId)) report([kind, index, 'availability', 'scheduleIds', listIndex], `unknown schedule "${scheduleId}"${known(scheduleIds)}`);
    }
  };

  for (let index = 0; index < menu.schedules.length; index++) checkText(menu.schedules[index]!.name, 'schedules', index, 'name');

  // Option groups
  for (let index = 0; index < optionGroups.length; index++) {
    const group = optionGroups[index]!;
    const { options } = group;
    const single = group.selection === 'single';
    checkText(group.name, 'optionGroups', index, 'name');
    duplicates(options, 'option id', 'id', 'optionGroups', index, 'options');
    let defaults = 0;
    let reachable = 0;
    for (let optionIndex = 0; optionIndex < options.length; optionIndex++) {
      const option = options[optionIndex]!;
      checkText(option.name, 'optionGroups', index, 'options', optionIndex, 'name');
      if (option.isDefault) defaults++;
      if (!option.soldOut) reachable += single ? 1 : option.maxQuantity;
    }
    if (group.min > group.max) report(['optionGroups', index, 'min'], `min (${group.min}) is greater than max (${group.max})`);
    if (single && group.max !== 1) report(['optionGroups', index, 'max'], `a single-choice group has max 1, not ${group.max}`);
    const maxUnits = single ? 1 : group.max;
    if (defaults > maxUnits) report(['optionGroups', index, 'options'], `${defaults} options are marked isDefault but at most ${maxUnits} can be chosen`);
    if (group.min > 0 && group.min <= group.max && reachable < group.min) {
      report(['optionGroups', index, 'min'], `min is ${group.min} but the options that are not sold out allow only ${reachable}`);
    }
    if (single) {
      for (let optionIndex = 0; optionIndex < options.length; optionIndex++) {
        if (options[optionIndex]!.maxQuantity > 1) report(['optionGroups', index, 'options', optionIndex, 'maxQuantity'], 'a single-choice option can be chosen once only');
      }
    }
  }

  // Items
  for (let index = 0; index < items.length; index++) {
    const item = items[index]!;
    const { sizes, ingredients, optionGroupIds } = item;
    checkText(item.name, 'items', index, 'name');
    checkText(item.description, 'items', index, 'description');
    duplicates(sizes, 'size id', 'id', 'items', index, 'sizes');
    duplicates(ingredients, 'ingredient id', 'id', 'items', index, 'ingredients');
    duplicates(optionGroupIds, 'option group', undefined, 'items', index, 'optionGroupIds');
    for (let sizeIndex = 0; sizeIndex < sizes.length; sizeIndex++) checkText(sizes[sizeIndex]!.name, 'items', index, 'sizes', sizeIndex, 'name');
    for (let ingredientIndex = 0; ingredientIndex < ingredients.length; ingredientIndex++) {
      checkText(ingredients[ingredientIndex]!.name, 'items', index, 'ingredients', ingredientIndex, 'name');
    }
    if (item.defaultSizeId !== undefined && !sizes.some((size) => size.id === item.defaultSizeId)) {
      report(
        ['items', index, 'defaultSizeId'],
        sizes.length === 0 ? `"${item.defaultSizeId}" but the item has no sizes` : `"${item.defaultSizeId}" is not one of the item's sizes${known(sizes.map((size) => size.id))}`,
      );
    }
    for (let groupIndex = 0; groupIndex < optionGroupIds.length; groupIndex++) {
      const groupId = optionGroupIds[groupIndex]!;
      if (!groupIds.has(groupId)) report(['items', index, 'optionGroupIds', groupIndex], `unknown option group "${groupId}"${known(groupIds)}`);
    }
    checkSchedules(item.availability.scheduleIds, 'items', index);
  }

  // Meals
  for (let index = 0; index < meals.length; index++) {
    const meal = meals[index]!;
    checkText(meal.name, 'meals', index, 'name');
    checkText(meal.description, 'meals', index, 'description');
    checkSchedules(meal.availability.scheduleIds, 'meals', index);
    duplicates(meal.slots, 'slot id', 'id', 'meals', index, 'slots');
    duplicates(meal.sizes, 'size id', 'id', 'meals', index, 'sizes');
    meal.slots.forEach((slot, slotIndex) => {
      const slotPath: PathPart[] = ['meals', index, 'slots', slotIndex];
      checkText(slot.name, 'meals', index, 'slots', slotIndex, 'name');
      duplicates(slot.choices, 'choice', 'itemId', 'meals', index, 'slots', slotIndex, 'choices');
      slot.choices.forEach((choice, choiceIndex) => {
        if (itemsById.has(choice.itemId)) return;
        report(
          [...slotPath, 'choices', choiceIndex, 'itemId'],
          mealIds.has(choice.itemId) ? `"${choice.itemId}" is a meal; a slot offers items` : `unknown item "${choice.itemId}"`,
        );
      });
      if (!slot.choices.some((choice) => choice.itemId === slot.defaultItemId)) {
        report([...slotPath, 'defaultItemId'], `"${slot.defaultItemId}" is not one of the slot's choices${known(slot.choices.map((choice) => choice.itemId))}`);
      }
    });
    meal.sizes.forEach((size, sizeIndex) => {
      const sizePath: PathPart[] = ['meals', index, 'sizes', sizeIndex];
      checkText(size.name, 'meals', index, 'sizes', sizeIndex, 'name');
      for (const [slotId, sizeId] of Object.entries(size.slotSizes)) {
        const slot = meal.slots.find((candidate) => candidate.id === slotId);
        if (!slot) {
          report([...sizePath, 'slotSizes', slotId], `the meal has no slot "${slotId}"${known(meal.slots.map((candidate) => candidate.id))}`);
          continue;
        }
        // Items without sizes (a bottle of water) come as they are; items with sizes must have this one.
        const sized = slot.choices.map((choice) => itemsById.get(choice.itemId)).filter((item) => item !== undefined && item.sizes.length > 0);
        if (sized.length === 0) {
          report([...sizePath, 'slotSizes', slotId], `none of the items in slot "${slotId}" has sizes`);
          continue;
        }
        const lacking = sized.filter((item) => !item!.sizes.some((candidate) => candidate.id === sizeId)).map((item) => item!.id);
        if (lacking.length > 0) {
          report([...sizePath, 'slotSizes', slotId], `size "${sizeId}" is missing from ${lacking.map((id) => `"${id}"`).join(', ')}`);
        }
      }
    });
  }

  // Categories
  for (let index = 0; index < categories.length; index++) {
    const { name, entryIds: listedIds } = categories[index]!;
    checkText(name, 'categories', index, 'name');
    duplicates(listedIds, 'entry', undefined, 'categories', index, 'entryIds');
    for (let entryIndex = 0; entryIndex < listedIds.length; entryIndex++) {
      const entryId = listedIds[entryIndex]!;
      const item = itemsById.get(entryId);
      if (!item && !mealIds.has(entryId)) report(['categories', index, 'entryIds', entryIndex], `unknown item or meal "${entryId}"`);
      else if (item?.mealOnly) report(['categories', index, 'entryIds', entryIndex], `"${entryId}" is mealOnly and cannot be listed on its own`);
    }
  }

  // Featured on the attract screen: entries a customer can order from a category.
  duplicates(menu.featured, 'featured entry', undefined, 'featured');
  if (menu.featured.length > 0) {
    const listed = new Set(categories.flatMap((category) => category.entryIds));
    menu.featured.forEach((entryId, index) => {
      if (!itemsById.has(entryId) && !mealIds.has(entryId)) report(['featured', index], `unknown item or meal "${entryId}"`);
      else if (!listed.has(entryId)) report(['featured', index], `"${entryId}" is in no category, so a customer could not find it after the attract screen`);
    });
  }

  // Suggestions: the item must be a main choice of the meal it suggests; the drinks must exist.
  menu.suggestions.makeItAMeal.forEach((rule, index) => {
    const path: PathPart[] = ['suggestions', 'makeItAMeal', index];
    if (!itemsById.has(rule.itemId)) report([...path, 'itemId'], `unknown item "${rule.itemId}"`);
    const meal = meals.find((candidate) => candidate.id === rule.mealId);
    if (!meal) report([...path, 'mealId'], `unknown meal "${rule.mealId}"`);
    else if (!meal.slots.some((slot) => slot.kind === 'main' && slot.choices.some((choice) => choice.itemId === rule.itemId))) {
      report([...path, 'mealId'], `meal "${rule.mealId}" has no main slot offering "${rule.itemId}"`);
    }
  });
  menu.suggestions.addADrink?.itemIds.forEach((itemId, index) => {
    if (!itemsById.has(itemId)) report(['suggestions', 'addADrink', 'itemIds', index], `unknown item "${itemId}"`);
  });
  return errors;
}

/** Whether `text` has every one of `locales`; allocates nothing (it runs for every text of a menu). */
function hasEveryLocale(text: LocalizedText, locales: readonly string[]): boolean {
  for (let index = 0; index < locales.length; index++) if (!hasOwnKey(text, locales[index]!)) return false;
  return true;
}

/** A path from the parts a check was given, for an error it reports. */
const pathOf = (...parts: (PathPart | undefined)[]): PathPart[] => parts.filter((part) => part !== undefined);

/** The value compared for duplicates: the entry itself, or its `key` property. */
const valueAt = (list: readonly (string | object)[], index: number, key: string | undefined): string => {
  const entry = list[index]!;
  return typeof entry === 'string' ? entry : ((entry as Record<string, string>)[key!] ?? '');
};

/** Reports each entry of `list` whose value came before; the list's path comes in parts a…e. */
function reportDuplicates(
  list: readonly (string | object)[],
  what: string,
  /** The property holding the value, for a list of objects. */
  key: string | undefined,
  report: (path: PathPart[], message: string) => void,
  a: PathPart,
  b?: PathPart,
  c?: PathPart,
  d?: PathPart,
  e?: PathPart,
) {
  if (list.length < 2) return;
  let found: [index: number, first: number][] | undefined;
  if (list.length <= 16) {
    // Short lists (options, sizes, slots): comparing each pair costs less than a Map. The values are
    // read once into a small array (a list of strings is its own).
    const values = key === undefined ? (list as readonly string[]) : list.map((entry) => (entry as Record<string, string>)[key] ?? '');
    for (let index = 1; index < values.length; index++) {
      const value = values[index];
      for (let first = 0; first < index; first++) {
        if (values[first] !== value) continue;
        (found ??= []).push([index, first]);
        break;
      }
    }
  } else {
    const firstIndex = new Map<string, number>();
    for (let index = 0; index < list.length; index++) {
      const value = valueAt(list, index, key);
      const first = firstIndex.get(value);
      if (first === undefined) firstIndex.set(value, index);
      else (found ??= []).push([index, first]);
    }
  }
  if (!found) return;
  const arrayPath = pathOf(a, b, c, d, e);
  for (const [index, first] of found) {
    report(key ? [...arrayPath, index, key] : [...arrayPath, index], `duplicate ${what} "${valueAt(list, index, key)}" (first at ${jsonPath([...arrayPath, first])})`);
  }
}

const known = (ids: Iterable<string>) => {
  const list = [...ids];
  return list.length === 0 ? ' (none are defined)' : ` (known: ${list.slice(0, 12).join(', ')}${list.length > 12 ? ', …' : ''})`;
};

// ---------------------------------------------------------------- store config

export function validateStoreConfig(json: unknown): StoreConfigValidation {
  const parsed = storeConfigSchema.safeParse(json);
  if (!parsed.success) return { ok: false, errors: schemaErrors(parsed.error) };
  const store = parsed.data;
  const errors: ValidationError[] = [];
  const report = (path: PathPart[], message: string) => errors.push({ path: jsonPath(path), message });
  reportDuplicates(store.tax.rates, 'tax rate id', 'id', report, 'tax', 'rates');
  const rateIds = new Set(store.tax.rates.map((rate) => rate.id));
  for (const [taxClass, rule] of Object.entries(store.tax.classes)) {
    for (const mode of ['eat_in', 'take_away'] as const) {
      if (!rateIds.has(rule[mode])) report(['tax', 'classes', taxClass, mode], `unknown tax rate "${rule[mode]}"${known(rateIds)}`);
    }
  }
  // A theme whose text would be hard to read is refused, naming the field and the ratio.
  if (store.theme?.colors) for (const problem of themeContrastProblems(store.theme.colors)) report(['theme', 'colors', problem.field], problem.message);
  try {
    new Intl.DateTimeFormat('en', { timeZone: store.timezone });
  } catch {
    report(['timezone'], `unknown time zone "${store.timezone}" (use an IANA name such as "Europe/Berlin")`);
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, store };
}

/** A valid menu and a valid store config that do not fit together. Paths are into the menu. */
export function checkMenuAgainstStore(menu: Menu, store: StoreConfig): ValidationError[] {
  const errors: ValidationError[] = [];
  if (menu.currency !== store.currency) {
    errors.push({ path: '$.currency', message: `the menu is priced in ${menu.currency} but the store config uses ${store.currency}` });
  }
  if (!menu.locales.includes(store.locale) && !menu.locales.includes(store.locale.split('-')[0]!)) {
    errors.push({ path: '$.locales', message: `the store's locale "${store.locale}" is not one of the menu's locales (${menu.locales.join(', ')})` });
  }
  const classes = Object.keys(store.tax.classes);
  menu.items.forEach((item, index) => {
    if (!hasOwnKey(store.tax.classes, item.taxClass)) {
      errors.push({ path: jsonPath(['items', index, 'taxClass']), message: `tax class "${item.taxClass}" is not defined in the store config${known(classes)}` });
    }
  });
  return errors;
}
