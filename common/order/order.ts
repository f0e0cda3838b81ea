// The order document: what the kiosk stores, prints and sends to the store.
// Pure data and types; the lifecycle rules live in order-lifecycle.ts.
import { z } from 'zod';
import { lineSelection } from '../menu/selection';
import { currencyCode, serviceMode } from '../menu/schema';
import { orderLineComp } from '../store-bus/messages';

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

/** A priced line as it was when the order was placed (prices never change afterwards). */
export const orderLine = z.object({
  lineId: z.string(),
  selection: lineSelection,
  /** Human description in the order's locale, e.g. "Big Burger Meal (Large) – no onions, + bacon". */
  title: z.string(),
  details: z.array(z.string()),
  unitPrice: z.number().int(),
  total: z.number().int(),
  calories: z.number().int(),
  /** Staff gave the line away: unitPrice and total are 0, the comp says who, why and what it would have cost. */
  comp: orderLineComp.optional(),
});
export type OrderLine = z.infer<typeof orderLine>;

export const taxLine = z.object({
  rateId: z.string(),
  label: z.string(),
  basisPoints: z.number().int(),
  gross: z.number().int(),
  net: z.number().int(),
  tax: z.number().int(),
});
export type TaxLine = z.infer<typeof taxLine>;

export const orderDocument = z.object({
  /** Client-generated UUID: the idempotency key end to end. */
  orderId: z.string().uuid(),
  /** Human number shown on screen and receipt, e.g. "B-042". */
  orderNumber: z.string(),
  storeId: z.string(),
  kioskId: z.string(),
  menuVersion: z.string(),
  locale: z.string(),
  serviceMode,
  currency: currencyCode,
  lines: z.array(orderLine).min(1),
  taxes: z.array(taxLine),
  total: z.number().int(),
  paymentMethod: z.enum(['card', 'counter']),
  status: orderStatus,
  placedAt: z.string(),
  updatedAt: z.string(),
});
export type OrderDocument = z.infer<typeof orderDocument>;
