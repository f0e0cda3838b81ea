// The outbox as the sync loop and staff see it: the next batch to send, the store's answers
// recorded in one strict transaction (a delivered message leaves the outbox), the orders the store
// acknowledged marked delivered once the loop is idle, and dead letters that staff can send again.
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
  /** Orders whose message the store acknowledged now: they read delivered after markDelivered. */
  acknowledgedOrders: string[];
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
   * Where the rows of a batch stand now, read as keys rather than values: `pending` holds the
   * sequence numbers still pending with the message that was sent, `replaced` those pending with a
   * newer document of their order (queued while the batch was on its way); any other row left the
   * pending state (delivered or dead already, or gone). Only the rows `answered` are checked for a
   * replacement.
   */
  const whereRowsStand = async (rows: readonly OutboxRow[], answered: readonly OutboxRow[]) => {
    const seqs = rows.map((row) => row.seq);
    const first = Math.min(...seqs);
    const last = Math.max(...seqs);
    // Each pending row's sequence number and the message id it holds now. A run of sequence numbers:
    // one sweep of the index's keys. Rows scattered over a wider range (sent again from the start)
    // are read by their keys.
    const holding = new Map<number, string>(
      last - first + 1 > 2 * rows.length
        ? (await db.outbox.bulkGet(seqs)).flatMap((row) => (row?.state === 'pending' ? [[row.seq, row.messageId] as const] : []))
        : (await db.outbox.where('[state+seq+messageId]').between(['pending', first, Dexie.minKey], ['pending', last, Dexie.maxKey]).keys()).map((key) => {
            const [, seq, messageId] = key as unknown as [OutboxRow['state'], number, string];
            return [seq, messageId] as const;
          }),
    );
    // Events are never replaced. An order's pending row is replaced in place (same sequence number)
    // by a newer document, with a new message id.
    const replaced = new Set(answered.filter((row) => row.message.kind === 'order' && holding.has(row.seq) && holding.get(row.seq) !== row.messageId).map((row) => row.seq));
    const pending = new Set([...holding.keys()].filter((seq) => !replaced.has(seq)));
    return { pending, replaced };
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
       * strict transaction over the outbox alone. Delivered: the row is removed (one range delete
       * per run of sequence numbers); its order reads delivered once the loop is idle
       * (markDelivered). Refused: counted, with backoff, and a dead letter after `maxAttempts`.
       * Unavailable: stays pending. A row superseded meanwhile by a newer document stays pending
       * (the newer document goes next, nothing is counted against it).
       */
      async record(
        rows: readonly OutboxRow[],
        outcomes: readonly OutboxDelivery[],
        policy: { maxAttempts: number; delayMs: (attempts: number) => number },
      ): Promise<RecordedBatch> {
        if (outcomes.length !== rows.length) throw new Error(`The store answered ${outcomes.length} outcomes for a batch of ${rows.length} messages`);
        const recorded: RecordedBatch = { delivered: 0, retry: 0, dead: 0, unavailable: 0, acknowledgedOrders: [] };
        if (rows.length === 0) return recorded;
        await db.transaction('rw', db.outbox, async () => {
          const at = now().getTime();
          const { pending, replaced } = await whereRowsStand(
            rows,
            rows.filter((_, i) => outcomes[i]!.outcome !== 'unavailable'),
          );
          // A refusal rewrites the row: only those are read in full (rare).
          const refused = rows.filter((row, i) => outcomes[i]!.outcome === 'refused' && pending.has(row.seq));
          const currents = new Map((await db.outbox.bulkGet(refused.map((row) => row.seq))).flatMap((row) => (row ? [[row.seq, row] as const] : [])));
          const deliveredSeqs: number[] = [];
          const outboxWrites: OutboxRow[] = [];
          let leading = true;
          rows.forEach((row, i) => {
            const outcome = outcomes[i]!;
            let settled: boolean;
            if (replaced.has(row.seq)) settled = false; // replaced by a newer document, not yet sent
            else if (!pending.has(row.seq)) settled = true; // gone or recorded already
            else if (outcome.outcome === 'delivered') {
              deliveredSeqs.push(row.seq);
              recorded.delivered += 1;
              if (row.message.kind === 'order') recorded.acknowledgedOrders.push(row.message.orderId);
              settled = true;
            } else if (outcome.outcome === 'refused') {
              const current = currents.get(row.seq) ?? row;
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
          // Delivered rows go at once (nothing reads a delivery log): one request per run of sequence numbers.
          deliveredSeqs.sort((a, b) => a - b);
          for (const [first, last] of consecutiveRuns(deliveredSeqs)) await db.outbox.where(':id').between(first, last, true, true).delete();
          await db.outbox.bulkPut(outboxWrites);
        });
        return recorded;
      },

      /**
       * Marks delivered the queued orders the store has acknowledged, in strict transactions of up
       * to `chunk` orders; returns how many. Only `orderIds` are looked at when given (what the
       * loop recorded as acknowledged), else every queued order (at start: a stop may have come
       * between a commit and this). A queued order keeps an outbox row until the store
       * acknowledges it (it is queued in the transaction that writes that status, and a delivered
       * row leaves the outbox), so a queued order without one is delivered. The sync loop calls
       * this before it waits, rather than rewriting each order in the commit that records its
       * acknowledgement: a backlog reaches the store at the speed of the outbox alone, and the
       * order rows follow. Meanwhile the order reads queued, which every step that follows
       * delivery accepts too (staff taking the money may be quicker than the acknowledgement).
       */
      async markDelivered({ orderIds, chunk = 500 }: { orderIds?: readonly string[]; chunk?: number } = {}): Promise<number> {
        const acknowledged = await db.transaction('r', [db.orders, db.outbox], async () => {
          const candidates = orderIds ?? (await db.orders.where('[status+changedAt]').between(['queued', Dexie.minKey], ['queued', Dexie.maxKey]).primaryKeys());
          // The orders with a message still in the outbox (pending or dead): index keys, one request.
          const inOutbox = await db.outbox.where('[kind+subjectId]').between(['order', Dexie.minKey], ['order', Dexie.maxKey]).keys();
          const unacknowledged = new Set(inOutbox.map((key) => (key as unknown as [string, string])[1]));
          return [...new Set(candidates)].filter((orderId) => !unacknowledged.has(orderId));
        });
        // Acknowledged stays acknowledged: rows only ever leave the outbox of a queued order (a new
        // row comes only with a new status). So each chunk checks the status alone.
        let marked = 0;
        for (let start = 0; start < acknowledged.length; start += chunk) {
          const some = acknowledged.slice(start, start + chunk);
          marked += await db.transaction('rw', db.orders, async () => {
            // An order that moved on meanwhile (staff took the money, cancelled it) is not queued any more: left as it is.
            const orders = (await db.orders.bulkGet(some)).filter((order): order is OrderRow => order?.status === 'queued');
            await db.orders.bulkPut(orders.map((order) => advanceOrder(context, order, 'delivered')));
            return orders.length;
          });
        }
        return marked;
      },

      /**
       * Removes the delivery log older versions kept (rows in state "delivered"), in one
       * transaction; delivered rows are removed when recorded now. Returns how many were removed.
       */
      async dropDeliveryLog(): Promise<number> {
        return db.transaction('rw', db.outbox, async () => {
          const keys = await db.outbox.where('[state+seq]').between(['delivered', Dexie.minKey], ['delivered', Dexie.maxKey]).primaryKeys();
          for (const [first, last] of consecutiveRuns(keys)) await db.outbox.where(':id').between(first, last, true, true).delete();
          return keys.length;
        });
      },
    },
  };
};
