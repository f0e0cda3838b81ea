// What a group's row says is chosen now, in words: "Cola (Medium)", "No onions", "none yet —
// choose 1". The row shows it after the group's name, open or closed.
import { describeSlotChoice } from '../../../common/menu/describe';
import type { Menu, OptionGroup } from '../../../common/menu/schema';
import type { ItemChoice, LineSelection } from '../../../common/menu/selection';
import type { I18n } from '../../i18n/useI18n';
import type { CustomizerGroup } from './groups';

type Choice = Pick<ItemChoice, 'removedIngredientIds' | 'options'>;

/** The item choice a group of an item on its own belongs to (a meal's slots have their own). */
const itemChoiceOf = (selection: LineSelection): Choice | undefined => (selection.kind === 'item' ? selection : undefined);

function optionsSummary(i18n: I18n, group: OptionGroup, choice: Choice | undefined): string {
  const chosen = choice?.options[group.id] ?? {};
  const picked = group.options.filter((option) => (chosen[option.id] ?? 0) > 0);
  const total = picked.reduce((sum, option) => sum + (chosen[option.id] ?? 0), 0);
  const list = picked
    .map((option) => {
      const count = chosen[option.id] ?? 0;
      return count > 1 ? i18n.t.optionCount(count, i18n.text(option.name)) : i18n.text(option.name);
    })
    .join(', ');
  if (total < group.min) return total === 0 ? i18n.t.noneYet(group.min) : i18n.t.chooseMore(list, group.min - total);
  return total === 0 ? i18n.t.noChoice : list;
}

export function groupSummary(i18n: I18n, menu: Menu, selection: LineSelection, group: CustomizerGroup): string {
  const { t, text } = i18n;
  switch (group.kind) {
    case 'size': {
      const size = selection.kind === 'item' ? group.item.sizes.find((candidate) => candidate.id === selection.sizeId) : undefined;
      return size ? text(size.name) : t.noneYet(1);
    }
    case 'ingredients': {
      const removed = group.item.ingredients.filter((ingredient) => itemChoiceOf(selection)?.removedIngredientIds.includes(ingredient.id));
      return removed.length === 0 ? t.everythingOnIt : t.withoutIngredients(removed.map((ingredient) => text(ingredient.name)));
    }
    case 'options':
      return optionsSummary(i18n, group.group, itemChoiceOf(selection));
    case 'meal-size': {
      const size = selection.kind === 'meal' ? group.meal.sizes.find((candidate) => candidate.id === selection.sizeId) : undefined;
      return size ? text(size.name) : t.noneYet(1);
    }
    case 'slot':
      return (selection.kind === 'meal' ? describeSlotChoice(menu, selection, group.slot.id, i18n.locale) : undefined) ?? t.noneYet(1);
  }
}
