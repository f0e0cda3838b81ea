// The one loop that delivers the outbox to the store, in queue order. It never holds a
// transaction across the network: read a row, deliver it, then record the result.
import { retryDelayMs, type BackoffPolicy } from '../../common/backoff';
import type { OutboxMessage } from './db';
import type { KioskData } from './kiosk-data';

/**
 * The way to the store (the store-bus transport implements it through the kiosk host).
 * `deliver` resolves once the broker acknowledged the message (MQTT PUBACK, QoS 1).
 * It rejects with StoreLinkUnavailableError (or any error with code "STORE_LINK_UNAVAILABLE")
 * while the store cannot be reached; any other rejection counts as the store refusing this message.
 * Consumers de-duplicate on message.orderId + revision (orders) or eventId (events).
 */
export interface StoreLinkPort {
  deliver(message: OutboxMessage): Promise<void>;
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
  backoff?: BackoffPolicy;
  random?: () => number;
  /** How often an idle loop looks for work nobody announced (e.g. after a dead letter is retried elsewhere). */
  idlePollMs?: number;
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
  const announce = () => {
    news += 1;
    if (waiting?.untilNews) waiting.wake.abort();
  };

  const unsubscribe = data.onOutboxWrite(announce);

  const step = async (seen: Seen) => {
    const row = await data.outbox.next();
    if (!row) {
      for (const resolve of idleWaiters.splice(0)) resolve();
      await pause(idlePollMs, seen, true);
      return;
    }
    const wait = row.nextAttemptAt - data.now().getTime();
    if (wait > 0) {
      // A refused message waits out its own backoff; a kick only makes the loop look again.
      await pause(wait, seen);
      return;
    }
    try {
      await link.deliver(row.message);
    } catch (error) {
      if (isStoreLinkUnavailable(error)) {
        unavailableInRow += 1;
        await pause(retryDelayMs(unavailableInRow, backoff, random), seen);
        return;
      }
      unavailableInRow = 0;
      await data.outbox.refuse(row, error, { maxAttempts, delayMs: (attempts) => retryDelayMs(attempts, backoff, random) });
      return;
    }
    unavailableInRow = 0;
    await data.outbox.acknowledge(row);
  };

  const loop = (async () => {
    while (!stopped) {
      const seen = { kicks, news };
      try {
        await step(seen);
      } catch (error) {
        // The database itself failed (e.g. closing); wait and try again rather than die silently.
        if (stopped) break;
        log(`Outbox sync: ${error instanceof Error ? error.message : String(error)}`);
        unavailableInRow += 1;
        await pause(retryDelayMs(unavailableInRow, backoff, random), seen);
      }
    }
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
