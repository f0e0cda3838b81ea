// Why a line cannot be added yet, worded from the pricing engine's problem codes
// (common/menu/pricing selectionProblems). Parameters are the menu's own names in the
// customer's language, already looked up by the caller.
import type { SelectionProblemCode } from '../../menu/pricing';

type Name = string;

export const problems = {
  unknown_item: (item: Name) => `${item} is no longer on the menu.`,
  unknown_meal: (meal: Name) => `${meal} is no longer on the menu.`,
  item_sold_out: (item: Name) => `${item} is sold out.`,
  meal_sold_out: (meal: Name) => `${meal} is sold out.`,
  meal_only: (item: Name) => `${item} is only sold in a meal.`,
  unknown_size: (entry: Name, size: Name) => `${entry}: the size ${size} is not available.`,
  choose_size: (item: Name) => `${item}: choose a size.`,
  unknown_slot: (meal: Name, slot: Name) => `${meal}: ${slot} is not part of this meal.`,
  choose_slot_item: (slot: Name) => `${slot}: choose one.`,
  slot_not_offered: (slot: Name, item: Name) => `${slot}: ${item} is not offered here.`,
  unknown_ingredient: (item: Name, ingredient: Name) => `${item} has no ${ingredient}.`,
  ingredient_fixed: (item: Name, ingredient: Name) => `${item}: ${ingredient} cannot be left out.`,
  unknown_option_group: (item: Name, group: Name) => `${item}: ${group} is not available.`,
  unknown_option: (group: Name, option: Name) => `${group}: ${option} is not available.`,
  option_sold_out: (option: Name) => `${option} is sold out.`,
  option_too_many: (option: Name, max: number) => `${option}: at most ${max}.`,
  too_few: (group: Name, min: number) => `${group}: choose at least ${min}.`,
  too_many: (group: Name, max: number) => `${group}: choose at most ${max}.`,
} satisfies Record<SelectionProblemCode, (...args: never[]) => string>;

export type ProblemMessages = typeof problems;
