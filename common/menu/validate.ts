// Validates a menu or a store config: first its shape (the zod schema), then what a
// schema cannot say (ids that must exist, texts in every locale, sensible limits).
// Every error names a JSON path such as `$.items[3].optionGroupIds[1]` and a reason
// an operator can act on. Pure.
import type { z } from 'zod';
import { hasOwnKey, ownValue } from '../own';
import { compileSchema, INVALID } from './compiled-schema';
import { themeContrastProblems } from './theme';
import { menu as menuSchema, storeConfig as storeConfigSchema, type LocalizedText, type Menu, type StoreConfig } from './schema';

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

/** What the schema cannot check: references, duplicates, locales, limits. Paths index the same arrays as the file. */
export function menuReferenceErrors(menu: Menu): ValidationError[] {
  const errors: ValidationError[] = [];
  const report = (path: PathPart[], message: string) => errors.push({ path: jsonPath(path), message });

  // Locales
  if (!menu.locales.includes(menu.defaultLocale)) {
    report(['defaultLocale'], `"${menu.defaultLocale}" is not one of the menu's locales (${menu.locales.join(', ')})`);
  }
  reportDuplicates(menu.locales, ['locales'], report, 'locale');
  // Called for every text of the menu: the path is built only when there is something to report.
  const checkText = (text: LocalizedText | undefined, ...path: (PathPart | PathPart[])[]) => {
    if (!text) return;
    let complete = true;
    for (const locale of menu.locales) complete &&= hasOwnKey(text, locale);
    if (complete) return;
    const missing = menu.locales.filter((locale) => !hasOwnKey(text, locale));
    report(path.flat(), `missing the ${missing.map((locale) => `"${locale}"`).join(', ')} text`);
  };

  // Ids: items and meals share one namespace, because categories list both by id.
  reportDuplicates(menu.schedules, ['schedules'], report, 'schedule id', 'id');
  reportDuplicates(menu.optionGroups, ['optionGroups'], report, 'option group id', 'id');
  reportDuplicates(menu.categories, ['categories'], report, 'category id', 'id');
  const entryIds = new Map<string, PathPart[]>();
  menu.items.forEach((item, index) => claimId(entryIds, item.id, ['items', index, 'id'], report));
  menu.meals.forEach((meal, index) => claimId(entryIds, meal.id, ['meals', index, 'id'], report));

  const scheduleIds = new Set(menu.schedules.map((schedule) => schedule.id));
  const groupIds = new Set(menu.optionGroups.map((group) => group.id));
  const itemsById = new Map(menu.items.map((item) => [item.id, item]));
  const mealIds = new Set(menu.meals.map((meal) => meal.id));
  const checkSchedules = (scheduleIdList: string[], path: PathPart[]) =>
    scheduleIdList.forEach((scheduleId, index) => {
      if (!scheduleIds.has(scheduleId)) report([...path, index], `unknown schedule "${scheduleId}"${known(scheduleIds)}`);
    });

  menu.schedules.forEach((schedule, index) => checkText(schedule.name, 'schedules', index, 'name'));

  // Option groups
  menu.optionGroups.forEach((group, index) => {
    const path: PathPart[] = ['optionGroups', index];
    checkText(group.name, path, 'name');
    reportDuplicates(group.options, [...path, 'options'], report, 'option id', 'id');
    group.options.forEach((option, optionIndex) => checkText(option.name, path, 'options', optionIndex, 'name'));
    if (group.min > group.max) report([...path, 'min'], `min (${group.min}) is greater than max (${group.max})`);
    if (group.selection === 'single' && group.max !== 1) report([...path, 'max'], `a single-choice group has max 1, not ${group.max}`);
    let defaults = 0;
    for (const option of group.options) if (option.isDefault) defaults++;
    const maxUnits = group.selection === 'single' ? 1 : group.max;
    if (defaults > maxUnits) report([...path, 'options'], `${defaults} options are marked isDefault but at most ${maxUnits} can be chosen`);
    const reachable = group.options.reduce((sum, option) => sum + (option.soldOut ? 0 : group.selection === 'single' ? 1 : option.maxQuantity), 0);
    if (group.min > 0 && group.min <= group.max && reachable < group.min) {
      report([...path, 'min'], `min is ${group.min} but the options that are not sold out allow only ${reachable}`);
    }
    if (group.selection === 'single') {
      group.options.forEach((option, optionIndex) => {
        if (option.maxQuantity > 1) report([...path, 'options', optionIndex, 'maxQuantity'], 'a single-choice option can be chosen once only');
      });
    }
  });

  // Items
  menu.items.forEach((item, index) => {
    const path: PathPart[] = ['items', index];
    checkText(item.name, path, 'name');
    checkText(item.description, path, 'description');
    reportDuplicates(item.sizes, [...path, 'sizes'], report, 'size id', 'id');
    reportDuplicates(item.ingredients, [...path, 'ingredients'], report, 'ingredient id', 'id');
    reportDuplicates(item.optionGroupIds, [...path, 'optionGroupIds'], report, 'option group');
    item.sizes.forEach((size, sizeIndex) => checkText(size.name, path, 'sizes', sizeIndex, 'name'));
    item.ingredients.forEach((ingredient, ingredientIndex) => checkText(ingredient.name, path, 'ingredients', ingredientIndex, 'name'));
    if (item.defaultSizeId !== undefined && !item.sizes.some((size) => size.id === item.defaultSizeId)) {
      report(
        [...path, 'defaultSizeId'],
        item.sizes.length === 0 ? `"${item.defaultSizeId}" but the item has no sizes` : `"${item.defaultSizeId}" is not one of the item's sizes${known(item.sizes.map((size) => size.id))}`,
      );
    }
    item.optionGroupIds.forEach((groupId, groupIndex) => {
      if (!groupIds.has(groupId)) report([...path, 'optionGroupIds', groupIndex], `unknown option group "${groupId}"${known(groupIds)}`);
    });
    checkSchedules(item.availability.scheduleIds, [...path, 'availability', 'scheduleIds']);
  });

  // Meals
  menu.meals.forEach((meal, index) => {
    const path: PathPart[] = ['meals', index];
    checkText(meal.name, path, 'name');
    checkText(meal.description, path, 'description');
    checkSchedules(meal.availability.scheduleIds, [...path, 'availability', 'scheduleIds']);
    reportDuplicates(meal.slots, [...path, 'slots'], report, 'slot id', 'id');
    reportDuplicates(meal.sizes, [...path, 'sizes'], report, 'size id', 'id');
    meal.slots.forEach((slot, slotIndex) => {
      const slotPath: PathPart[] = [...path, 'slots', slotIndex];
      checkText(slot.name, slotPath, 'name');
      reportDuplicates(slot.choices, [...slotPath, 'choices'], report, 'choice', 'itemId');
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
      const sizePath: PathPart[] = [...path, 'sizes', sizeIndex];
      checkText(size.name, sizePath, 'name');
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
  });

  // Categories
  menu.categories.forEach((category, index) => {
    const path: PathPart[] = ['categories', index];
    checkText(category.name, path, 'name');
    reportDuplicates(category.entryIds, [...path, 'entryIds'], report, 'entry');
    category.entryIds.forEach((entryId, entryIndex) => {
      const item = itemsById.get(entryId);
      if (!item && !mealIds.has(entryId)) report([...path, 'entryIds', entryIndex], `unknown item or meal "${entryId}"`);
      else if (item?.mealOnly) report([...path, 'entryIds', entryIndex], `"${entryId}" is mealOnly and cannot be listed on its own`);
    });
  });

  // Featured on the attract screen: entries a customer can order from a category.
  const listed = new Set(menu.categories.flatMap((category) => category.entryIds));
  reportDuplicates(menu.featured, ['featured'], report, 'featured entry');
  menu.featured.forEach((entryId, index) => {
    if (!itemsById.has(entryId) && !mealIds.has(entryId)) report(['featured', index], `unknown item or meal "${entryId}"`);
    else if (!listed.has(entryId)) report(['featured', index], `"${entryId}" is in no category, so a customer could not find it after the attract screen`);
  });

  // Suggestions: the item must be a main choice of the meal it suggests; the drinks must exist.
  menu.suggestions.makeItAMeal.forEach((rule, index) => {
    const path: PathPart[] = ['suggestions', 'makeItAMeal', index];
    if (!itemsById.has(rule.itemId)) report([...path, 'itemId'], `unknown item "${rule.itemId}"`);
    const meal = menu.meals.find((candidate) => candidate.id === rule.mealId);
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

function claimId(seen: Map<string, PathPart[]>, id: string, path: PathPart[], report: (path: PathPart[], message: string) => void) {
  const first = seen.get(id);
  if (first) report(path, `duplicate id "${id}" (also at ${jsonPath(first)}; items and meals share one set of ids)`);
  else seen.set(id, path);
}

function reportDuplicates(
  list: readonly (string | object)[],
  arrayPath: PathPart[],
  report: (path: PathPart[], message: string) => void,
  what: string,
  /** The property holding the value, for a list of objects. */
  key?: string,
) {
  if (list.length < 2) return;
  // Read in place (no mapped copy): this runs for every option group and item of a large menu.
  const valueAt = (index: number): string => {
    const entry = list[index]!;
    return typeof entry === 'string' ? entry : ((entry as Record<string, string>)[key!] ?? '');
  };
  const duplicate = (index: number, first: number) =>
    report(key ? [...arrayPath, index, key] : [...arrayPath, index], `duplicate ${what} "${valueAt(index)}" (first at ${jsonPath([...arrayPath, first])})`);
  if (list.length <= 16) {
    // Short lists (options, sizes, slots): comparing each pair costs less than a Map.
    for (let index = 1; index < list.length; index++) {
      for (let first = 0; first < index; first++) {
        if (valueAt(first) !== valueAt(index)) continue;
        duplicate(index, first);
        break;
      }
    }
    return;
  }
  const firstIndex = new Map<string, number>();
  for (let index = 0; index < list.length; index++) {
    const value = valueAt(index);
    const first = firstIndex.get(value);
    if (first === undefined) firstIndex.set(value, index);
    else duplicate(index, first);
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
  reportDuplicates(store.tax.rates, ['tax', 'rates'], report, 'tax rate id', 'id');
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
