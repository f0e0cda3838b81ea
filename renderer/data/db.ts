// The kiosk's IndexedDB database (Dexie). Every version stays declared so an
// older database on a kiosk upgrades in place; later versions add, never drop.
import { Dexie, type EntityTable, type Table } from 'dexie';
import type { Menu, ServiceMode } from '../../common/menu/schema';
import type { LineSelection } from '../../common/menu/selection';
import type { AnalyticsEvent, LineComp } from '../../common/store-bus/messages';
import type { OrderDocument } from '../../common/order/order';
import type { TerminalReference } from '../../common/contract/devices';

export const DEFAULT_DATABASE_NAME = 'counterpart-kiosk';

/** The current cart, so it survives a reload or a crash. One row, key "current". */
export interface DraftRow {
  id: 'current';
  sessionId?: string;
  serviceMode: ServiceMode | null;
  locale: string;
  lines: { lineId: string; selection: LineSelection; comp?: LineComp }[];
  /** Epoch ms of the session's first touch (v7; absent in older drafts: unknown). */
  startedAt?: number;
  /** The screen the customer had reached (v7). */
  screen: DraftScreen;
  /** ISO time of the last change. */
  updatedAt: string;
}

/** The screens a draft is written on (the kiosk never keeps one on attract or confirmation). */
export const DRAFT_SCREENS = ['service', 'menu', 'customize', 'review', 'payment'] as const;
export type DraftScreen = (typeof DRAFT_SCREENS)[number];

/** An order as stored: the document plus a revision that increases with every status change. */
export interface OrderRow extends OrderDocument {
  revision: number;
  /** Epoch ms of the last status change (v2; indexed for retention). */
  changedAt: number;
}

/** What the card terminal told us, stored as the contract gives it (common/contract/devices); never a card number. */
export type { TerminalReference };

/** Version 3 kept terminal numbers as text (trace, receipt number; the result code in hex) and a message. */
interface TerminalReferenceV3 {
  maskedPan?: string;
  authCode?: string;
  traceNumber?: string;
  receiptNumber?: string;
  resultCode?: string;
  cardBrand?: string;
  message?: string;
}

/** A version-3 reference in the contract's shape; a number that does not parse is left out. */
export const terminalReferenceFromV3 = (old: TerminalReferenceV3): TerminalReference => {
  const number = (text: string | undefined, radix: number) => (text !== undefined && /^[0-9a-f]+$/i.test(text) ? parseInt(text, radix) : undefined);
  const converted: TerminalReference = {
    cardBrand: old.cardBrand,
    maskedPan: old.maskedPan,
    authCode: old.authCode,
    trace: number(old.traceNumber, 10),
    receiptNumber: number(old.receiptNumber, 10),
    resultCode: number(old.resultCode, 16),
  };
  return Object.fromEntries(Object.entries(converted).filter(([, value]) => value !== undefined && !Number.isNaN(value))) as TerminalReference;
};

export type PaymentOutcome =
  | 'pending'
  | 'approved'
  | 'declined'
  | 'aborted'
  | 'no_answer'
  | 'resolved_paid'
  | 'resolved_not_paid'
  | 'staff_marked_paid';

/** One payment attempt of an order (v2). Written before the request leaves, completed with its outcome. */
export interface PaymentJournalRow {
  orderId: string;
  attempt: number;
  /** The host's idempotency key for this attempt: asking twice returns the same outcome. */
  paymentKey: string;
  amount: number;
  currency: string;
  requestedAt: string;
  outcome: PaymentOutcome;
  outcomeAt?: string;
  terminal?: TerminalReference;
}

/** The last menu that passed validation (v3). One row, key "last_good". */
export interface MenuCacheRow {
  slot: 'last_good';
  version: string;
  menu: Menu;
  cachedAt: string;
}

/** Daily order counter of one kiosk. */
export interface CounterRow {
  kioskId: string;
  /** Local day "YYYY-MM-DD" the counter belongs to. */
  day: string;
  counter: number;
}

/** An analytics / audit event of a customer session (the one event type, common/store-bus/messages). */
export type KioskEvent = AnalyticsEvent;

/** What the store link delivers. orderId (or eventId) is the consumer's idempotency key. */
export type OutboxMessage =
  | { kind: 'order'; messageId: string; orderId: string; revision: number; order: OrderDocument }
  | { kind: 'event'; messageId: string; eventId: string; event: KioskEvent };

/**
 * pending → dead after too many refusals (staff can send it again); a delivered row is removed.
 * "delivered" rows are the delivery log of older versions, dropped when the sync loop starts.
 */
export type OutboxState = 'pending' | 'delivered' | 'dead';

export interface OutboxRow {
  /** Delivery order. */
  seq: number;
  messageId: string;
  kind: OutboxMessage['kind'];
  /** orderId or eventId. */
  subjectId: string;
  state: OutboxState;
  message: OutboxMessage;
  /** Epoch ms. */
  createdAt: number;
  /** Failed deliveries the store refused (v3); an unreachable store does not count. */
  attempts: number;
  /** Epoch ms before which the row is not tried again (v3). */
  nextAttemptAt: number;
  lastError?: string;
  /** The code of the last refusal (e.g. not_paid: the host has no payment of this paid order); not indexed. */
  lastErrorCode?: string;
}

/** Version 1: the first shipped schema. */
export const SCHEMA_V1 = {
  drafts: 'id',
  orders: 'orderId, status, placedAt',
  outbox: '++seq, &messageId, [kind+subjectId], state',
  counters: 'kioskId',
  events: 'eventId, at, type',
} as const;

/** Version 2: the payment journal; orders get changedAt (epoch ms) for retention. */
export const SCHEMA_V2 = {
  ...SCHEMA_V1,
  orders: 'orderId, status, placedAt, [status+changedAt]',
  paymentJournal: '[orderId+attempt], orderId, outcome',
} as const;

/** Version 3: outbox retry bookkeeping with a dead-letter index, and the menu cache. */
export const SCHEMA_V3 = {
  ...SCHEMA_V2,
  outbox: '++seq, &messageId, [kind+subjectId], state, [state+seq]',
  menuCache: 'slot',
} as const;

/** Version 4: payment journal terminal references in the contract's shape (numbers as numbers). */
export const SCHEMA_V4 = SCHEMA_V3;

/**
 * Version 5: no single-field indexes that a compound index already leads with (orders' status,
 * the outbox's state): Dexie answers where('status') and where('state') from [status+changedAt] and
 * [state+seq]. Each delivered order wrote those entries twice more (IndexedDB's backend is most of
 * the outbox drain's CPU).
 */
export const SCHEMA_V5 = {
  ...SCHEMA_V4,
  orders: 'orderId, placedAt, [status+changedAt]',
  outbox: '++seq, &messageId, [kind+subjectId], [state+seq]',
} as const;

/**
 * Version 6: the outbox's [state+seq] index carries each row's message id too. Recording a batch
 * checks whether a row sent was replaced meanwhile (a newer document of its order, same sequence
 * number, new message id): one sweep over this index answers it for the whole batch, where the
 * unique messageId index took one request per order sent. [state+seq] queries are answered from it.
 */
export const SCHEMA_V6 = {
  ...SCHEMA_V5,
  outbox: '++seq, &messageId, [kind+subjectId], [state+seq+messageId]',
} as const;

/**
 * Version 7: the draft keeps the session's start time and the screen reached (no new index). An
 * older draft has a cart, which is added to from the menu: it had reached the menu at least; its
 * start time is unknown and stays absent (time to order then counts from the restart, as before).
 */
export const SCHEMA_V7 = SCHEMA_V6;

export const LATEST_SCHEMA_VERSION = 7;

export class KioskDatabase extends Dexie {
  drafts!: Table<DraftRow, 'current'>;
  orders!: Table<OrderRow, string>;
  outbox!: EntityTable<OutboxRow, 'seq'>;
  counters!: Table<CounterRow, string>;
  events!: Table<KioskEvent, string>;
  paymentJournal!: Table<PaymentJournalRow, [string, number]>;
  menuCache!: Table<MenuCacheRow, 'last_good'>;

  constructor(name: string = DEFAULT_DATABASE_NAME) {
    // Strict: a committed transaction is on disk, so nothing irreversible happens before its record is durable.
    super(name, { chromeTransactionDurability: 'strict' });
    this.version(1).stores(SCHEMA_V1);
    this.version(2)
      .stores(SCHEMA_V2)
      .upgrade(async (tx) => {
        await tx
          .table('orders')
          .toCollection()
          .modify((order: Partial<OrderRow>) => {
            const changed = Date.parse(order.updatedAt ?? order.placedAt ?? '');
            order.changedAt = Number.isFinite(changed) ? changed : 0;
          });
      });
    this.version(3)
      .stores(SCHEMA_V3)
      .upgrade(async (tx) => {
        await tx
          .table('outbox')
          .toCollection()
          .modify((row: Partial<OutboxRow>) => {
            row.attempts ??= 0;
            row.nextAttemptAt ??= 0;
          });
      });
    this.version(4)
      .stores(SCHEMA_V4)
      .upgrade(async (tx) => {
        await tx
          .table('paymentJournal')
          .toCollection()
          .modify((row: { terminal?: TerminalReferenceV3 | TerminalReference }) => {
            if (row.terminal) row.terminal = terminalReferenceFromV3(row.terminal as TerminalReferenceV3);
          });
      });
    this.version(5).stores(SCHEMA_V5);
    this.version(6).stores(SCHEMA_V6);
    this.version(7)
      .stores(SCHEMA_V7)
      .upgrade(async (tx) => {
        await tx
          .table('drafts')
          .toCollection()
          .modify((row: Partial<DraftRow>) => {
            row.screen ??= 'menu';
          });
      });
  }
}
