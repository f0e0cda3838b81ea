// Likely mistakes in a menu that is otherwise valid: the kiosk would take it, but a
// customer would miss something. `menu:check` prints them; the back office shows them
// while editing. Pure. Paths index the same arrays as the file.
import type { Menu } from './schema';
import { jsonPath, type ValidationError } from './validate';
import { dietWarnings } from './diet-check';

export type MenuWarning = ValidationError;

/** Warnings for `menu`; with `published`, also allergens taken off an item whose parts still carry them. */
export function menuWarnings(menu: Menu, published?: Menu | null): MenuWarning[] {
  const warnings: MenuWarning[] = [];
  const warn = (path: (string | number)[], message: string) => warnings.push({ path: jsonPath(path), message });
  const listed = new Set(menu.categories.flatMap((category) => category.entryIds));
  const inMeals = new Set(menu.meals.flatMap((meal) => meal.slots.flatMap((slot) => slot.choices.map((choice) => choice.itemId))));
  const name = (text: Record<string, string>) => text[menu.defaultLocale] ?? Object.values(text)[0] ?? '';

  menu.items.forEach((item, index) => {
    if (!item.mealOnly && !listed.has(item.id)) {
      warn(['items', index], `"${name(item.name)}" is in no category, so customers cannot find it${inMeals.has(item.id) ? ' (it is offered in meals: mark it mealOnly)' : ''}`);
    }
    if (item.price === 0 && !item.mealOnly) warn(['items', index, 'price'], `"${name(item.name)}" costs nothing`);
    if (item.description) {
      for (const locale of menu.locales) {
        if (locale !== menu.defaultLocale && item.description[locale] !== undefined && item.description[locale] === item.description[menu.defaultLocale]) {
          warn(['items', index, 'description', locale], `the "${locale}" description is the same as the "${menu.defaultLocale}" one: not translated yet?`);
        }
      }
    }
  });
  menu.meals.forEach((meal, index) => {
    if (!listed.has(meal.id)) warn(['meals', index], `"${name(meal.name)}" is in no category, so customers cannot find it`);
    if (meal.price === 0) warn(['meals', index, 'price'], `"${name(meal.name)}" costs nothing`);
    meal.slots.forEach((slot, slotIndex) => {
      if (slot.choices.length === 0) warn(['meals', index, 'slots', slotIndex, 'choices'], `the slot "${name(slot.name)}" offers no choice`);
    });
  });

  if (published) {
    const groups = new Map(menu.optionGroups.map((group) => [group.id, group]));
    menu.items.forEach((item, index) => {
      const before = published.items.find((candidate) => candidate.id === item.id);
      if (!before) return;
      const removed = before.allergens.filter((allergen) => !item.allergens.includes(allergen));
      for (const allergen of removed) {
        const parts = [
          ...item.ingredients.filter((ingredient) => ingredient.allergens.includes(allergen)).map((ingredient) => name(ingredient.name)),
          ...item.optionGroupIds.flatMap((groupId) => groups.get(groupId)?.options.filter((option) => option.isDefault && option.allergens.includes(allergen)).map((option) => name(option.name)) ?? []),
        ];
        if (parts.length > 0) {
          warn(['items', index, 'allergens'], `${allergen} was taken off "${name(item.name)}" but its ${parts.join(', ')} still contain${parts.length === 1 ? 's' : ''} ${allergen}`);
        }
      }
    });
  }
  warnings.push(...dietWarnings(menu));
  return warnings;
}
