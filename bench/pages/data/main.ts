// The renderer's data layer (renderer/data) on its own in Chromium, on real IndexedDB, for
// bench/durable.ts: order placement commits, strict and relaxed. Built by Vite like the
// renderer; the bench drives it through window.counterpartBench.
import { KioskDatabase, openKioskData } from '../../../renderer/data';
import { sampleNewOrder, store } from '../../sample-order';

type Durability = 'strict' | 'relaxed';

/**
 * The data layer always asks for strict durability. For the relaxed baseline the same code runs
 * with IndexedDB's transaction() told 'relaxed' instead: the one difference is the commit flush.
 * Dexie binds IDBDatabase.transaction when a database opens, so open it inside `work`.
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

/** Places `count` orders one after another; the time of each placeOrder() in ms. */
async function placeOrders(count: number, durability: Durability): Promise<number[]> {
  const name = `bench-place-${durability}`;
  await new KioskDatabase(name).delete();
  return withDurability(durability, async () => {
    const data = await openKioskData({ kioskId: store.kioskId, orderPrefix: store.orderPrefix, timeZone: store.timezone, databaseName: name, log: () => undefined });
    try {
      const samples: number[] = [];
      for (let i = 0; i < count; i++) {
        const order = sampleNewOrder(() => crypto.randomUUID());
        const started = performance.now();
        await data.placeOrder(order, i % 2 === 0 ? 'card' : 'counter');
        samples.push(performance.now() - started);
      }
      return samples;
    } finally {
      data.close();
      await new KioskDatabase(name).delete();
    }
  });
}

Object.assign(window, { counterpartBench: { placeOrders, ready: true } });
