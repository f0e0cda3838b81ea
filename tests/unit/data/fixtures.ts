// Shared helpers for the data-layer tests: a controllable clock, fresh databases, sample orders.
import sampleMenuJson from '../../../menu-config/sample/menu.json';
import { menu as menuSchema, type Menu } from '../../../common/menu/schema';
import { Dexie } from 'dexie';
import type { OutboxDelivery } from '../../../common/contract/staff';
import {
  openKioskData,
  startOutboxSync,
  StoreLinkUnavailableError,
  type KioskData,
  type KioskDataOptions,
  type NewOrder,
  type OutboxMessage,
  type OutboxSync,
  type OutboxSyncOptions,
  type StoreLinkPort,
} from '../../../renderer/data';

export { outboxCount } from '../../support/outbox-count';

export class TestClock {
  constructor(private current = new Date('2026-11-25T10:00:00.000Z')) {}
  now = (): Date => new Date(this.current);
  advance(ms: number) {
    this.current = new Date(this.current.getTime() + ms);
  }
  set(iso: string) {
    this.current = new Date(iso);
  }
}

let databaseCounter = 0;
/** A database name no other test uses (fake-indexeddb is shared within a test file). */
export const uniqueDatabaseName = (label = 'test') => `counterpart-${label}-${++databaseCounter}-${crypto.randomUUID()}`;

export const dataOptions = (clock: TestClock, overrides: Partial<KioskDataOptions> = {}): KioskDataOptions => ({
  kioskId: 'kiosk-1',
  orderPrefix: 'B',
  timeZone: 'Europe/Berlin',
  databaseName: uniqueDatabaseName(),
  now: clock.now,
  ...overrides,
});

export const sampleOrder = (overrides: Partial<NewOrder> = {}): NewOrder => ({
  orderId: crypto.randomUUID(),
  storeId: 'store-1',
  kioskId: 'kiosk-1',
  menuVersion: '1',
  locale: 'en',
  serviceMode: 'eat_in',
  currency: 'EUR',
  lines: [
    {
      lineId: 'line-1',
      selection: { kind: 'item', itemId: 'burger', quantity: 1, removedIngredientIds: [], options: {} },
      title: 'Burger',
      details: [],
      unitPrice: 500,
      total: 500,
      calories: 550,
    },
  ],
  taxes: [{ rateId: 'reduced', label: 'VAT 7 %', basisPoints: 700, gross: 500, net: 467, tax: 33 }],
  total: 500,
  ...overrides,
});

/**
 * A store on the far end of the link, honest about what it saw: while offline it rejects a batch
 * before receiving anything; it can refuse chosen messages, receive a message and lose its
 * acknowledgement (so the kiosk sends it again), or go offline partway through a batch (the
 * messages after the cut never arrive). Consumers de-duplicate on orderId + revision.
 */
export class FakeStore implements StoreLinkPort {
  online = true;
  /** Every message offered, including those of rejected batches. */
  calls: OutboxMessage[] = [];
  /** Each deliver() call's batch. */
  batches: OutboxMessage[][] = [];
  /** Messages the store actually received (before de-duplication). */
  received: OutboxMessage[] = [];
  /** message ids the store refuses (a poison message). */
  refuse = new Set<string>();
  /** message ids whose acknowledgement gets lost once after the store received them. */
  loseAckOnce = new Set<string>();
  /** message ids at which the connection drops once: that message and the rest of its batch never arrive. */
  dropConnectionAtOnce = new Set<string>();
  /** orderId → the latest revision applied (the store's de-duplicated view). */
  applied = new Map<string, OutboxMessage & { kind: 'order' }>();
  /** How many times each orderId#revision or eventId took effect after de-duplication. */
  effects = new Map<string, number>();

  async deliver(messages: OutboxMessage[]): Promise<OutboxDelivery[]> {
    this.calls.push(...messages);
    this.batches.push(messages);
    await Promise.resolve();
    if (!this.online) throw new StoreLinkUnavailableError('broker unreachable');
    // Published together, each answered on its own: the messages of one batch are in flight at once.
    return Promise.all(messages.map((message) => this.deliverOne(message)));
  }

  /** One message of a batch; tests replace it to hold or fail a chosen message. */
  async deliverOne(message: OutboxMessage): Promise<OutboxDelivery> {
    if (this.dropConnectionAtOnce.delete(message.messageId)) this.online = false;
    if (!this.online) return { outcome: 'unavailable', reason: 'connection lost before the broker had it' };
    if (this.refuse.has(message.messageId)) return { outcome: 'refused', reason: `store refused ${message.messageId}` };
    this.take(message);
    if (this.loseAckOnce.delete(message.messageId)) return { outcome: 'unavailable', reason: 'connection lost before PUBACK' };
    return { outcome: 'delivered' };
  }

  /** The store receives a message: de-duplicated on orderId + revision (orders) or eventId (events). */
  take(message: OutboxMessage): void {
    this.received.push(message);
    const key = message.kind === 'order' ? `${message.orderId}#${message.revision}` : message.eventId;
    if (!this.effects.has(key)) {
      this.effects.set(key, 1);
      if (message.kind === 'order') {
        const known = this.applied.get(message.orderId);
        if (!known || known.revision < message.revision) this.applied.set(message.orderId, message);
      }
    }
  }

  receivedFor(orderId: string) {
    return this.received.filter((message) => message.kind === 'order' && message.orderId === orderId);
  }
}

/** The first pending outbox row in queue order, whatever its backoff. */
export const firstPending = (data: KioskData) => data.db.outbox.where('[state+seq]').between(['pending', Dexie.minKey], ['pending', Dexie.maxKey]).first();

/**
 * A sleep on virtual time: it records the wait it was asked for, moves the test clock on by it
 * and yields only a moment of real time (tests never wait for real backoff).
 */
export const recordingSleep = (clock?: TestClock) => {
  const waits: number[] = [];
  const sleep = (ms: number, wake: AbortSignal) => {
    waits.push(ms);
    clock?.advance(ms);
    return new Promise<void>((resolve) => {
      if (wake.aborted) return resolve();
      const timer = setTimeout(resolve, Math.min(ms, 2));
      wake.addEventListener('abort', () => {
        clearTimeout(timer);
        resolve();
      }, { once: true });
    });
  };
  return { waits, sleep };
};

/** expect.poll's options for the sync loop, which sleeps 2 ms at a time (recordingSleep); under the 5 s test timeout. */
export const POLL = { interval: 2, timeout: 4_000 };

/** The sample menu shipped with the project, validated (the menu the kiosk would cache). */
export const sampleMenu: Menu = menuSchema.parse(sampleMenuJson);

/** `count` counter orders queued for the store, in the order they were taken. */
export const queueCounterOrders = async (data: KioskData, count: number): Promise<string[]> => {
  const orderIds: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const order = await data.placeOrder(sampleOrder(), 'counter');
    await data.transitionOrder(order.orderId, 'queued');
    orderIds.push(order.orderId);
  }
  return orderIds;
};

/**
 * For the outbox tests: a kiosk database, a fake store, and `start` for a sync loop between them
 * (its sleeps recorded, not waited). What it opens goes into `cleanups`, which the test file runs
 * after each test.
 */
export const outboxHarness = async (cleanups: (() => Promise<void> | void)[]) => {
  const clock = new TestClock();
  const options = dataOptions(clock, { log: () => undefined });
  const data = await openKioskData(options);
  cleanups.push(() => data.close());
  const store = new FakeStore();
  const start = (overrides: Partial<OutboxSyncOptions> = {}): OutboxSync => {
    const sync = startOutboxSync({ data, link: store, sleep: recordingSleep(clock).sleep, random: () => 0.5, log: () => undefined, ...overrides });
    cleanups.push(() => sync.stop());
    return sync;
  };
  return { clock, options, data, store, start };
};
