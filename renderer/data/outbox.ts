// The outbox as the sync loop and staff see it: the next message to send, the store's answer
// recorded in a strict transaction, and dead letters that staff can send again.
import { Dexie } from 'dexie';
import type { DataContext } from './context';
import type { OutboxMessage, OutboxRow } from './db';
import { applyEvent } from './order-records';

export interface DeadLetter {
  seq: number;
  messageId: string;
  kind: OutboxMessage['kind'];
  subjectId: string;
  attempts: number;
  lastError?: string;
  createdAt: number;
  message: OutboxMessage;
}

export const outboxRecords = (context: DataContext) => {
  const { db, now, log, notifyOutbox } = context;
  return {
    /** Messages the store refused too often: staff sees them and can send them again. */
    async listDeadLetters(): Promise<DeadLetter[]> {
      const rows = await db.outbox.where('[state+seq]').between(['dead', Dexie.minKey], ['dead', Dexie.maxKey]).toArray();
      return rows.map(({ seq, messageId, kind, subjectId, attempts, lastError, createdAt, message }) => ({
        seq,
        messageId,
        kind,
        subjectId,
        attempts,
        lastError,
        createdAt,
        message,
      }));
    },

    /** Puts a dead letter back in the queue with a fresh attempt count. */
    async retryDeadLetter(seq: number): Promise<void> {
      await db.transaction('rw', db.outbox, async () => {
        const row = await db.outbox.get(seq);
        if (!row || row.state !== 'dead') throw new Error(`Outbox message ${seq} is not a dead letter`);
        await db.outbox.update(seq, { state: 'pending', attempts: 0, nextAttemptAt: 0 });
      });
      notifyOutbox();
    },

    /** Outbox steps of the sync loop (startOutboxSync); each is one strict transaction. */
    outbox: {
      /** The first undelivered message in queue order. */
      async next(): Promise<OutboxRow | undefined> {
        return db.outbox.where('[state+seq]').between(['pending', Dexie.minKey], ['pending', Dexie.maxKey]).first();
      },

      /**
       * The store acknowledged `row` as it was read. A row superseded meanwhile by a newer
       * document stays pending (the newer document goes next). An acknowledged order message
       * in status "queued" marks the order delivered.
       */
      async acknowledge(row: OutboxRow): Promise<void> {
        await db.transaction('rw', [db.outbox, db.orders], async () => {
          const current = await db.outbox.get(row.seq);
          if (!current || current.state !== 'pending' || current.messageId !== row.messageId) return;
          await db.outbox.update(row.seq, { state: 'delivered', deliveredAt: now().getTime(), lastError: undefined });
          if (row.message.kind !== 'order' || row.message.order.status !== 'queued') return;
          const order = await db.orders.get(row.message.orderId);
          if (order && order.status === 'queued' && order.revision === row.message.revision) await applyEvent(context, order, 'delivered');
        });
      },

      /** The store refused `row`: count it, and after `maxAttempts` make it a dead letter. */
      async refuse(row: OutboxRow, error: unknown, policy: { maxAttempts: number; delayMs: (attempts: number) => number }): Promise<'retry' | 'dead'> {
        const reason = error instanceof Error ? error.message : String(error);
        return db.transaction('rw', db.outbox, async () => {
          const current = await db.outbox.get(row.seq);
          // Gone, or a newer document replaced the refused one: that one has not been tried yet.
          if (!current || current.state !== 'pending' || current.messageId !== row.messageId) return 'retry';
          const attempts = current.attempts + 1;
          if (attempts >= policy.maxAttempts) {
            await db.outbox.update(row.seq, { state: 'dead', attempts, lastError: reason });
            log(`Outbox message ${current.messageId} is a dead letter after ${attempts} refusals: ${reason}`);
            return 'dead';
          }
          await db.outbox.update(row.seq, { attempts, lastError: reason, nextAttemptAt: now().getTime() + policy.delayMs(attempts) });
          return 'retry';
        });
      },
    },
  };
};
