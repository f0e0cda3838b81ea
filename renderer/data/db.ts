// The kiosk's IndexedDB database (Dexie). Every version stays declared so an
// older database on a kiosk upgrades in place; later versions add, never drop.
import { Dexie, type EntityTable, type Table } from 'dexie';
import type { ServiceMode } from '../../menu-config/src/schema';
import type { LineSelection } from '../../menu-config/src/selection';
import type { OrderDocument } from '../domain/order';

export const DEFAULT_DATABASE_NAME = 'counterpart-kiosk';

/** The current cart, so it survives a reload or a crash. One row, key "current". */
export interface DraftRow {
  id: 'current';
  sessionId?: string;
  serviceMode: ServiceMode | null;
  locale: string;
  lines: { lineId: string; selection: LineSelection }[];
  /** ISO time of the last change. */
  updatedAt: string;
}

/** An order as stored: the document plus a revision that increases with every status change. */
export interface OrderRow extends OrderDocument {
  revision: number;
}

/** Daily order counter of one kiosk. */
export interface CounterRow {
  kioskId: string;
  /** Local day "YYYY-MM-DD" the counter belongs to. */
  day: string;
  counter: number;
}

/** An analytics / audit event of a customer session. */
export interface KioskEvent {
  eventId: string;
  /** e.g. session_started, item_added, staff_called, abandoned, completed (see ANALYTICS_EVENT_TYPES). */
  type: string;
  /** ISO time the event happened. */
  at: string;
  sessionId?: string;
  orderId?: string;
  /** Milliseconds since the session started (or whatever span the type defines). */
  durationMs?: number;
  detail?: Record<string, unknown>;
}

/** What the store link delivers. orderId (or eventId) is the consumer's idempotency key. */
export type OutboxMessage =
  | { kind: 'order'; messageId: string; orderId: string; revision: number; order: OrderDocument }
  | { kind: 'event'; messageId: string; eventId: string; event: KioskEvent };

export type OutboxState = 'pending' | 'delivered';

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
  deliveredAt?: number;
}

/** Version 1: the first shipped schema. */
export const SCHEMA_V1 = {
  drafts: 'id',
  orders: 'orderId, status, placedAt',
  outbox: '++seq, &messageId, [kind+subjectId], state',
  counters: 'kioskId',
  events: 'eventId, at, type',
} as const;

export class KioskDatabase extends Dexie {
  drafts!: Table<DraftRow, 'current'>;
  orders!: Table<OrderRow, string>;
  outbox!: EntityTable<OutboxRow, 'seq'>;
  counters!: Table<CounterRow, string>;
  events!: Table<KioskEvent, string>;

  constructor(name: string = DEFAULT_DATABASE_NAME) {
    // Strict: a committed transaction is on disk, so nothing irreversible happens before its record is durable.
    super(name, { chromeTransactionDurability: 'strict' });
    this.version(1).stores(SCHEMA_V1);
  }
}
