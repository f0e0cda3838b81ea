// Warnings about diet flags for `menu:check`: items and options without them (vegetarian
// and vegan filters then leave them out), and flags that contradict the allergens declared.
// Warnings, not errors: a menu without flags still runs, it only filters less. Pure.
import type { Allergen, DietFlags, Menu } from './schema';
import { jsonPath, type ValidationError } from './validate';

/** Allergens that only come from animals: a vegan part has none, a vegetarian part none of the first three. */
const NOT_VEGETARIAN: readonly Allergen[] = ['fish', 'crustaceans', 'molluscs'];
const NOT_VEGAN: readonly Allergen[] = [...NOT_VEGETARIAN, 'milk', 'eggs'];

const MISSING = 'no diet flags: add "diet": { "vegetarian": true|false, "vegan": true|false } so vegetarian and vegan filters can offer it';

function contradictions(diet: DietFlags, allergens: readonly Allergen[]): string[] {
  const problems: string[] = [];
  if (diet.vegan && !diet.vegetarian) problems.push('vegan but not vegetarian: vegan implies vegetarian');
  const animal = (list: readonly Allergen[]) => allergens.filter((allergen) => list.includes(allergen));
  if (diet.vegan && animal(NOT_VEGAN).length > 0) problems.push(`marked vegan but contains ${animal(NOT_VEGAN).join(', ')}`);
  else if (diet.vegetarian && animal(NOT_VEGETARIAN).length > 0) problems.push(`marked vegetarian but contains ${animal(NOT_VEGETARIAN).join(', ')}`);
  return problems;
}

export function dietWarnings(menu: Menu): ValidationError[] {
  const warnings: ValidationError[] = [];
  const warn = (path: Array<string | number>, message: string) => warnings.push({ path: jsonPath(path), message });

  menu.items.forEach((item, index) => {
    if (!item.diet) return warn(['items', index], MISSING);
    // Flags describe the item as it comes: its own allergens and those of all its ingredients.
    const allergens = [...item.allergens, ...item.ingredients.flatMap((ingredient) => ingredient.allergens)];
    for (const problem of contradictions(item.diet, allergens)) warn(['items', index, 'diet'], problem);
  });

  // Options matter where an item offers their group; an unused group is reported by nothing here.
  const offered = new Set(menu.items.flatMap((item) => item.optionGroupIds));
  menu.optionGroups.forEach((group, groupIndex) => {
    if (!offered.has(group.id)) return;
    group.options.forEach((option, optionIndex) => {
      const path = ['optionGroups', groupIndex, 'options', optionIndex];
      if (!option.diet) return warn(path, MISSING);
      for (const problem of contradictions(option.diet, option.allergens)) warn([...path, 'diet'], problem);
    });
  });
  return warnings;
}
