// The order document: what the kiosk stores, prints and sends to the store (the store bus
// publishes it as it is: common/store-bus/messages orderMessage). Pure data and types; the
// lifecycle rules live in order-lifecycle.ts. docs/order-message.schema.json is generated from it.
import { z } from 'zod';
import { lineSelection } from '../menu/selection';
import { currencyCode, serviceMode } from '../menu/schema';
import { orderLineComp } from './line-comp';
import { timestamp } from '../timestamp';

export const ORDER_STATUSES = [
  'draft',
  'placed',
  'payment_pending',
  'payment_unknown',
  'paid',
  'receipt_printed',
  'receipt_failed',
  'awaiting_counter_payment',
  'queued',
  'delivered',
  'cancelled',
] as const;
export const orderStatus = z.enum(ORDER_STATUSES);
export type OrderStatus = z.infer<typeof orderStatus>;


// Comps live in line-comp.ts; re-exported so the order document is one import.
export { COMP_REASONS, compReason, lineComp, orderLineComp, type CompReason, type LineComp, type OrderLineComp } from './line-comp';

/** A priced line as it was when the order was placed (prices never change afterwards). */
export const orderLine = z.object({
  lineId: z.string(),
  selection: lineSelection,
  title: z.string().describe('Human description in the order locale, e.g. "Big Burger Meal (Large) – no onions".'),
  details: z.array(z.string()),
  unitPrice: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
  calories: z.number().int(),
  comp: orderLineComp.optional().describe('Present when staff comped the line (price 0).'),
});
export type OrderLine = z.infer<typeof orderLine>;

export const taxLine = z.object({
  rateId: z.string(),
  label: z.string(),
  basisPoints: z.number().int(),
  gross: z.number().int().nonnegative(),
  net: z.number().int().nonnegative(),
  tax: z.number().int().nonnegative(),
});
export type TaxLine = z.infer<typeof taxLine>;

export const orderDocument = z.object({
  orderId: z.string().uuid().describe('Client-generated UUID; the idempotency key end to end. Consumers de-duplicate on it.'),
  orderNumber: z.string().describe('Human number shown on screen and receipt, e.g. "B-042".'),
  storeId: z.string(),
  kioskId: z.string(),
  menuVersion: z.string(),
  locale: z.string(),
  serviceMode,
  currency: currencyCode.describe('ISO 4217 code; every amount is in minor units (cents).'),
  lines: z.array(orderLine).min(1),
  taxes: z.array(taxLine),
  total: z.number().int().nonnegative(),
  paymentMethod: z.enum(['card', 'counter']),
  status: orderStatus,
  placedAt: timestamp,
  updatedAt: timestamp,
})
  // Whoever reads an order (kitchen, back office, the host) reads one total: its lines' sum.
  .refine((order) => order.total === order.lines.reduce((sum, line) => sum + line.total, 0), {
    message: 'the total must be the sum of the lines\' totals',
    path: ['total'],
    // Only of a document otherwise valid: a broken one is told what is broken, not a sum of it.
    when: (payload) => payload.issues.length === 0,
  });
export type OrderDocument = z.infer<typeof orderDocument>;
