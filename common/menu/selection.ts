// What a customer chose for one cart line, as plain data (it is stored in the
// draft, the order and the outbox, so it must survive JSON and menu changes).
import { z } from 'zod';

/** groupId → optionId → quantity (0 or absent means not chosen). */
export const optionChoices = z.record(z.string(), z.record(z.string(), z.number().int().nonnegative()));
export type OptionChoices = z.infer<typeof optionChoices>;

export const itemChoice = z.object({
  itemId: z.string(),
  sizeId: z.string().optional(),
  removedIngredientIds: z.array(z.string()).default([]),
  options: optionChoices.default({}),
});
export type ItemChoice = z.infer<typeof itemChoice>;

export const lineSelection = z.discriminatedUnion('kind', [
  itemChoice.extend({ kind: z.literal('item'), quantity: z.number().int().min(1).max(99) }),
  z.object({
    kind: z.literal('meal'),
    mealId: z.string(),
    sizeId: z.string(),
    /** slotId → what was chosen in that slot (the item's size follows the meal size). */
    slots: z.record(z.string(), itemChoice.omit({ sizeId: true })),
    quantity: z.number().int().min(1).max(99),
  }),
]);
export type LineSelection = z.infer<typeof lineSelection>;
export type ItemLineSelection = Extract<LineSelection, { kind: 'item' }>;
export type MealLineSelection = Extract<LineSelection, { kind: 'meal' }>;
