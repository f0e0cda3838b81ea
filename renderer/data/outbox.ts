// The outbox as the sync loop and staff see it: the next batch to send, the store's answers
// recorded in one strict transaction, the delivery log trimmed, and dead letters that staff can
// send again.
import { Dexie } from 'dexie';
import type { DataContext } from './context';
import type { OutboxDelivery } from '../../common/contract/staff';
import type { OrderRow, OutboxMessage, OutboxRow } from './db';
import { advanceOrder } from './order-records';

export interface DeadLetter {
  seq: number;
  messageId: string;
  kind: OutboxMessage['kind'];
  subjectId: string;
  attempts: number;
  lastError?: string;
  /** Why the store refused it, as a code (e.g. not_paid). */
  lastErrorCode?: string;
  createdAt: number;
  message: OutboxMessage;
}

/** Pending messages to send now, in queue order (see outbox.nextBatch). */
export interface OutboxBatch {
  rows: OutboxRow[];
  /** Epoch ms: the first pending message waits out a refusal's backoff until then. */
  waitUntil?: number;
}

/** What one batch's answers changed. */
export interface RecordedBatch {
  delivered: number;
  /** Refused, to be tried again after a backoff. */
  retry: number;
  dead: number;
  /** No acknowledgement in time: stays pending. */
  unavailable: number;
  /** The last sequence number of the batch's leading rows that need no more sending; the next read starts after it. */
  doneThrough?: number;
}

/** Ascending keys as [first, last] runs of consecutive numbers: [1, 2, 3, 7] gives [1, 3] and [7, 7]. */
export const consecutiveRuns = (keys: readonly number[]): [number, number][] => {
  const runs: [number, number][] = [];
  for (const key of keys) {
    const run = runs.at(-1);
    if (run && key === run[1] + 1) run[1] = key;
    else runs.push([key, key]);
  }
  return runs;
};

export const outboxRecords = (context: DataContext) => {
  const { db, now, log, notifyOutbox } = context;

  /**
   * The rows of a batch as they are now (undefined: gone). A batch is mostly a run of consecutive
   * sequence numbers, read in one request over their range; one scattered over a wider range (rows
   * sent again from the start) is read row by row.
   */
  const currentRows = async (rows: readonly OutboxRow[]): Promise<(OutboxRow | undefined)[]> => {
    if (rows.length === 0) return [];
    const seqs = rows.map((row) => row.seq);
    const first = Math.min(...seqs);
    const last = Math.max(...seqs);
    if (last - first + 1 > 2 * rows.length) return db.outbox.bulkGet(seqs);
    const bySeq = new Map((await db.outbox.where(':id').between(first, last, true, true).toArray()).map((row) => [row.seq, row]));
    return rows.map((row) => bySeq.get(row.seq));
  };

  return {
    /** Messages the store refused too often: staff sees them and can send them again. */
    async listDeadLetters(): Promise<DeadLetter[]> {
      const rows = await db.outbox.where('[state+seq]').between(['dead', Dexie.minKey], ['dead', Dexie.maxKey]).toArray();
      return rows.map(({ seq, messageId, kind, subjectId, attempts, lastError, lastErrorCode, createdAt, message }) => ({
        seq,
        messageId,
        kind,
        subjectId,
        attempts,
        lastError,
        ...(lastErrorCode ? { lastErrorCode } : {}),
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

    /** Outbox steps of the sync loop (startOutboxSync): one read, then one strict transaction per batch. */
    outbox: {
      /**
       * Up to `maxMessages` pending messages in queue order, read in one transaction, starting
       * after `afterSeq` (the loop's cursor: a seek, not a walk over everything delivered) and
       * kept under about `maxBytes` of JSON. Stops before the first message still waiting out a
       * refusal's backoff, so the queue keeps its order; when that is the first one, `rows` is
       * empty and `waitUntil` says until when (epoch ms).
       */
      async nextBatch({ afterSeq, maxMessages, maxBytes = Infinity }: { afterSeq?: number; maxMessages: number; maxBytes?: number }): Promise<OutboxBatch> {
        const from = afterSeq === undefined ? Dexie.minKey : afterSeq;
        const candidates = await db.outbox
          .where('[state+seq]')
          .between(['pending', from], ['pending', Dexie.maxKey], afterSeq === undefined, true)
          .limit(maxMessages)
          .toArray();
        const at = now().getTime();
        const rows: OutboxRow[] = [];
        let bytes = 0;
        for (const row of candidates) {
          if (row.nextAttemptAt > at) return rows.length === 0 ? { rows, waitUntil: row.nextAttemptAt } : { rows };
          bytes += JSON.stringify(row.message).length;
          if (rows.length > 0 && bytes > maxBytes) break;
          rows.push(row);
        }
        return { rows };
      },

      /**
       * Records the store's answer for each row of a batch (`outcomes[i]` for `rows[i]`) in one
       * strict transaction. Delivered: the row is marked so and a queued order it carried becomes
       * delivered. Refused: counted, with backoff, and a dead letter after `maxAttempts`.
       * Unavailable: stays pending. A row superseded meanwhile by a newer document stays pending
       * (the newer document goes next, nothing is counted against it).
       */
      async record(
        rows: readonly OutboxRow[],
        outcomes: readonly OutboxDelivery[],
        policy: { maxAttempts: number; delayMs: (attempts: number) => number },
      ): Promise<RecordedBatch> {
        if (outcomes.length !== rows.length) throw new Error(`The store answered ${outcomes.length} outcomes for a batch of ${rows.length} messages`);
        const recorded: RecordedBatch = { delivered: 0, retry: 0, dead: 0, unavailable: 0 };
        await db.transaction('rw', [db.outbox, db.orders], async () => {
          const at = now().getTime();
          const currents = await currentRows(rows);
          const queued = rows.flatMap((row, i) =>
            outcomes[i]!.outcome === 'delivered' && row.message.kind === 'order' && row.message.order.status === 'queued' ? [row.message.orderId] : [],
          );
          const orders = new Map((await db.orders.bulkGet(queued)).flatMap((order) => (order ? [[order.orderId, order] as const] : [])));
          const outboxWrites: OutboxRow[] = [];
          const orderWrites: OrderRow[] = [];
          let leading = true;
          rows.forEach((row, i) => {
            const current = currents[i];
            const outcome = outcomes[i]!;
            let settled: boolean;
            if (!current || current.state !== 'pending') settled = true; // gone or recorded already
            else if (current.messageId !== row.messageId) settled = false; // replaced by a newer document, not yet sent
            else if (outcome.outcome === 'delivered') {
              const { lastError: _lastError, lastErrorCode: _lastErrorCode, ...rest } = current;
              outboxWrites.push({ ...rest, state: 'delivered', deliveredAt: at });
              recorded.delivered += 1;
              settled = true;
              const order = row.message.kind === 'order' ? orders.get(row.message.orderId) : undefined;
              if (order && row.message.kind === 'order' && order.status === 'queued' && order.revision === row.message.revision) {
                const delivered = advanceOrder(context, order, 'delivered');
                orders.set(order.orderId, delivered);
                orderWrites.push(delivered);
              }
            } else if (outcome.outcome === 'refused') {
              const attempts = current.attempts + 1;
              if (attempts >= policy.maxAttempts) {
                outboxWrites.push({ ...current, state: 'dead', attempts, lastError: outcome.reason, lastErrorCode: outcome.code });
                log(`Outbox message ${current.messageId} is a dead letter after ${attempts} refusals: ${outcome.reason}`);
                recorded.dead += 1;
                settled = true;
              } else {
                outboxWrites.push({ ...current, attempts, lastError: outcome.reason, lastErrorCode: outcome.code, nextAttemptAt: at + policy.delayMs(attempts) });
                recorded.retry += 1;
                settled = false;
              }
            } else {
              recorded.unavailable += 1;
              settled = false;
            }
            leading &&= settled;
            if (leading) recorded.doneThrough = row.seq;
          });
          await db.outbox.bulkPut(outboxWrites);
          await db.orders.bulkPut(orderWrites);
        });
        return recorded;
      },

      /**
       * Removes delivered rows with a sequence number after `afterSeq` and below `belowSeq`, at most
       * `limit` of them, in one transaction: the delivery log stays short, so every write to the
       * outbox and every seek stays as fast at the ten-thousandth delivery as at the first.
       * Returns how many were removed and the last sequence number removed.
       */
      async trimDelivered({ afterSeq, belowSeq, limit }: { afterSeq?: number; belowSeq: number; limit: number }): Promise<{ removed: number; lastSeq?: number }> {
        return db.transaction('rw', db.outbox, async () => {
          const keys = await db.outbox
            .where('[state+seq]')
            .between(['delivered', afterSeq ?? Dexie.minKey], ['delivered', belowSeq], afterSeq === undefined, false)
            .limit(limit)
            .primaryKeys();
          // Runs of consecutive sequence numbers go as one range each: one request, not one per row.
          for (const [first, last] of consecutiveRuns(keys)) await db.outbox.where(':id').between(first, last, true, true).delete();
          return { removed: keys.length, lastSeq: keys.at(-1) };
        });
      },
    },
  };
};
