// Words a pricing problem (a code with ids) in the customer's language, naming things by the
// menu's own names; an id the menu no longer has is shown as the id.
import { localize } from '../menu/describe';
import { menuIndex } from '../menu/menu-index';
import type { SelectionProblem } from '../menu/pricing';
import type { LocalizedText, Menu } from '../menu/schema';
import type { Catalog } from './en';

export function wordProblem(catalog: Catalog, menu: Menu, locale: string, problem: SelectionProblem): string {
  const index = menuIndex(menu);
  const text = (value: LocalizedText | undefined, id: string) => (value ? localize(value, locale, menu.defaultLocale) : id);
  const item = (id: string) => text(index.items.get(id)?.name, id);
  const meal = (id: string) => text(index.meals.get(id)?.name, id);
  const group = (id: string) => text(index.optionGroups.get(id)?.name, id);
  const option = (groupId: string, id: string) => text(index.optionGroups.get(groupId)?.options.find((candidate) => candidate.id === id)?.name, id);
  const slot = (mealId: string, id: string) => text(index.meals.get(mealId)?.slots.find((candidate) => candidate.id === id)?.name, id);
  const ingredient = (itemId: string, id: string) => text(index.items.get(itemId)?.ingredients.find((candidate) => candidate.id === id)?.name, id);
  const words = catalog.problems;

  switch (problem.code) {
    case 'unknown_item':
      return words.unknown_item(problem.params.itemId);
    case 'unknown_meal':
      return words.unknown_meal(problem.params.mealId);
    case 'item_sold_out':
      return words.item_sold_out(item(problem.params.itemId));
    case 'meal_sold_out':
      return words.meal_sold_out(meal(problem.params.mealId));
    case 'meal_only':
      return words.meal_only(item(problem.params.itemId));
    case 'unknown_size': {
      const { params } = problem;
      return 'mealId' in params ? words.unknown_size(meal(params.mealId), params.sizeId) : words.unknown_size(item(params.itemId), params.sizeId);
    }
    case 'choose_size':
      return words.choose_size(item(problem.params.itemId));
    case 'unknown_slot':
      return words.unknown_slot(meal(problem.params.mealId), problem.params.slotId);
    case 'choose_slot_item':
      return words.choose_slot_item(slot(problem.params.mealId, problem.params.slotId));
    case 'slot_not_offered':
      return words.slot_not_offered(slot(problem.params.mealId, problem.params.slotId), item(problem.params.itemId));
    case 'unknown_ingredient':
      return words.unknown_ingredient(item(problem.params.itemId), problem.params.ingredientId);
    case 'ingredient_fixed':
      return words.ingredient_fixed(item(problem.params.itemId), ingredient(problem.params.itemId, problem.params.ingredientId));
    case 'unknown_option_group':
      return words.unknown_option_group(item(problem.params.itemId), problem.params.groupId);
    case 'unknown_option':
      return words.unknown_option(group(problem.params.groupId), problem.params.optionId);
    case 'option_sold_out':
      return words.option_sold_out(option(problem.params.groupId, problem.params.optionId));
    case 'option_too_many':
      return words.option_too_many(option(problem.params.groupId, problem.params.optionId), problem.params.max);
    case 'too_few':
      return words.too_few(group(problem.params.groupId), problem.params.min);
    case 'too_many':
      return words.too_many(group(problem.params.groupId), problem.params.max);
  }
}
