// Human-readable text for a cart line ("Big Burger Meal (Large)", "Drink: Cola (Large), no ice"),
// used by the cart, the review, the order record and screen-reader announcements.
// Pure; lenient on purpose: an id the menu no longer knows is shown as the id, never thrown.
import type { Item, LocalizedText, Menu } from './schema';
import type { ItemChoice, LineSelection } from './selection';
import { menuIndex } from './menu-index';
import { ownValue } from '../own';

/**
 * The text in `locale`, else in its language ("de" for "de-AT"), else in
 * `fallbackLocale`, else in any locale the text has (so something always shows).
 */
export function localize(text: LocalizedText | undefined, locale: string, fallbackLocale: string): string {
  if (!text) return '';
  const language = locale.split('-')[0] ?? locale;
  return ownValue(text, locale) ?? ownValue(text, language) ?? ownValue(text, fallbackLocale) ?? Object.values(text)[0] ?? '';
}

export interface LineDescription {
  /** e.g. "Big Burger Meal (Large)" or "Fries (Medium)". */
  title: string;
  /** What differs from the defaults, e.g. ["Side: Fries (Large)", "Drink: Cola (Large), no ice", "No onions", "+ Bacon"]. */
  details: string[];
}

// The few phrases the engine builds itself; everything else comes from the menu.
const phrases: Record<string, { without: (name: string) => string; nested: (detail: string) => string }> = {
  en: { without: (name) => `No ${lowerFirst(name)}`, nested: lowerFirst },
  de: { without: (name) => `Ohne ${name}`, nested: (detail) => detail.replace(/^Ohne /, 'ohne ') },
};

// "Onions" → "onions", but "BBQ sauce" stays as it is.
function lowerFirst(text: string): string {
  return /^[A-Z][a-z]/.test(text) ? text[0]!.toLowerCase() + text.slice(1) : text;
}

export function describeLine(menu: Menu, line: LineSelection, locale: string): LineDescription {
  const text = (value: LocalizedText | undefined) => localize(value, locale, menu.defaultLocale);
  const phrase = ownValue(phrases, locale.split('-')[0] ?? locale) ?? phrases.en!;
  const withSize = (name: string, sizeName: string | undefined) => (sizeName ? `${name} (${sizeName})` : name);

  if (line.kind === 'item') {
    const item = menuIndex(menu).items.get(line.itemId);
    if (!item) return { title: line.itemId, details: [] };
    const size = item.sizes.find((candidate) => candidate.id === (line.sizeId ?? item.defaultSizeId));
    return { title: withSize(text(item.name), size ? text(size.name) : undefined), details: choiceDetails(menu, item, line, text, phrase.without) };
  }

  const meal = menuIndex(menu).meals.get(line.mealId);
  if (!meal) return { title: line.mealId, details: [] };
  const mealSize = meal.sizes.find((candidate) => candidate.id === line.sizeId);
  const title = withSize(text(meal.name), meal.sizes.length > 1 && mealSize ? text(mealSize.name) : undefined);
  const slotLines: string[] = [];
  const fixedSlotDetails: string[] = [];
  for (const slot of meal.slots) {
    const choice = ownValue(line.slots, slot.id);
    if (!choice) continue;
    const item = menuIndex(menu).items.get(choice.itemId);
    if (slot.choices.length === 1 && item) {
      // Nothing to choose in this slot (the burger of a burger meal): only its changes are news.
      fixedSlotDetails.push(...choiceDetails(menu, item, choice, text, phrase.without));
      continue;
    }
    slotLines.push(`${text(slot.name)}: ${describeSlotChoice(menu, line, slot.id, locale)}`);
  }
  return { title, details: [...slotLines, ...fixedSlotDetails] };
}

/**
 * What is in one slot of a meal, after the slot's name: "Cola (Large), no ice", "Big Burger, no onions";
 * undefined while the slot is empty. The customiser's rows and describeLine say it the same way.
 */
export function describeSlotChoice(menu: Menu, line: Extract<LineSelection, { kind: 'meal' }>, slotId: string, locale: string): string | undefined {
  const text = (value: LocalizedText | undefined) => localize(value, locale, menu.defaultLocale);
  const phrase = ownValue(phrases, locale.split('-')[0] ?? locale) ?? phrases.en!;
  const choice = ownValue(line.slots, slotId);
  if (!choice) return undefined;
  const item = menuIndex(menu).items.get(choice.itemId);
  if (!item) return choice.itemId;
  const mealSize = menuIndex(menu).meals.get(line.mealId)?.sizes.find((candidate) => candidate.id === line.sizeId);
  const sizeId = mealSize ? ownValue(mealSize.slotSizes, slotId) : undefined;
  const size = item.sizes.find((candidate) => candidate.id === sizeId) ?? item.sizes.find((candidate) => candidate.id === item.defaultSizeId);
  const head = size ? `${text(item.name)} (${text(size.name)})` : text(item.name);
  const details = choiceDetails(menu, item, choice, text, phrase.without);
  return details.length > 0 ? `${head}, ${details.map(phrase.nested).join(', ')}` : head;
}

/** Removed ingredients, then options that differ from the defaults, in menu order. */
function choiceDetails(
  menu: Menu,
  item: Item,
  choice: Pick<ItemChoice, 'removedIngredientIds' | 'options'>,
  text: (value: LocalizedText | undefined) => string,
  without: (name: string) => string,
): string[] {
  const details: string[] = [];
  for (const ingredient of item.ingredients) {
    if (choice.removedIngredientIds.includes(ingredient.id)) details.push(without(text(ingredient.name)));
  }
  for (const groupId of item.optionGroupIds) {
    const group = menuIndex(menu).optionGroups.get(groupId);
    if (!group) continue;
    const chosen = ownValue(choice.options, groupId) ?? {};
    const defaultOption = group.options.find((option) => option.isDefault);
    if (group.selection === 'single' && defaultOption && !group.options.some((option) => (ownValue(chosen, option.id) ?? 0) > 0)) {
      details.push(without(text(defaultOption.name)));
    }
    for (const option of group.options) {
      const quantity = ownValue(chosen, option.id) ?? 0;
      const name = text(option.name);
      if (group.selection === 'single') {
        if (quantity > 0 && !option.isDefault) details.push(name);
      } else if (quantity > 0) {
        if (!option.isDefault || quantity > 1) details.push(quantity > 1 ? `+ ${quantity}× ${name}` : `+ ${name}`);
      } else if (option.isDefault) {
        details.push(without(name));
      }
    }
  }
  return details;
}
