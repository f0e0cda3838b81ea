// The one loop that delivers the outbox to the store, in queue order and in batches. It never
// holds a transaction across the network: read a batch (one transaction), send it (one call),
// then record every answer (one strict transaction). When a whole batch is acknowledged, its
// commit starts once the next batch (read while the first was on its way) has been sent. A batch cut off halfway (connection lost,
// an acknowledgement lost, the kiosk stopped between the store's answer and the commit) is sent
// again in part or whole: consumers de-duplicate on order id + revision (orders) or event id.
import { retryDelayMs, type BackoffPolicy } from '../../common/backoff';
import type { OutboxDelivery } from '../../common/contract/staff';
import type { OutboxMessage } from './db';
import type { KioskData } from './kiosk-data';
import type { OutboxBatch, RecordedBatch } from './outbox';

/**
 * The way to the store (the store-bus transport implements it through the kiosk host).
 * `deliver` sends a batch and resolves with one outcome per message, in the same order:
 * delivered (the broker's PUBACK, QoS 1), refused (counts towards a dead letter) or unavailable
 * (no acknowledgement; sent again after a backoff). It rejects with StoreLinkUnavailableError (or
 * any error with code "STORE_LINK_UNAVAILABLE") while the store cannot be reached at all; any
 * other rejection refuses the whole batch, which is then sent one message at a time so only the
 * message at fault is counted.
 */
export interface StoreLinkPort {
  deliver(messages: OutboxMessage[]): Promise<OutboxDelivery[]>;
}

export const STORE_LINK_UNAVAILABLE = 'STORE_LINK_UNAVAILABLE';

export class StoreLinkUnavailableError extends Error {
  readonly code = STORE_LINK_UNAVAILABLE;
  constructor(message = 'The store cannot be reached') {
    super(message);
    this.name = 'StoreLinkUnavailableError';
  }
}

export const isStoreLinkUnavailable = (error: unknown): boolean =>
  error instanceof StoreLinkUnavailableError ||
  (typeof error === 'object' && error !== null && (error as { code?: unknown }).code === STORE_LINK_UNAVAILABLE);

export interface OutboxSyncOptions {
  data: KioskData;
  link: StoreLinkPort;
  /** Refusals of one message before it becomes a dead letter (an unreachable store does not count). */
  maxAttempts?: number;
  /** Most messages per batch (one read, one call, one commit). */
  batchSize?: number;
  /** A batch stops growing past about this much JSON (the browser shell's WebSocket takes up to 1 MiB a message). */
  maxBatchBytes?: number;
  backoff?: BackoffPolicy;
  random?: () => number;
  /** How often an idle loop looks for work nobody announced (e.g. after a dead letter is retried elsewhere). */
  idlePollMs?: number;
  /**
   * Awaited before an idle loop takes up what was just queued: the page passes "once the main
   * thread is idle", so a delivery does not compete with the screen a tap leads to. Default: at once.
   */
  settle?: () => Promise<void>;
  /** Waits `ms` or until `wake` aborts; injectable so tests can see the backoff without waiting for it. */
  sleep?: (ms: number, wake: AbortSignal) => Promise<void>;
  log?: (message: string) => void;
}

export interface OutboxSync {
  /** Try now: the store link is back (resets the backoff) or something was queued. */
  kick(): void;
  /** Resolves the next time the loop finds nothing left to deliver. */
  whenIdle(): Promise<void>;
  /** Stops after the delivery in flight, if any, has been recorded. */
  stop(): Promise<void>;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 1_000, maxMs: 60_000 };
export const DEFAULT_MAX_ATTEMPTS = 8;
export const DEFAULT_BATCH_SIZE = 250;
export const DEFAULT_MAX_BATCH_BYTES = 512 * 1024;

const sleepUntilWoken = (ms: number, wake: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (wake.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      wake.removeEventListener('abort', done);
      resolve();
    }
    wake.addEventListener('abort', done, { once: true });
  });

/** Databases with a running loop: two loops would deliver the same row twice. */
const running = new WeakSet<KioskData>();

export const startOutboxSync = (options: OutboxSyncOptions): OutboxSync => {
  const { data, link } = options;
  if (running.has(data)) throw new Error('An outbox sync loop is already running for this kiosk database; stop it first');
  running.add(data);
  const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  const backoff = options.backoff ?? DEFAULT_BACKOFF;
  const random = options.random ?? Math.random;
  const idlePollMs = options.idlePollMs ?? 30_000;
  const sleep = options.sleep ?? sleepUntilWoken;
  const log = options.log ?? ((message: string) => console.warn(message));

  let stopped = false;
  let unavailableInRow = 0;
  let idleWaiters: (() => void)[] = [];
  // Wake-ups are counted, not just signalled: one that arrives while the loop is reading the
  // outbox or delivering (before it starts to wait) must still cancel that wait.
  let kicks = 0; // kick(): the link is back; ends any wait
  let news = 0; // something was queued (or someone waits for idle); ends the wait of an idle loop
  let waiting: { untilNews: boolean; wake: AbortController } | undefined;
  type Seen = { kicks: number; news: number };

  /** Waits `ms` unless woken, or already woken since the loop last looked at the outbox (`seen`). */
  const pause = async (ms: number, seen: Seen, untilNews = false) => {
    if (stopped || kicks !== seen.kicks || (untilNews && news !== seen.news)) return;
    const wake = new AbortController();
    waiting = { untilNews, wake };
    try {
      await sleep(ms, wake.signal);
    } finally {
      waiting = undefined;
    }
  };
  const settle = options.settle;
  const announce = () => {
    news += 1;
    const idle = waiting?.untilNews ? waiting.wake : undefined;
    if (!idle) return;
    if (settle) void settle().then(() => idle.abort(), () => idle.abort());
    else idle.abort();
  };

  const unsubscribe = data.onOutboxWrite(announce);

  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const maxBytes = options.maxBatchBytes ?? DEFAULT_MAX_BATCH_BYTES;
  const policy = { maxAttempts, delayMs: (attempts: number) => retryDelayMs(attempts, backoff, random) };
  /** Every message up to this sequence number needs no more sending: reads seek past it. */
  let cursor: number | undefined;
  /** After a whole batch was refused, this many messages go one at a time, so only the one at fault is counted. */
  let singly = 0;

  const read = async () => {
    const limits = { maxMessages: singly > 0 ? 1 : batchSize, maxBytes };
    const after = await data.outbox.nextBatch({ ...limits, afterSeq: cursor });
    if (after.rows.length > 0 || after.waitUntil !== undefined || cursor === undefined) return after;
    // Nothing after the cursor: look once from the start (a dead letter sent again keeps its old place).
    const fromStart = await data.outbox.nextBatch(limits);
    if (fromStart.rows.length > 0 || fromStart.waitUntil !== undefined) cursor = undefined;
    return fromStart;
  };

  /** The last fully acknowledged batch, to be recorded once the next batch is on its way. */
  let toRecord: { rows: OutboxBatch['rows']; outcomes: OutboxDelivery[] } | undefined;
  /** The commit of the last fully acknowledged batch, running while the next batch is on its way. */
  let recording: Promise<void> | undefined;
  /** The next batch, read while the previous one was on its way. */
  let prefetched: OutboxBatch | undefined;

  /** Orders whose message the store acknowledged, to be marked delivered before the loop next waits. */
  const acknowledged = new Set<string>();
  const noteAcknowledged = (recorded: RecordedBatch) => {
    for (const orderId of recorded.acknowledgedOrders) acknowledged.add(orderId);
    return recorded;
  };

  const startRecording = () => {
    if (!toRecord) return;
    const { rows, outcomes } = toRecord;
    toRecord = undefined;
    recording = data.outbox.record(rows, outcomes, policy).then((recorded) => void noteAcknowledged(recorded));
    recording.catch(() => undefined); // surfaces at settleRecording()
  };

  const settleRecording = async () => {
    startRecording();
    const pending = recording;
    recording = undefined;
    await pending;
  };

  /**
   * Everything sent so far recorded, and the orders acknowledged marked delivered: done before
   * the loop waits (idle, a backoff), not between batches, so a backlog drains at the outbox's pace.
   */
  const settleBeforeWaiting = async () => {
    await settleRecording();
    if (acknowledged.size === 0) return;
    const orderIds = [...acknowledged];
    await data.outbox.markDelivered({ orderIds });
    // Forgotten only once marked: after a failure they are tried again before the next wait.
    for (const orderId of orderIds) acknowledged.delete(orderId);
  };

  const step = async (seen: Seen) => {
    let batch = prefetched;
    prefetched = undefined;
    if (!batch || (batch.rows.length === 0 && batch.waitUntil === undefined)) {
      // Nothing read ahead: read once the last record is in (a row it left pending may be behind the cursor).
      await settleRecording();
      batch = await read();
    }
    if (batch.waitUntil !== undefined || batch.rows.length === 0) {
      await settleBeforeWaiting();
      if (batch.waitUntil !== undefined) {
        // A refused message waits out its own backoff; a kick only makes the loop look again.
        await pause(batch.waitUntil - data.now().getTime(), seen);
        return;
      }
      for (const resolve of idleWaiters.splice(0)) resolve();
      await pause(idlePollMs, seen, true);
      return;
    }
    const lastSeq = batch.rows.at(-1)!.seq;
    const delivering = link.deliver(batch.rows.map((row) => row.message));
    // Sent: now the previous batch's commit, so it does not hold this batch back.
    startRecording();
    // While this batch is on its way, read the next one: it starts after this batch, whose record does not touch it.
    const lookahead = singly > 0 ? undefined : data.outbox.nextBatch({ afterSeq: lastSeq, maxMessages: batchSize, maxBytes });
    lookahead?.catch(() => undefined); // dropped when this batch is not fully acknowledged
    let outcomes: OutboxDelivery[];
    try {
      outcomes = await delivering;
    } catch (error) {
      await settleBeforeWaiting();
      if (isStoreLinkUnavailable(error)) {
        unavailableInRow += 1;
        await pause(retryDelayMs(unavailableInRow, backoff, random), seen);
        return;
      }
      unavailableInRow = 0;
      if (batch.rows.length > 1) {
        singly = batch.rows.length;
        return;
      }
      outcomes = [{ outcome: 'refused', reason: error instanceof Error ? error.message : String(error) }];
    }
    // The previous batch's commit ran while this batch was on its way.
    await settleRecording();
    if (batch.rows.length === 1 && singly > 0) singly -= 1;
    if (outcomes.length === batch.rows.length && outcomes.every((outcome) => outcome.outcome === 'delivered')) {
      // All acknowledged: commit the record once the next batch has gone out (if the kiosk stops before
      // the commit, this batch is sent again). A row replaced meanwhile by a newer document stays
      // pending behind the cursor; the read from the start, when nothing is left after it, finds it.
      unavailableInRow = 0;
      cursor = lastSeq;
      toRecord = { rows: batch.rows, outcomes };
      prefetched = await lookahead;
      return;
    }
    const recorded = noteAcknowledged(await data.outbox.record(batch.rows, outcomes, policy));
    if (recorded.doneThrough !== undefined) cursor = recorded.doneThrough;
    if (recorded.unavailable > 0) {
      // Some messages had no acknowledgement in time: the link is struggling; they go again after a backoff.
      await settleBeforeWaiting();
      unavailableInRow += 1;
      await pause(retryDelayMs(unavailableInRow, backoff, random), seen);
      return;
    }
    unavailableInRow = 0;
  };

  /** A failure the loop outlives (the database closing, a marking that goes again later). */
  const logFailure = (error: unknown) => log(`Outbox sync: ${error instanceof Error ? error.message : String(error)}`);

  const loop = (async () => {
    // Older versions kept delivered rows as a log; nothing reads it, so it goes once here. And orders
    // acknowledged before a stop that came ahead of their marking read delivered now.
    await data.outbox.dropDeliveryLog().catch(logFailure);
    await data.outbox.markDelivered().catch(logFailure);
    while (!stopped) {
      const seen = { kicks, news };
      try {
        await step(seen);
      } catch (error) {
        // The database itself failed (e.g. closing); wait and try again rather than die silently.
        prefetched = undefined;
        toRecord = undefined;
        recording = undefined;
        cursor = undefined;
        if (stopped) break;
        logFailure(error);
        unavailableInRow += 1;
        await pause(retryDelayMs(unavailableInRow, backoff, random), seen);
      }
    }
    // Stopped: the last acknowledged batch is recorded (and its orders marked) before stop() resolves.
    await settleBeforeWaiting().catch(logFailure);
  })();

  return {
    kick() {
      unavailableInRow = 0;
      kicks += 1;
      waiting?.wake.abort();
    },
    whenIdle() {
      return new Promise<void>((resolve) => {
        idleWaiters.push(resolve);
        // Re-check now rather than after the idle poll.
        announce();
      });
    },
    async stop() {
      stopped = true;
      unsubscribe();
      waiting?.wake.abort();
      await loop;
      running.delete(data);
      for (const resolve of idleWaiters.splice(0)) resolve();
      idleWaiters = [];
    },
  };
};
