// Retention: what the store has acknowledged long enough ago leaves the kiosk.
import { Dexie } from 'dexie';
import { DAY_MS, type DataContext } from './context';
import type { OutboxRow } from './db';

export interface PruneResult {
  orders: number;
  outboxRows: number;
  events: number;
  paymentAttempts: number;
}

const unacknowledged = (message: OutboxRow) => message.state === 'pending' || message.state === 'dead';

export const retentionRecords = ({ db, now }: DataContext) => ({
  /**
   * Removes orders the store has (delivered, cancelled, paid at the counter) last changed more than
   * `olderThanDays` ago, with their payment journal, and delivered events as old. Anything the store
   * has not acknowledged (an outbox row still pending or dead) stays. Delivered messages left the
   * outbox when recorded; rows "delivered" from an older version's log go with their order or event.
   */
  async pruneDelivered({ olderThanDays }: { olderThanDays: number }): Promise<PruneResult> {
    if (!(olderThanDays >= 0)) throw new Error(`olderThanDays must be zero or more, got ${olderThanDays}`);
    const cutoff = now().getTime() - olderThanDays * DAY_MS;
    const result: PruneResult = { orders: 0, outboxRows: 0, events: 0, paymentAttempts: 0 };
    await db.transaction('rw', [db.orders, db.outbox, db.paymentJournal, db.events], async () => {
      for (const status of ['delivered', 'cancelled', 'paid'] as const) {
        const rows = await db.orders.where('[status+changedAt]').between([status, Dexie.minKey], [status, cutoff], true, false).toArray();
        for (const order of rows) {
          // The store owns a delivered order from here on (an unpaid counter order included); a card order is only "paid" mid-way.
          if (order.status === 'paid' && order.paymentMethod !== 'counter') continue;
          const messages = await db.outbox.where('[kind+subjectId]').equals(['order', order.orderId]).toArray();
          if (messages.some(unacknowledged)) continue;
          await db.outbox.bulkDelete(messages.map((message) => message.seq));
          result.outboxRows += messages.length;
          result.paymentAttempts += await db.paymentJournal.where('orderId').equals(order.orderId).delete();
          await db.orders.delete(order.orderId);
          result.orders += 1;
        }
      }
      const oldEvents = await db.events.where('at').below(new Date(cutoff).toISOString()).toArray();
      for (const event of oldEvents) {
        const messages = await db.outbox.where('[kind+subjectId]').equals(['event', event.eventId]).toArray();
        if (messages.some(unacknowledged)) continue;
        await db.outbox.bulkDelete(messages.map((message) => message.seq));
        result.outboxRows += messages.length;
        await db.events.delete(event.eventId);
        result.events += 1;
      }
    });
    return result;
  },
});
