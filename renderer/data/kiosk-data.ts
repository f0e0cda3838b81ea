// The kiosk's durable data: orders and their lifecycle, the payment journal, the draft cart,
// session events and the menu cache. Every change the store must hear about is queued in the
// outbox in the same (strict) transaction as the change itself. No network inside a transaction.
import { Dexie } from 'dexie';
import { z } from 'zod';
import { serviceMode, type Menu } from '../../common/menu/schema';
import { lineSelection } from '../../common/menu/selection';
import { analyticsEventInput, lineComp } from '../../common/store-bus/messages';
import { checkMenu, type MenuCheck } from '../../common/menu/menu-policy';
import { orderDocument, type OrderDocument, type OrderStatus } from '../../common/order/order';
import { nextState, type LifecycleEvent, type LifecycleState } from '../../common/order/order-lifecycle';
import { formatOrderNumber, localDayKey, nextDailyCounter } from '../../common/order/order-number';
import {
  KioskDatabase,
  DEFAULT_DATABASE_NAME,
  type DraftRow,
  type KioskEvent,
  type OrderRow,
  type OutboxMessage,
  type OutboxRow,
  type PaymentJournalRow,
  type TerminalReference,
} from './db';

/** An order ready to be numbered and stored: the data layer assigns number, status, payment method and times. */
export type NewOrder = Omit<OrderDocument, 'orderNumber' | 'status' | 'placedAt' | 'updatedAt' | 'paymentMethod'>;
export type PaymentMethod = OrderDocument['paymentMethod'];

/** Event types the analytics reports understand; other types are kept as an audit trail. */
export const ANALYTICS_EVENT_TYPES = ['session_started', 'item_added', 'staff_called', 'abandoned', 'completed'] as const;

export const draftInput = z.object({
  sessionId: z.string().min(1).optional(),
  serviceMode: serviceMode.nullable(),
  locale: z.string().min(1),
  lines: z.array(z.object({ lineId: z.string().min(1), selection: lineSelection, comp: lineComp.optional() })),
});
export type DraftInput = z.input<typeof draftInput>;
export type StoredDraft = Omit<DraftRow, 'id'>;

export const eventInput = analyticsEventInput;
export type EventInput = z.input<typeof eventInput>;

/** Terminal references as the kiosk may keep them: a masked PAN shows at most 10 digits, never a card number. */
export const terminalReference = z
  .object({
    maskedPan: z
      .string()
      .regex(/^[0-9*Xx• -]+$/, 'must be digits and mask characters only')
      .refine((pan) => /[*Xx•]/.test(pan) && (pan.match(/\d/g) ?? []).length <= 10, 'must be masked (a full card number is never stored)')
      .optional(),
    authCode: z.string().max(20).optional(),
    traceNumber: z.string().max(20).optional(),
    receiptNumber: z.string().max(20).optional(),
    resultCode: z.string().max(10).optional(),
    cardBrand: z.string().max(40).optional(),
    message: z.string().max(200).optional(),
  })
  .strict();

/** What came back from the terminal for the current attempt (or from resolving an unknown one). */
export type PaymentResult = 'approved' | 'declined' | 'aborted' | 'no_answer' | 'resolved_paid' | 'resolved_not_paid';
const PAYMENT_EVENTS: Record<PaymentResult, LifecycleEvent> = {
  approved: 'payment_approved',
  declined: 'payment_declined',
  aborted: 'payment_aborted',
  no_answer: 'payment_no_answer',
  resolved_paid: 'payment_resolved_paid',
  resolved_not_paid: 'payment_resolved_not_paid',
};

/** Events with their own entry points (they write the journal or need the store's acknowledgement). */
const GUARDED_EVENTS: Partial<Record<LifecycleEvent, string>> = {
  confirm: 'placeOrder()',
  payment_requested: 'beginPayment()',
  payment_approved: 'recordPaymentOutcome()',
  payment_declined: 'recordPaymentOutcome()',
  payment_aborted: 'recordPaymentOutcome()',
  payment_no_answer: 'recordPaymentOutcome()',
  payment_resolved_paid: 'recordPaymentOutcome()',
  payment_resolved_not_paid: 'recordPaymentOutcome()',
  delivered: "the outbox sync (on the store's acknowledgement)",
};

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

export interface DeadLetter {
  seq: number;
  messageId: string;
  kind: OutboxMessage['kind'];
  subjectId: string;
  attempts: number;
  lastError?: string;
  createdAt: number;
  message: OutboxMessage;
}

export interface CachedMenu {
  menu: Menu;
  version: string;
  cachedAt: string;
}

export interface PruneResult {
  orders: number;
  outboxRows: number;
  events: number;
  paymentAttempts: number;
}

/** Turns a zod failure into an error that says what was wrong and where. */
export const invalidInput = (what: string, error: z.ZodError): Error => new Error(`${what} is invalid:\n${z.prettifyError(error)}`);

export const orderMessage = (row: OrderRow): OutboxMessage => {
  const order = toOrderDocument(row);
  return { kind: 'order', messageId: `order:${row.orderId}:${row.revision}`, orderId: row.orderId, revision: row.revision, order };
};

export const toOrderDocument = (row: OrderRow): OrderDocument => {
  const { revision: _revision, changedAt: _changedAt, ...order } = row;
  return order;
};

const DAY_MS = 24 * 60 * 60 * 1000;

export type KioskData = ReturnType<typeof createKioskData>;

const createKioskData = (
  db: KioskDatabase,
  options: { kioskId: string; orderPrefix: string; timeZone?: string; now: () => Date; newId: () => string; log: (message: string) => void },
) => {
  const { kioskId, orderPrefix, timeZone, now, newId, log } = options;
  const outboxListeners = new Set<() => void>();
  const notifyOutbox = () => {
    for (const listener of outboxListeners) listener();
  };

  /**
   * Queues an order's current document for the store. An undelivered message of the same order is
   * replaced by the newer document (the store needs the latest state, once); the same revision
   * queued twice is a no-op. Runs inside the caller's transaction over orders + outbox.
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
      // The newer document has not been refused by anyone: it starts with a clean slate.
      await db.outbox.update(pending.seq, { messageId: message.messageId, message, attempts: 0, nextAttemptAt: 0, lastError: undefined });
      return;
    }
    await db.outbox.add({
      messageId: message.messageId,
      kind: 'order',
      subjectId: row.orderId,
      state: 'pending',
      message,
      createdAt: now().getTime(),
      attempts: 0,
      nextAttemptAt: 0,
    });
  };

  const requireOrder = async (orderId: string): Promise<OrderRow> => {
    const row = await db.orders.get(orderId);
    if (!row) throw new Error(`Order ${orderId} does not exist on this kiosk`);
    return row;
  };

  /** Applies one lifecycle event to a stored order and queues the result; inside the caller's transaction. */
  const applyEvent = async (row: OrderRow, event: LifecycleEvent): Promise<OrderRow> => {
    const state: LifecycleState = { status: row.status, paymentMethod: row.paymentMethod };
    const next = nextState(state, event);
    const at = now();
    const updated: OrderRow = {
      ...row,
      status: next.status,
      paymentMethod: next.paymentMethod,
      updatedAt: at.toISOString(),
      changedAt: at.getTime(),
      revision: row.revision + 1,
    };
    await db.orders.put(updated);
    // The store already has an order it acknowledged; everything else it must hear about.
    if (event !== 'delivered') await enqueueOrder(updated);
    return updated;
  };

  const latestAttempt = (orderId: string) =>
    db.paymentJournal
      .where('[orderId+attempt]')
      .between([orderId, Dexie.minKey], [orderId, Dexie.maxKey])
      .last();

  const writeTables = [db.orders, db.outbox, db.paymentJournal];

  return {
    db,
    kioskId,
    orderPrefix,

    /**
     * Numbers and stores a new order with its outbox message, in one strict transaction.
     * Placing the same orderId again returns the stored order (never a second number).
     * A counter order is final once numbered, so the same transaction removes the draft cart it
     * came from: a crash right after placing never offers that cart back to be ordered twice.
     * (A card order keeps its draft until paid: recovery matches the cart to the unpaid order.)
     */
    async placeOrder(input: NewOrder, paymentMethod: PaymentMethod): Promise<OrderDocument> {
      if (paymentMethod !== 'card' && paymentMethod !== 'counter')
        throw new Error(`Payment method must be "card" or "counter", got ${JSON.stringify(paymentMethod)}`);
      const placed = await db.transaction('rw', [db.orders, db.outbox, db.counters, db.drafts], async () => {
        if (paymentMethod === 'counter') await db.drafts.delete('current');
        const existing = await db.orders.get(input.orderId);
        if (existing) return toOrderDocument(existing);
        const at = now();
        const day = localDayKey(at, timeZone);
        const counter = nextDailyCounter(await db.counters.get(kioskId), day);
        let state = nextState({ status: 'draft', paymentMethod }, 'confirm');
        if (paymentMethod === 'counter') state = nextState(state, 'choose_counter');
        const candidate = {
          ...input,
          orderNumber: formatOrderNumber(orderPrefix, counter),
          paymentMethod: state.paymentMethod,
          status: state.status,
          placedAt: at.toISOString(),
          updatedAt: at.toISOString(),
        };
        const parsed = orderDocument.safeParse(candidate);
        if (!parsed.success) throw invalidInput(`Order ${input.orderId}`, parsed.error);
        const row: OrderRow = { ...parsed.data, revision: 1, changedAt: at.getTime() };
        await db.counters.put({ kioskId, day, counter });
        await db.orders.add(row);
        await enqueueOrder(row);
        return toOrderDocument(row);
      });
      notifyOutbox();
      return placed;
    },

    async getOrder(orderId: string): Promise<OrderDocument | undefined> {
      const row = await db.orders.get(orderId);
      return row && toOrderDocument(row);
    },

    /** Orders in the given statuses (all when omitted), oldest first. */
    async listOrders(statuses?: readonly OrderStatus[]): Promise<OrderDocument[]> {
      const rows = statuses ? await db.orders.where('status').anyOf([...statuses]).toArray() : await db.orders.toArray();
      return rows.sort((a, b) => a.placedAt.localeCompare(b.placedAt)).map(toOrderDocument);
    },

    /**
     * Applies a lifecycle event (receipt_printed, receipt_failed, queued, choose_counter,
     * staff_marked_paid, cancelled_by_customer, cancelled_by_staff) and queues the change, in one
     * strict transaction. Throws OrderLifecycleError when the order's state does not allow it.
     */
    async transitionOrder(orderId: string, event: LifecycleEvent): Promise<OrderDocument> {
      const owner = GUARDED_EVENTS[event];
      if (owner) throw new Error(`Order event "${event}" is recorded through ${owner}, not transitionOrder()`);
      const updated = await db.transaction('rw', writeTables, async () => {
        const row = await applyEvent(await requireOrder(orderId), event);
        if (event === 'staff_marked_paid') {
          const attempt = await latestAttempt(orderId);
          if (attempt && (attempt.outcome === 'pending' || attempt.outcome === 'no_answer'))
            await db.paymentJournal.put({ ...attempt, outcome: 'staff_marked_paid', outcomeAt: row.updatedAt });
        }
        return row;
      });
      notifyOutbox();
      return toOrderDocument(updated);
    },

    /**
     * Records a card payment attempt as pending (order → payment_pending) and commits it strictly.
     * Only after this resolves may the payment request leave the kiosk, with `paymentKey`.
     */
    async beginPayment(orderId: string): Promise<{ order: OrderDocument; attempt: PaymentJournalRow }> {
      const result = await db.transaction('rw', writeTables, async () => {
        const row = await applyEvent(await requireOrder(orderId), 'payment_requested');
        const previous = await latestAttempt(orderId);
        const attemptNumber = (previous?.attempt ?? 0) + 1;
        const attempt: PaymentJournalRow = {
          orderId,
          attempt: attemptNumber,
          paymentKey: `${orderId}#${attemptNumber}`,
          amount: row.total,
          currency: row.currency,
          requestedAt: row.updatedAt,
          outcome: 'pending',
        };
        await db.paymentJournal.add(attempt);
        return { order: toOrderDocument(row), attempt };
      });
      notifyOutbox();
      return result;
    },

    /** Records what the terminal answered for the current attempt and moves the order on, in one strict transaction. */
    async recordPaymentOutcome(orderId: string, outcome: { result: PaymentResult; terminal?: TerminalReference }): Promise<OrderDocument> {
      const event = PAYMENT_EVENTS[outcome.result];
      if (!event) throw new Error(`Unknown payment result ${JSON.stringify(outcome.result)} for order ${orderId}`);
      const terminal = outcome.terminal === undefined ? undefined : terminalReference.safeParse(outcome.terminal);
      if (terminal && !terminal.success) throw invalidInput(`Terminal reference of order ${orderId}`, terminal.error);
      const updated = await db.transaction('rw', [...writeTables, db.drafts], async () => {
        const row = await applyEvent(await requireOrder(orderId), event);
        const attempt = await latestAttempt(orderId);
        if (!attempt) throw new Error(`Order ${orderId} has no payment attempt to record "${outcome.result}" against`);
        // Paid: the cart is spent in the same commit, so a crash before the confirmation never offers it to be paid again.
        if (outcome.result === 'approved' || outcome.result === 'resolved_paid') await db.drafts.delete('current');
        await db.paymentJournal.put({
          ...attempt,
          outcome: outcome.result,
          outcomeAt: row.updatedAt,
          terminal: terminal?.data ?? attempt.terminal,
        });
        return row;
      });
      notifyOutbox();
      return toOrderDocument(updated);
    },

    /** The order's payment attempts, first to last. */
    async paymentAttempts(orderId: string): Promise<PaymentJournalRow[]> {
      return db.paymentJournal.where('orderId').equals(orderId).sortBy('attempt');
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
          attempts: 0,
          nextAttemptAt: 0,
        });
      });
      notifyOutbox();
      return event;
    },

    /** Keeps a menu as the last good one if it validates; otherwise logs why and keeps the previous. */
    async cacheMenu(candidate: unknown): Promise<MenuCheck> {
      const checked = checkMenu(candidate);
      if (!checked.ok) {
        log(`Menu refused, the last good menu stays:\n  ${checked.errors.join('\n  ')}`);
        return checked;
      }
      await db.menuCache.put({ slot: 'last_good', version: checked.menu.version, menu: checked.menu, cachedAt: now().toISOString() });
      return checked;
    },

    /** The last menu that passed validation, checked again (the schema may be newer than the cache). */
    async lastGoodMenu(): Promise<CachedMenu | undefined> {
      const row = await db.menuCache.get('last_good');
      if (!row) return undefined;
      const checked = checkMenu(row.menu);
      if (!checked.ok) {
        log(`Cached menu ${row.version} no longer validates and is ignored:\n  ${checked.errors.join('\n  ')}`);
        return undefined;
      }
      return { menu: checked.menu, version: row.version, cachedAt: row.cachedAt };
    },

    /** Messages the store refused too often: staff sees them and can send them again. */
    async listDeadLetters(): Promise<DeadLetter[]> {
      const rows = await db.outbox.where('[state+seq]').between(['dead', Dexie.minKey], ['dead', Dexie.maxKey]).toArray();
      return rows.map(({ seq, messageId, kind, subjectId, attempts, lastError, createdAt, message }) => ({
        seq,
        messageId,
        kind,
        subjectId,
        attempts,
        lastError,
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

    /**
     * Removes orders the store has (delivered, cancelled, paid at the counter) last changed more than
     * `olderThanDays` ago, with their delivered outbox rows and payment journal, and delivered events
     * as old. Anything the store has not acknowledged stays.
     */
    async pruneDelivered({ olderThanDays }: { olderThanDays: number }): Promise<PruneResult> {
      if (!(olderThanDays >= 0)) throw new Error(`olderThanDays must be zero or more, got ${olderThanDays}`);
      const cutoff = now().getTime() - olderThanDays * DAY_MS;
      const result: PruneResult = { orders: 0, outboxRows: 0, events: 0, paymentAttempts: 0 };
      await db.transaction('rw', [db.orders, db.outbox, db.paymentJournal, db.events], async () => {
        for (const status of ['delivered', 'cancelled', 'paid'] as const) {
          const rows = await db.orders.where('[status+changedAt]').between([status, Dexie.minKey], [status, cutoff], true, false).toArray();
          for (const order of rows) {
            // The store owns a delivered order from here on (an unpaid counter order included); a card order is only "paid" mid-way.
            if (order.status === 'paid' && order.paymentMethod !== 'counter') continue;
            const messages = await db.outbox.where('[kind+subjectId]').equals(['order', order.orderId]).toArray();
            if (messages.some((message) => message.state !== 'delivered')) continue;
            await db.outbox.bulkDelete(messages.map((message) => message.seq));
            result.outboxRows += messages.length;
            result.paymentAttempts += await db.paymentJournal.where('orderId').equals(order.orderId).delete();
            await db.orders.delete(order.orderId);
            result.orders += 1;
          }
        }
        const oldEvents = await db.events.where('at').below(new Date(cutoff).toISOString()).toArray();
        for (const event of oldEvents) {
          const messages = await db.outbox.where('[kind+subjectId]').equals(['event', event.eventId]).toArray();
          if (messages.some((message) => message.state !== 'delivered')) continue;
          await db.outbox.bulkDelete(messages.map((message) => message.seq));
          result.outboxRows += messages.length;
          await db.events.delete(event.eventId);
          result.events += 1;
        }
      });
      return result;
    },

    /** The data layer's clock. */
    now,

    /** Outbox steps of the sync loop (startOutboxSync); each is one strict transaction. */
    outbox: {
      /** The first undelivered message in queue order. */
      async next(): Promise<OutboxRow | undefined> {
        return db.outbox.where('[state+seq]').between(['pending', Dexie.minKey], ['pending', Dexie.maxKey]).first();
      },

      /**
       * The store acknowledged `row` as it was read. A row superseded meanwhile by a newer
       * document stays pending (the newer document goes next). An acknowledged order message
       * in status "queued" marks the order delivered.
       */
      async acknowledge(row: OutboxRow): Promise<void> {
        await db.transaction('rw', [db.outbox, db.orders], async () => {
          const current = await db.outbox.get(row.seq);
          if (!current || current.state !== 'pending' || current.messageId !== row.messageId) return;
          await db.outbox.update(row.seq, { state: 'delivered', deliveredAt: now().getTime(), lastError: undefined });
          if (row.message.kind !== 'order' || row.message.order.status !== 'queued') return;
          const order = await db.orders.get(row.message.orderId);
          if (order && order.status === 'queued' && order.revision === row.message.revision) await applyEvent(order, 'delivered');
        });
      },

      /** The store refused `row`: count it, and after `maxAttempts` make it a dead letter. */
      async refuse(row: OutboxRow, error: unknown, policy: { maxAttempts: number; delayMs: (attempts: number) => number }): Promise<'retry' | 'dead'> {
        const reason = error instanceof Error ? error.message : String(error);
        return db.transaction('rw', db.outbox, async () => {
          const current = await db.outbox.get(row.seq);
          // Gone, or a newer document replaced the refused one: that one has not been tried yet.
          if (!current || current.state !== 'pending' || current.messageId !== row.messageId) return 'retry';
          const attempts = current.attempts + 1;
          if (attempts >= policy.maxAttempts) {
            await db.outbox.update(row.seq, { state: 'dead', attempts, lastError: reason });
            log(`Outbox message ${current.messageId} is a dead letter after ${attempts} refusals: ${reason}`);
            return 'dead';
          }
          await db.outbox.update(row.seq, { attempts, lastError: reason, nextAttemptAt: now().getTime() + policy.delayMs(attempts) });
          return 'retry';
        });
      },
    },

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

