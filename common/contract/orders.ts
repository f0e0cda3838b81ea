// Kiosk contract call that hands an order to the host before any money moves. The host is the
// trust boundary: it prices the order again with the same pure engine (common/menu/pricing)
// against the menu it serves, journals it (fsync) and from then on charges, prints "paid" and
// tells the store "paid" only from its own record. Implemented in electron/host/devices/order-book.ts.
import { z } from 'zod';
import { currencyCode } from '../menu/schema';
import { orderMessage } from '../store-bus/messages';
import { defineCall } from './define';

/** The host's record of a placed order: what it will charge. */
export const placedOrder = z.object({
  orderId: z.string().uuid(),
  /** The host's total (its own pricing), the amount payByCard charges. */
  totalMinor: z.number().int(),
  currency: currencyCode,
  /** When the host journaled it (the first placeOrder of this order). */
  placedAt: z.string(),
});
export type PlacedOrder = z.infer<typeof placedOrder>;

export const orderCalls = {
  /**
   * Places the order with the host: priced again against the served menu and journaled before
   * the answer. Idempotent on orderId: the same document again gets the same answer; another
   * document under the same id is refused (order_conflict). Refused also: menu_version_mismatch,
   * price_mismatch (lines, taxes or total differ from the host's pricing), over_limit (above the
   * store's maxOrderTotalMinor), bad_request (another store, kiosk or currency).
   */
  placeOrder: defineCall(z.object({ order: orderMessage }).strict(), placedOrder),
};
