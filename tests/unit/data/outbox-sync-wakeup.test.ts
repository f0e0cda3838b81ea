// Lost wake-ups in the outbox sync loop. The sleep here never ends by itself: only a wake-up
// from the loop (kick, new work, stop) or the test letting the time pass ends it, so a wake-up
// that arrives while the loop is between looking at the outbox and starting its sleep, and is
// lost, shows as a stall instead of a delay.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { openKioskData, startOutboxSync, StoreLinkUnavailableError, type OutboxMessage, type OutboxSync, type OutboxSyncOptions } from '../../../renderer/data';
import { FakeStore, TestClock, dataOptions, POLL, sampleOrder } from './fixtures';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A sleep that ends only when woken or when the test lets the time pass (`elapse`). */
const manualSleep = () => {
  const sleeping = new Set<{ ms: number; end: () => void }>();
  const sleep = (ms: number, wake: AbortSignal) =>
    new Promise<void>((resolve) => {
      if (wake.aborted) return resolve();
      const entry = {
        ms,
        end: () => {
          sleeping.delete(entry);
          resolve();
        },
      };
      sleeping.add(entry);
      wake.addEventListener('abort', entry.end, { once: true });
    });
  return {
    sleep,
    sleeping: () => [...sleeping].map((entry) => entry.ms),
    elapse: () => [...sleeping].forEach((entry) => entry.end()),
  };
};

const setup = async (overrides: Partial<OutboxSyncOptions> = {}) => {
  const clock = new TestClock();
  const data = await openKioskData(dataOptions(clock, { log: () => undefined }));
  cleanups.push(() => data.close());
  const store = new FakeStore();
  const time = manualSleep();
  const start = (more: Partial<OutboxSyncOptions> = {}) => {
    const sync = startOutboxSync({ data, link: store, sleep: time.sleep, random: () => 0.5, log: () => undefined, idlePollMs: 30_000, ...overrides, ...more });
    cleanups.push(async () => {
      time.elapse();
      await sync.stop();
    });
    return sync;
  };
  return { data, store, time, start };
};

describe('outbox sync wake-ups', () => {
  it('delivers at once when the link comes back while the failing delivery is still on its way', async () => {
    const { data, store, time, start } = await setup();
    store.online = false;
    await data.placeOrder(sampleOrder(), 'counter');
    const running: { sync?: OutboxSync } = {};
    const deliver = store.deliver.bind(store);
    let reconnectDuringFirstTry = true;
    store.deliver = async (messages: OutboxMessage[]) => {
      if (!reconnectDuringFirstTry) return deliver(messages);
      reconnectDuringFirstTry = false;
      store.calls.push(...messages);
      // The broker is back and the host says so before the answer to this (failed) try arrives.
      store.online = true;
      running.sync!.kick();
      throw new StoreLinkUnavailableError('broker unreachable when the host tried');
    };
    running.sync = start();
    // No time passes: the kick must not be lost to the backoff that follows the failed try.
    await expect.poll(() => store.received.length === 1, POLL).toBe(true);
    expect(time.sleeping()).not.toContain(750);
  });

  it('delivers an order queued while the loop was reading the outbox and about to go idle', async () => {
    const { data, store, start } = await setup();
    const nextBatch = data.outbox.nextBatch.bind(data.outbox);
    let placedDuringRead = false;
    data.outbox.nextBatch = async (limits) => {
      const batch = await nextBatch(limits);
      if (!placedDuringRead) {
        placedDuringRead = true;
        // Committed (and announced) after the read found nothing, before the loop sleeps.
        await data.placeOrder(sampleOrder(), 'counter');
      }
      return batch;
    };
    start();
    await expect.poll(() => store.received.length === 1, POLL).toBe(true);
  });

  it('stops without waiting out the backoff when stopped while a delivery is on its way', async () => {
    const { data, store, start } = await setup();
    await data.placeOrder(sampleOrder(), 'counter');
    let fail!: () => void;
    const answered = new Promise<void>((resolve) => (fail = resolve));
    store.deliver = async (messages: OutboxMessage[]) => {
      store.calls.push(...messages);
      await answered;
      throw new StoreLinkUnavailableError('broker went away');
    };
    const sync = start();
    await expect.poll(() => store.calls.length === 1, POLL).toBe(true);
    let stopped = false;
    const stopping = sync.stop().then(() => (stopped = true));
    fail();
    await expect.poll(() => stopped, POLL).toBe(true);
    await stopping;
  });
});
