import type { StateCreator } from 'zustand';
import type { Menu } from '../../common/menu/schema';
import { defaultSelection, selectionProblems } from '../../common/menu/pricing';
import { menuIndex } from '../../common/menu/menu-index';
import type { ItemChoice, LineSelection, OptionChoices } from '../../common/menu/selection';
import { MAX_LINE_QUANTITY } from './cart-slice';
import type { ChoiceTarget, CustomizerSlice, KioskDeps, KioskState } from './types';

type SlotChoice = Omit<ItemChoice, 'sizeId'>;

/** What an item looks like when first chosen in a meal slot: its default options, nothing removed. */
const defaultSlotChoice = (menu: Menu, itemId: string): SlotChoice => {
  const line = defaultSelection(menu, { kind: 'item', itemId });
  if (line.kind !== 'item') throw new Error(`defaultSelection returned a ${line.kind} for item "${itemId}"`);
  return { itemId, removedIngredientIds: line.removedIngredientIds, options: line.options };
};

/** Applies fn to the item choice the target names (the line itself, or a meal slot). */
const updateTarget = (
  selection: LineSelection,
  target: ChoiceTarget,
  fn: (choice: SlotChoice) => SlotChoice,
): LineSelection => {
  if (target.slotId === undefined) {
    if (selection.kind !== 'item') return selection;
    return { ...selection, ...fn(selection) };
  }
  if (selection.kind !== 'meal') return selection;
  const slot = selection.slots[target.slotId];
  if (!slot) return selection;
  return { ...selection, slots: { ...selection.slots, [target.slotId]: fn(slot) } };
};

/**
 * Sets how many of an option are chosen, keeping the group's rules: a single-choice
 * group holds one option, a multiple-choice group never exceeds its maximum.
 */
export const withOptionQuantity = (
  menu: Menu,
  options: OptionChoices,
  groupId: string,
  optionId: string,
  quantity: number,
): OptionChoices => {
  const group = menuIndex(menu).optionGroups.get(groupId);
  const option = group?.options.find((candidate) => candidate.id === optionId);
  if (!group || !option || option.soldOut) return options;
  const current = options[groupId] ?? {};
  if (group.selection === 'single') {
    if (quantity <= 0) {
      // A required single choice cannot be emptied, only changed.
      if (group.min > 0) return options;
      return { ...options, [groupId]: {} };
    }
    return { ...options, [groupId]: { [optionId]: 1 } };
  }
  const others = Object.entries(current).reduce((sum, [id, count]) => (id === optionId ? sum : sum + count), 0);
  const allowed = Math.max(0, Math.min(quantity, option.maxQuantity, group.max - others));
  const next = { ...current };
  if (allowed === 0) delete next[optionId];
  else next[optionId] = allowed;
  return { ...options, [groupId]: next };
};

export const createCustomizerSlice =
  (_deps: KioskDeps): StateCreator<KioskState, [], [], CustomizerSlice> =>
  (set, get) => {
    const update = (fn: (selection: LineSelection, menu: Menu) => LineSelection) => {
      const { customizer, menu } = get();
      if (!customizer || !menu) return;
      set({ customizer: { ...customizer, selection: fn(customizer.selection, menu) } });
    };

    return {
      customizer: null,

      openCustomizer(entry) {
        const { menu } = get();
        if (!menu) return;
        set({ customizer: { origin: { kind: 'new' }, selection: defaultSelection(menu, entry) }, screen: 'customize' });
      },

      editLine(lineId) {
        const line = get().lines.find((candidate) => candidate.lineId === lineId);
        if (!line) return;
        set({ customizer: { origin: { kind: 'edit', lineId }, selection: line.selection }, screen: 'customize' });
      },

      setSize(sizeId) {
        update((selection) => ({ ...selection, sizeId }));
      },

      toggleIngredient(target, ingredientId) {
        update((selection) =>
          updateTarget(selection, target, (choice) => ({
            ...choice,
            removedIngredientIds: choice.removedIngredientIds.includes(ingredientId)
              ? choice.removedIngredientIds.filter((id) => id !== ingredientId)
              : [...choice.removedIngredientIds, ingredientId],
          })),
        );
      },

      setOptionQuantity(target, groupId, optionId, quantity) {
        update((selection, menu) =>
          updateTarget(selection, target, (choice) => ({
            ...choice,
            options: withOptionQuantity(menu, choice.options, groupId, optionId, quantity),
          })),
        );
      },

      clearOptionGroup(target, groupId) {
        update((selection, menu) =>
          updateTarget(selection, target, (choice) => ({
            ...choice,
            options: Object.keys(choice.options[groupId] ?? {}).reduce((options, optionId) => withOptionQuantity(menu, options, groupId, optionId, 0), choice.options),
          })),
        );
      },

      chooseSlotItem(slotId, itemId) {
        update((selection, menu) => {
          if (selection.kind !== 'meal' || selection.slots[slotId]?.itemId === itemId) return selection;
          return { ...selection, slots: { ...selection.slots, [slotId]: defaultSlotChoice(menu, itemId) } };
        });
      },

      setCustomizerQuantity(quantity) {
        update((selection) => ({ ...selection, quantity: Math.min(MAX_LINE_QUANTITY, Math.max(1, Math.round(quantity))) }));
      },

      commitCustomizer() {
        const { customizer, menu } = get();
        // The UI disables the button with the reasons shown; this guards every other caller.
        if (!customizer || !menu || selectionProblems(menu, customizer.selection).length > 0) return;
        // The customiser closes in the same change as the line's.
        if (customizer.origin.kind === 'edit') get().replaceLine(customizer.origin.lineId, customizer.selection, { customizer: null, screen: 'review' });
        else get().addLine(customizer.selection, { customizer: null, screen: 'menu' });
      },

      closeCustomizer() {
        const { customizer } = get();
        set({ customizer: null, screen: customizer?.origin.kind === 'edit' ? 'review' : 'menu' });
      },
    };
  };
