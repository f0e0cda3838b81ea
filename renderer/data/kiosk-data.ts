// The kiosk's durable data, one facade over one module per kind of record: orders
// (orders.ts), the payment journal (payments.ts), the draft cart (drafts.ts), session events
// (session-events.ts), the menu cache (menu-cache.ts), the outbox (outbox.ts) and retention
// (retention.ts). Every change the store must hear about is queued in the outbox in the same
// (strict) transaction as the change itself (outbox-queue.ts). No network inside a transaction.
import { KioskDatabase, DEFAULT_DATABASE_NAME } from './db';
import type { DataContext } from './context';
import { draftRecords } from './drafts';
import { eventRecords } from './session-events';
import { menuCacheRecords } from './menu-cache';
import { orderRecords } from './orders';
import { outboxRecords } from './outbox';
import { paymentRecords } from './payments';
import { retentionRecords } from './retention';

export { invalidInput } from './context';
export { orderMessage, toOrderDocument } from './outbox-queue';
export { terminalReference, type PaymentResult } from './payments';
export type { NewOrder, PaymentMethod } from './orders';
export { draftInput, type DraftInput, type StoredDraft } from './drafts';
export { ANALYTICS_EVENT_TYPES, eventInput, type EventInput } from './session-events';
export type { CachedMenu } from './menu-cache';
export type { DeadLetter } from './outbox';
export type { PruneResult } from './retention';

export interface KioskDataOptions {
  kioskId: string;
  /** One or two capital letters, from the store config. */
  orderPrefix: string;
  /** IANA zone whose midnight restarts the order counter; the runtime's zone when absent. */
  timeZone?: string;
  databaseName?: string;
  now?: () => Date;
  newId?: () => string;
  /** Where refused menus and similar problems are reported (console.warn by default). */
  log?: (message: string) => void;
}

export type KioskData = ReturnType<typeof createKioskData>;

const createKioskData = (db: KioskDatabase, options: Omit<DataContext, 'db' | 'notifyOutbox'>) => {
  const outboxListeners = new Set<() => void>();
  const context: DataContext = {
    ...options,
    db,
    notifyOutbox: () => {
      for (const listener of outboxListeners) listener();
    },
  };
  return {
    db,
    kioskId: options.kioskId,
    orderPrefix: options.orderPrefix,
    ...orderRecords(context),
    ...paymentRecords(context),
    ...draftRecords(context),
    ...eventRecords(context),
    ...menuCacheRecords(context),
    ...outboxRecords(context),
    ...retentionRecords(context),

    /** The data layer's clock. */
    now: options.now,

    /** Called after every commit that queued something for the store (the sync loop wakes up). */
    onOutboxWrite(listener: () => void): () => void {
      outboxListeners.add(listener);
      return () => outboxListeners.delete(listener);
    },

    close() {
      db.close();
    },
  };
};

/** Opens (and upgrades if needed) the kiosk database. */
export const openKioskData = async (options: KioskDataOptions): Promise<KioskData> => {
  const db = new KioskDatabase(options.databaseName ?? DEFAULT_DATABASE_NAME);
  await db.open();
  return createKioskData(db, {
    kioskId: options.kioskId,
    orderPrefix: options.orderPrefix,
    timeZone: options.timeZone,
    now: options.now ?? (() => new Date()),
    newId: options.newId ?? (() => crypto.randomUUID()),
    log: options.log ?? ((message) => console.warn(message)),
  });
};
