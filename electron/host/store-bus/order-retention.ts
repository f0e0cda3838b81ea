// A kiosk's orders stay retained on the store bus for a day (a console or an order status
// display that opens later sees the day's orders), then the kiosk clears them: the order
// and the latest status change staff made. It learns what is retained from its own
// subscription to order/{self}/+ and order/{self}/+/status, so it needs no state of its own
// and clears what an earlier run of the kiosk left behind too.
import { ORDER_RETENTION_MS, storeTopics, type PlannedPublish } from '../../../common/store-bus/messages';

export interface OrderRetentionOptions {
  store: string;
  kioskId: string;
  /** Publishes the clearing messages (empty, retained). */
  publish: (what: string, plan: PlannedPublish[]) => Promise<void>;
  retentionMs?: number;
  now?: () => number;
}

export function createOrderRetention(options: OrderRetentionOptions) {
  const topics = storeTopics(options.store);
  const retentionMs = options.retentionMs ?? ORDER_RETENTION_MS;
  const now = options.now ?? Date.now;
  /** orderId → when it was placed (ms), for the orders retained now. */
  const placed = new Map<string, number>();
  /** Orders whose status change is retained. */
  const withStatus = new Set<string>();

  return {
    /** An own order seen on the bus (retained, or just published); an empty message means it was cleared. */
    seenOrder(orderId: string, placedAt: string | null): void {
      if (placedAt === null) return void placed.delete(orderId);
      const at = Date.parse(placedAt);
      if (Number.isFinite(at)) placed.set(orderId, at);
    },
    seenStatus(orderId: string, cleared: boolean): void {
      if (cleared) withStatus.delete(orderId);
      else withStatus.add(orderId);
    },
    /** Clears every own order placed longer ago than the retention time; resolves with how many. */
    async sweep(): Promise<number> {
      const cutoff = now() - retentionMs;
      const stale = [...placed].filter(([, at]) => at < cutoff).map(([orderId]) => orderId);
      for (const orderId of stale) {
        const plan: PlannedPublish[] = [{ topic: topics.order(options.kioskId, orderId), payload: '', retain: true }];
        if (withStatus.has(orderId)) plan.push({ topic: topics.orderStatus(options.kioskId, orderId), payload: '', retain: true });
        await options.publish(`clearing order ${orderId}`, plan);
        placed.delete(orderId);
        withStatus.delete(orderId);
      }
      return stale.length;
    },
  };
}
