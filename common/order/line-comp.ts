// A line staff gave away (comp): part of the order document, and carried on the store bus
// (common/store-bus/messages.ts re-exports it), so the order never depends on bus messages.
import { z } from 'zod';
import { timestamp } from '../timestamp';

/** Why staff gave a line away (comp). */
export const COMP_REASONS = ['long_wait', 'wrong_item', 'goodwill', 'staff_meal', 'other'] as const;
export const compReason = z.enum(COMP_REASONS);
export type CompReason = z.infer<typeof compReason>;

/** A line staff gave away at the kiosk: it costs nothing and is in no tax row. */
export const lineComp = z.object({
  by: z.string().min(1).max(64).describe('The staff member who comped the line (their store bus username).'),
  reason: compReason,
  note: z.string().max(200).optional().describe('Free text from staff, e.g. what went wrong.'),
  at: timestamp.describe('When staff comped it (the host\'s audit log time).'),
});
export type LineComp = z.infer<typeof lineComp>;

/** On an order line: the comp and the gross price the line would have cost. */
export const orderLineComp = lineComp.extend({
  waivedTotal: z.number().int().nonnegative().describe('Gross minor units the line would have cost; the line\'s unitPrice and total are 0.'),
});
export type OrderLineComp = z.infer<typeof orderLineComp>;
