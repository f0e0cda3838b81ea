// The kiosk's durable data: orders with their human numbers, the draft cart and
// session events, each queued for the store in the same transaction as its change.
import { z } from 'zod';
import { serviceMode } from '../../menu-config/src/schema';
import { lineSelection } from '../../menu-config/src/selection';
import { orderDocument, type OrderDocument } from '../domain/order';
import { formatOrderNumber, localDayKey, nextDailyCounter } from '../domain/order-number';
import { KioskDatabase, DEFAULT_DATABASE_NAME, type DraftRow, type KioskEvent, type OrderRow, type OutboxMessage } from './db';

/** An order ready to be numbered and stored: the data layer assigns number, status, payment method and times. */
export type NewOrder = Omit<OrderDocument, 'orderNumber' | 'status' | 'placedAt' | 'updatedAt' | 'paymentMethod'>;
export type PaymentMethod = OrderDocument['paymentMethod'];

/** Event types the analytics reports understand; other types are kept as an audit trail. */
export const ANALYTICS_EVENT_TYPES = ['session_started', 'item_added', 'staff_called', 'abandoned', 'completed'] as const;

export const draftInput = z.object({
  sessionId: z.string().min(1).optional(),
  serviceMode: serviceMode.nullable(),
  locale: z.string().min(1),
  lines: z.array(z.object({ lineId: z.string().min(1), selection: lineSelection })),
});
export type DraftInput = z.input<typeof draftInput>;
export type StoredDraft = Omit<DraftRow, 'id'>;

export const eventInput = z.object({
  type: z.string().regex(/^[a-z][a-z0-9_.]*$/, 'must be lower case words joined by "_" or "."'),
  sessionId: z.string().min(1).optional(),
  orderId: z.string().min(1).optional(),
  durationMs: z.number().nonnegative().optional(),
  detail: z.record(z.string(), z.unknown()).optional(),
});
export type EventInput = z.input<typeof eventInput>;

export interface KioskDataOptions {
  kioskId: string;
  /** One or two capital letters, from the store config. */
  orderPrefix: string;
  /** IANA zone whose midnight restarts the order counter; the runtime's zone when absent. */
  timeZone?: string;
  databaseName?: string;
  now?: () => Date;
  newId?: () => string;
}

/** Turns a zod failure into an error that says what was wrong and where. */
export const invalidInput = (what: string, error: z.ZodError): Error => new Error(`${what} is invalid:\n${z.prettifyError(error)}`);

const orderMessage = (row: OrderRow): OutboxMessage => {
  const { revision, ...order } = row;
  return { kind: 'order', messageId: `order:${row.orderId}:${revision}`, orderId: row.orderId, revision, order };
};

export const toOrderDocument = (row: OrderRow): OrderDocument => {
  const { revision: _revision, ...order } = row;
  return order;
};

export type KioskData = ReturnType<typeof createKioskData>;

const createKioskData = (db: KioskDatabase, options: Required<Omit<KioskDataOptions, 'timeZone' | 'databaseName'>> & { timeZone?: string }) => {
  const { kioskId, orderPrefix, timeZone, now, newId } = options;

  /**
   * Queues an order's current document for the store. An undelivered message of the same order is
   * replaced by the newer document (the store needs the latest state once, not every step);
   * the same revision queued twice is a no-op. Must run inside a transaction over orders + outbox.
   */
  const enqueueOrder = async (row: OrderRow) => {
    const message = orderMessage(row);
    if (await db.outbox.where('messageId').equals(message.messageId).count()) return;
    const pending = await db.outbox
      .where('[kind+subjectId]')
      .equals(['order', row.orderId])
      .filter((candidate) => candidate.state === 'pending')
      .first();
    if (pending) {
      await db.outbox.update(pending.seq, { messageId: message.messageId, message });
      return;
    }
    await db.outbox.add({
      messageId: message.messageId,
      kind: 'order',
      subjectId: row.orderId,
      state: 'pending',
      message,
      createdAt: now().getTime(),
    });
  };

  return {
    db,
    kioskId,
    orderPrefix,

    /**
     * Numbers and stores a new order with its outbox message, in one strict transaction.
     * Placing the same orderId again returns the stored order (never a second number).
     */
    async placeOrder(input: NewOrder, paymentMethod: PaymentMethod): Promise<OrderDocument> {
      if (paymentMethod !== 'card' && paymentMethod !== 'counter')
        throw new Error(`Payment method must be "card" or "counter", got ${JSON.stringify(paymentMethod)}`);
      return db.transaction('rw', [db.orders, db.outbox, db.counters], async () => {
        const existing = await db.orders.get(input.orderId);
        if (existing) return toOrderDocument(existing);
        const at = now();
        const day = localDayKey(at, timeZone);
        const counter = nextDailyCounter(await db.counters.get(kioskId), day);
        const candidate = {
          ...input,
          orderNumber: formatOrderNumber(orderPrefix, counter),
          paymentMethod,
          status: paymentMethod === 'card' ? 'placed' : 'awaiting_counter_payment',
          placedAt: at.toISOString(),
          updatedAt: at.toISOString(),
        };
        const parsed = orderDocument.safeParse(candidate);
        if (!parsed.success) throw invalidInput(`Order ${input.orderId}`, parsed.error);
        const row: OrderRow = { ...parsed.data, revision: 1 };
        await db.counters.put({ kioskId, day, counter });
        await db.orders.add(row);
        await enqueueOrder(row);
        return toOrderDocument(row);
      });
    },

    async getOrder(orderId: string): Promise<OrderDocument | undefined> {
      const row = await db.orders.get(orderId);
      return row && toOrderDocument(row);
    },

    /** Replaces the stored cart (stamped with the current time). */
    async saveDraft(draft: DraftInput): Promise<void> {
      const parsed = draftInput.safeParse(draft);
      if (!parsed.success) throw invalidInput('Draft cart', parsed.error);
      await db.drafts.put({ id: 'current', ...parsed.data, updatedAt: now().toISOString() });
    },

    async loadDraft(): Promise<StoredDraft | undefined> {
      const row = await db.drafts.get('current');
      if (!row) return undefined;
      const { id: _id, ...draft } = row;
      return draft;
    },

    async clearDraft(): Promise<void> {
      await db.drafts.delete('current');
    },

    /** Stores a session event and queues it for the store, in one transaction. */
    async recordEvent(input: EventInput): Promise<KioskEvent> {
      const parsed = eventInput.safeParse(input);
      if (!parsed.success) throw invalidInput('Event', parsed.error);
      const event: KioskEvent = { eventId: newId(), at: now().toISOString(), ...parsed.data };
      await db.transaction('rw', [db.events, db.outbox], async () => {
        await db.events.add(event);
        await db.outbox.add({
          messageId: `event:${event.eventId}`,
          kind: 'event',
          subjectId: event.eventId,
          state: 'pending',
          message: { kind: 'event', messageId: `event:${event.eventId}`, eventId: event.eventId, event },
          createdAt: now().getTime(),
        });
      });
      return event;
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
  });
};
