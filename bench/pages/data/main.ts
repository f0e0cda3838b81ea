// The renderer's data layer (renderer/data) on its own in Chromium, on real IndexedDB, for
// bench/durable.ts: order placement commits and the outbox draining to the store bus.
// Built by Vite like the renderer; the bench drives it through window.counterpartBench.
import { KioskDatabase, openKioskData, orderMessage, startOutboxSync, type NewOrder, type OrderRow, type OutboxMessage } from '../../../renderer/data';
import { describeLine } from '../../../menu-config/src/describe';
import { defaultSelection, priceLine, priceOrder } from '../../../menu-config/src/pricing';
import type { Menu, StoreConfig } from '../../../menu-config/src/schema';
import { validateMenu, validateStoreConfig } from '../../../menu-config/src/validate';
import sampleMenu from '../../../menu-config/sample/menu.json';
import sampleStore from '../../../menu-config/sample/store.json';

const checkedMenu = validateMenu(sampleMenu);
const checkedStore = validateStoreConfig(sampleStore);
if (!checkedMenu.ok || !checkedStore.ok) throw new Error('the sample menu or store config does not validate');
const menu: Menu = checkedMenu.menu;
const store: StoreConfig = checkedStore.store;

/** A typical order as the kiosk builds it: a meal as it comes and a drink, priced and described. */
function newOrder(): NewOrder {
  const selections = [defaultSelection(menu, { kind: 'meal', mealId: 'big-burger-meal' }), defaultSelection(menu, { kind: 'item', itemId: 'cola' })];
  const priced = priceOrder(menu, store.tax, 'eat_in', selections, 'en');
  return {
    orderId: crypto.randomUUID(),
    storeId: store.storeId,
    kioskId: store.kioskId,
    menuVersion: menu.version,
    locale: 'en',
    serviceMode: 'eat_in',
    currency: store.currency,
    lines: selections.map((selection) => {
      const price = priceLine(menu, selection);
      const { title, details } = describeLine(menu, selection, 'en');
      return { lineId: crypto.randomUUID(), selection, title, details, unitPrice: price.unitPrice, total: price.total, calories: price.calories };
    }),
    taxes: priced.taxes,
    total: priced.total,
  };
}

type Durability = 'strict' | 'relaxed';

/**
 * The data layer always asks for strict durability. For the relaxed baseline the same code runs
 * with IndexedDB's transaction() told 'relaxed' instead: the one difference is the commit flush.
 */
async function withDurability<T>(durability: Durability, work: () => Promise<T>): Promise<T> {
  if (durability === 'strict') return work();
  const original = IDBDatabase.prototype.transaction;
  let relaxedTransactions = 0;
  IDBDatabase.prototype.transaction = function (this: IDBDatabase, names: string | string[], mode?: IDBTransactionMode, options?: IDBTransactionOptions) {
    relaxedTransactions += 1;
    return original.call(this, names, mode, { ...options, durability: 'relaxed' });
  };
  try {
    const result = await work();
    if (relaxedTransactions === 0) throw new Error('the relaxed baseline ran no transaction through IDBDatabase.transaction');
    return result;
  } finally {
    IDBDatabase.prototype.transaction = original;
  }
}

const options = (databaseName: string) => ({ kioskId: store.kioskId, orderPrefix: store.orderPrefix, timeZone: store.timezone, databaseName, log: () => undefined });

async function deleteDatabase(name: string): Promise<void> {
  await new KioskDatabase(name).delete();
}

/** Places `count` orders one after another; the time of each placeOrder() in ms. */
async function placeOrders(count: number, durability: Durability): Promise<number[]> {
  const name = `bench-place-${durability}`;
  await deleteDatabase(name);
  // Opened inside: Dexie binds IDBDatabase.transaction when the database opens.
  return withDurability(durability, async () => {
    const data = await openKioskData(options(name));
    try {
      const samples: number[] = [];
      for (let i = 0; i < count; i++) {
        const order = newOrder();
        const started = performance.now();
        await data.placeOrder(order, i % 2 === 0 ? 'card' : 'counter');
        samples.push(performance.now() - started);
      }
      return samples;
    } finally {
      data.close();
      await deleteDatabase(name);
    }
  });
}

const OUTBOX_DATABASE = 'bench-outbox';

/** Fills the outbox with `count` paid card orders ready for the store (one bulk write; not measured). */
async function seedOutbox(count: number): Promise<void> {
  await deleteDatabase(OUTBOX_DATABASE);
  const db = new KioskDatabase(OUTBOX_DATABASE);
  const template = newOrder();
  const at = new Date();
  const rows: OrderRow[] = Array.from({ length: count }, (_, i) => ({
    ...template,
    orderId: crypto.randomUUID(),
    orderNumber: `${store.orderPrefix}-${String((i % 999) + 1).padStart(3, '0')}`,
    paymentMethod: 'card',
    status: 'queued',
    placedAt: at.toISOString(),
    updatedAt: at.toISOString(),
    revision: 4,
    changedAt: at.getTime(),
  }));
  await db.transaction('rw', [db.orders, db.outbox], async () => {
    await db.orders.bulkAdd(rows);
    await db.outbox.bulkAdd(
      rows.map((row) => {
        const message = orderMessage(row);
        return { messageId: message.messageId, kind: 'order' as const, subjectId: row.orderId, state: 'pending' as const, message, createdAt: at.getTime(), attempts: 0, nextAttemptAt: 0 };
      }),
    );
  });
  db.close();
}

/**
 * Drains the outbox with the real sync loop. Each message goes over a WebSocket to the bench's
 * relay in Node, which publishes it with the store link (QoS 1) and answers on PUBACK, as the
 * kiosk host will: the loop waits for that before it records the delivery (a strict commit).
 * Stops after `budgetMs` if the outbox is not empty by then.
 */
async function drainOutbox(relayUrl: string, budgetMs: number): Promise<{ ms: number; delivered: number; pending: number }> {
  const socket = new WebSocket(relayUrl);
  await new Promise((resolve, reject) => {
    socket.onopen = resolve;
    socket.onerror = () => reject(new Error(`cannot reach the relay at ${relayUrl}`));
  });
  const waiting = new Map<number, { resolve(): void; reject(error: Error): void }>();
  socket.onmessage = (event) => {
    const answer = JSON.parse(String(event.data)) as { id: number; error?: string };
    const call = waiting.get(answer.id);
    waiting.delete(answer.id);
    if (answer.error) call?.reject(new Error(answer.error));
    else call?.resolve();
  };
  let nextId = 0;
  const link = {
    deliver(message: OutboxMessage): Promise<void> {
      if (message.kind !== 'order') return Promise.resolve();
      const id = nextId++;
      return new Promise<void>((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        socket.send(JSON.stringify({ id, order: message.order }));
      });
    },
  };
  const data = await openKioskData(options(OUTBOX_DATABASE));
  const started = performance.now();
  const sync = startOutboxSync({ data, link, idlePollMs: 60_000, log: (line) => console.error(line) });
  // Stopped at the budget if not idle by then: the rate is what was delivered in the time taken.
  let budget: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([sync.whenIdle(), new Promise<void>((resolve) => (budget = setTimeout(resolve, budgetMs)))]);
  clearTimeout(budget);
  await sync.stop();
  const ms = performance.now() - started;
  socket.close();
  data.close();
  const db = new KioskDatabase(OUTBOX_DATABASE);
  const delivered = await db.outbox.where('state').equals('delivered').count();
  const pending = await db.outbox.where('state').equals('pending').count();
  db.close();
  await deleteDatabase(OUTBOX_DATABASE);
  return { ms, delivered, pending };
}

/** The documents seedOutbox() queues, for the QoS 0 baseline to publish the same bytes. */
const sampleOrderDocument = () => ({ ...newOrder(), orderNumber: `${store.orderPrefix}-001`, paymentMethod: 'card', status: 'queued', placedAt: new Date().toISOString(), updatedAt: new Date().toISOString() });

Object.assign(window, { counterpartBench: { placeOrders, seedOutbox, drainOutbox, sampleOrderDocument, ready: true } });
