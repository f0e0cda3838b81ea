// The customiser's groups, one row each: an item's size, its removable ingredients and each of
// its option groups; a meal's size and each of its slots (the slot's choice with that item's own
// options). Which one is open when the customiser appears, and which row a problem belongs to.
import type { SelectionProblem } from '../../../common/menu/pricing';
import { menuIndex } from '../../../common/menu/menu-index';
import type { Item, Meal, MealSlot, Menu, OptionGroup } from '../../../common/menu/schema';
import type { LineSelection } from '../../../common/menu/selection';

export type CustomizerGroup =
  | { key: string; kind: 'size'; item: Item }
  | { key: string; kind: 'ingredients'; item: Item }
  | { key: string; kind: 'options'; item: Item; group: OptionGroup }
  | { key: string; kind: 'meal-size'; meal: Meal }
  | { key: string; kind: 'slot'; meal: Meal; slot: MealSlot };

export function customizerGroups(menu: Menu, selection: LineSelection): CustomizerGroup[] {
  if (selection.kind === 'item') {
    const item = menuIndex(menu).items.get(selection.itemId);
    if (!item) return [];
    const groups: CustomizerGroup[] = [];
    if (item.sizes.length > 1) groups.push({ key: 'size', kind: 'size', item });
    if (item.ingredients.some((ingredient) => ingredient.removable)) groups.push({ key: 'ingredients', kind: 'ingredients', item });
    for (const groupId of item.optionGroupIds) {
      const group = menuIndex(menu).optionGroups.get(groupId);
      if (group) groups.push({ key: `options-${group.id}`, kind: 'options', item, group });
    }
    return groups;
  }
  const meal = menuIndex(menu).meals.get(selection.mealId);
  if (!meal) return [];
  const groups: CustomizerGroup[] = [];
  if (meal.sizes.length > 1) groups.push({ key: 'meal-size', kind: 'meal-size', meal });
  for (const slot of meal.slots) groups.push({ key: `slot-${slot.id}`, kind: 'slot', meal, slot });
  return groups;
}

/** The row a problem is about, when it is about one ("Dips: choose at least 1" → the dips). */
export function groupKeyOfProblem(selection: LineSelection, problem: SelectionProblem): string | undefined {
  if (selection.kind === 'meal') {
    if (problem.slotId !== undefined) return `slot-${problem.slotId}`;
    return problem.path === 'sizeId' ? 'meal-size' : undefined;
  }
  if (problem.groupId !== undefined) return `options-${problem.groupId}`;
  if (problem.path === 'sizeId') return 'size';
  return problem.path.startsWith('removedIngredientIds') ? 'ingredients' : undefined;
}

/**
 * The group open when the customiser appears: the first whose rule is not met yet; else the one
 * most often changed: in a meal the first slot (the burger's "no onions" stays one tap), in an
 * item its first group.
 */
export function initialOpenGroup(groups: readonly CustomizerGroup[], selection: LineSelection, problems: readonly SelectionProblem[]): string | undefined {
  const unmet = new Set(problems.map((problem) => groupKeyOfProblem(selection, problem)));
  const firstUnmet = groups.find((group) => unmet.has(group.key));
  if (firstUnmet) return firstUnmet.key;
  if (selection.kind === 'meal') return (groups.find((group) => group.kind === 'slot') ?? groups[0])?.key;
  return groups[0]?.key;
}
