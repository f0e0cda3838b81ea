// Messages on the store bus (MQTT) and the topics they travel on. Pure: the kiosk
// host, the staff console and the broker's ACL all validate with these schemas,
// and docs/order-message.schema.json is generated from orderMessage.
import { z } from 'zod';
import { currencyCode } from '../menu/schema';
import { orderDocument, type OrderDocument } from '../order/order';
import { COMP_REASONS, compReason, lineComp, orderLineComp, type CompReason, type LineComp, type OrderLineComp } from '../order/line-comp';
import { printerState, terminalState } from '../device-state';
import { timestamp } from '../timestamp';

// Comps are part of the order document (common/order/line-comp.ts) and travel on the bus as they are.
export { COMP_REASONS, compReason, lineComp, orderLineComp, type CompReason, type LineComp, type OrderLineComp };

export const STORE_BUS_VERSION = 'v1';
export const TOPIC_ROOT = `counterpart/${STORE_BUS_VERSION}`;

/** Store and kiosk ids become topic levels: no MQTT separators or wildcards in them. */
export const topicSegment = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_.-]+$/, 'use letters, digits, "_", "." or "-" (it becomes an MQTT topic level)');


// ---------------------------------------------------------------- order

/** The order document as the kiosk stored it (common/order/order.ts), published as it is; orderId is the idempotency key (consumers de-duplicate on it). */
export const orderMessage = orderDocument.describe('Counterpart order message: published by a kiosk on counterpart/v1/{store}/order/{kiosk}/{orderId}, QoS 1.');
export type OrderMessage = OrderDocument;

/** Who did something on the bus: the MQTT username and its role. */
export const actor = z.object({ role: z.enum(['kiosk', 'staff', 'operator', 'pos']), name: z.string().min(1).max(64) });
export type Actor = z.infer<typeof actor>;

/**
 * What staff or a POS did with an order: a counter order paid, cancelled or not collected
 * ("didn't show up"), or any paid order ready for pick-up (for an order status display).
 */
export const ORDER_STATUS_CHANGES = ['paid', 'cancelled', 'no_show', 'ready'] as const;
export type OrderStatusChange = (typeof ORDER_STATUS_CHANGES)[number];

/** A change of an order's status made by staff or a POS; retained per order (the latest change), for kiosks, kitchens and displays. */
export const orderStatusMessage = z.object({
  orderId: z.string().uuid(),
  kioskId: z.string(),
  orderNumber: z.string(),
  status: z.enum(ORDER_STATUS_CHANGES),
  by: actor,
  at: timestamp,
});
export type OrderStatusMessage = z.infer<typeof orderStatusMessage>;

// ---------------------------------------------------------------- handoff (call staff)

export const HANDOFF_REASONS = ['help_with_order', 'payment_problem', 'accessibility', 'allergy_question', 'other'] as const;
export const handoffReason = z.enum(HANDOFF_REASONS);
export type HandoffReason = z.infer<typeof handoffReason>;

/** Why a kiosk offers help on its own (a help request it leads to has trigger "offer"). */
export const HELP_OFFER_KINDS = ['payment_declined', 'payment_unknown', 'printer_failed', 'stalled', 'going_back'] as const;
export type HelpOfferKind = (typeof HELP_OFFER_KINDS)[number];

/** customer_left: the kiosk closed the request because its customer's session ended (done, reset, walked away). */
export const HANDOFF_OUTCOMES = ['helped', 'order_taken_to_counter', 'payment_resolved', 'no_one_there', 'cancelled_by_customer', 'customer_left', 'other'] as const;
export const handoffOutcome = z.enum(HANDOFF_OUTCOMES);
export type HandoffOutcome = z.infer<typeof handoffOutcome>;

/** What the customer had in the cart when they asked for help. */
export const cartSnapshot = z.object({
  currency: currencyCode,
  lines: z.array(z.object({ title: z.string(), details: z.array(z.string()).default([]), quantity: z.number().int().min(1), total: z.number().int() })),
  total: z.number().int(),
});
export type CartSnapshot = z.infer<typeof cartSnapshot>;

const handoffBase = z.object({
  handoffId: z.string().uuid(),
  storeId: z.string(),
  kioskId: z.string(),
  reason: handoffReason,
  /** The screen the customer was on, e.g. "payment". */
  screen: z.string().min(1).max(64),
  cart: cartSnapshot,
  /** Set when the kiosk offered help itself (e.g. after repeated declines) rather than on a tap. */
  trigger: z.enum(['customer', 'offer']).default('customer'),
  openedAt: timestamp,
});

export const handoffMessage = z.discriminatedUnion('state', [
  handoffBase.extend({ state: z.literal('open') }),
  handoffBase.extend({
    state: z.literal('acknowledged'),
    acknowledgedBy: actor,
    acknowledgedAt: timestamp,
  }),
  handoffBase.extend({
    state: z.literal('resolved'),
    acknowledgedBy: actor.optional(),
    acknowledgedAt: timestamp.optional(),
    resolvedBy: actor,
    /**
     * Resolved at the kiosk in staff mode: the staff member the kiosk host signed in (name and PIN).
     * The kiosk signs the message (resolvedBy is the kiosk): a kiosk never signs as staff.
     */
    staffName: z.string().min(1).max(64).optional(),
    resolvedAt: timestamp,
    outcome: handoffOutcome,
    note: z.string().max(500).optional(),
  }),
]);
export type HandoffMessage = z.infer<typeof handoffMessage>;
export type HandoffState = HandoffMessage['state'];

// ---------------------------------------------------------------- kiosk status

// The devices' state is the kiosk contract's one enum: staff see the same cause (cover_open, paper_out…) as the kiosk.
export { printerState, terminalState };

export const kioskStatusMessage = z.discriminatedUnion('state', [
  z.object({
    state: z.literal('online'),
    kioskId: z.string(),
    devices: z.object({ printer: printerState, terminal: terminalState }),
    menuVersion: z.string(),
    at: timestamp,
  }),
  z.object({
    state: z.literal('offline'),
    kioskId: z.string(),
    /** connection_lost: the broker published the kiosk's last will; shutdown: the kiosk said goodbye. */
    cause: z.enum(['connection_lost', 'shutdown']),
    /** For a last will: when the kiosk connected (the will is written at connect time). */
    at: timestamp,
  }),
]);
export type KioskStatusMessage = z.infer<typeof kioskStatusMessage>;
export type KioskOnlineStatus = Extract<KioskStatusMessage, { state: 'online' }>;

// ---------------------------------------------------------------- kiosk events (analytics, staff actions)

// One analytics event type from the page to the store: the page records an AnalyticsEventInput;
// the kiosk's data layer stores it as an AnalyticsEvent (id and time added) and the outbox sends
// that; the host publishes it as a KioskEventMessage (store and kiosk added). Each step only adds
// its envelope.

/** What the page records: a session or audit event (e.g. session_started, item_added, staff_called, staff_action, abandoned, completed). */
export const analyticsEventInput = z.object({
  type: z
    .string()
    .max(64)
    .regex(/^[a-z][a-z0-9_.]*$/, 'must be lower case words joined by "_" or "."'),
  sessionId: z.string().min(1).optional(),
  orderId: z.string().min(1).optional(),
  /** Milliseconds since the session started (or whatever span the type defines). */
  durationMs: z.number().nonnegative().optional(),
  detail: z.record(z.string(), z.unknown()).optional(),
});
export type AnalyticsEventInput = z.input<typeof analyticsEventInput>;

/** An event as the kiosk stores and sends it; consumers de-duplicate on eventId. */
export const analyticsEvent = analyticsEventInput.extend({
  eventId: z.string().min(1).max(100),
  at: timestamp,
});
export type AnalyticsEvent = z.infer<typeof analyticsEvent>;

/** An event on the store bus: the kiosk's event with the store and kiosk it came from. */
export const kioskEventMessage = analyticsEvent.extend({
  storeId: z.string(),
  kioskId: z.string(),
});
export type KioskEventMessage = z.infer<typeof kioskEventMessage>;

// ---------------------------------------------------------------- menu and availability

/** The menu itself is validated by menu-config's schema where it is applied; the bus checks the envelope. */
export const menuMessage = z.object({ menuVersion: z.string().min(1), publishedAt: timestamp, menu: z.record(z.string(), z.unknown()) });

/** The menu a kiosk serves now and the store's locale (the language the kitchen and the counter read), retained per kiosk. */
export const kioskMenuMessage = z.object({
  kioskId: z.string(),
  menuVersion: z.string().min(1),
  locale: z.string().min(2).max(16),
  menu: z.record(z.string(), z.unknown()),
  at: timestamp,
});
export type KioskMenuMessage = z.infer<typeof kioskMenuMessage>;

const menuIds = z.array(z.string().min(1).max(64)).max(2000);

/**
 * What is sold out now in the whole store (retained; each message replaces the last):
 * items and meals by id, options by id (in every option group that offers them), and
 * categories (everything in them). Back in stock = no longer listed.
 */
export const availabilityMessage = z.object({
  soldOut: menuIds.describe('Item and meal ids.'),
  soldOutOptions: menuIds.default([]).describe('Option ids, e.g. "bacon": sold out in every option group.'),
  soldOutCategories: menuIds.default([]).describe('Category ids: every item and meal in them.'),
  by: actor,
  at: timestamp,
});
export type AvailabilityMessage = z.infer<typeof availabilityMessage>;

// ---------------------------------------------------------------- refusals (embedded broker)

/**
 * Why the embedded broker refused a client's message (MQTT 3.1.1 cannot say it in a PUBACK).
 * Published by the broker itself, retained, on refused/{username}; the client reads it after reconnecting.
 */
export const refusalMessage = z.object({ username: z.string(), topic: z.string(), reason: z.string(), at: timestamp });
export type RefusalMessage = z.infer<typeof refusalMessage>;

// ---------------------------------------------------------------- topics

/** Every topic of one store. Wildcard filters end in `Filter`. */
export const storeTopics = (store: string) => {
  const base = `${TOPIC_ROOT}/${store}`;
  return {
    base,
    all: `${base}/#`,
    kioskStatus: (kiosk: string) => `${base}/kiosk/${kiosk}/status`,
    kioskStatusFilter: `${base}/kiosk/+/status`,
    kioskMenu: (kiosk: string) => `${base}/kiosk/${kiosk}/menu`,
    order: (kiosk: string, orderId: string) => `${base}/order/${kiosk}/${orderId}`,
    orderFilter: `${base}/order/+/+`,
    orderStatus: (kiosk: string, orderId: string) => `${base}/order/${kiosk}/${orderId}/status`,
    orderStatusFilter: (kiosk = '+') => `${base}/order/${kiosk}/+/status`,
    counter: (kiosk: string, orderId: string) => `${base}/counter/${kiosk}/${orderId}`,
    counterFilter: `${base}/counter/+/+`,
    handoff: (kiosk: string, handoffId: string) => `${base}/handoff/${kiosk}/${handoffId}`,
    handoffFilter: (kiosk = '+') => `${base}/handoff/${kiosk}/+`,
    event: (kiosk: string, eventId: string) => `${base}/event/${kiosk}/${eventId}`,
    eventFilter: `${base}/event/+/+`,
    menu: `${base}/menu`,
    availability: `${base}/availability`,
    refusal: (username: string) => `${base}/refused/${username}`,
  };
};

/** A topic's meaning, or null when it is not a Counterpart topic. */
export type ParsedTopic =
  | { store: string; kind: 'kiosk_status'; kiosk: string }
  | { store: string; kind: 'kiosk_menu'; kiosk: string }
  | { store: string; kind: 'order'; kiosk: string; orderId: string }
  | { store: string; kind: 'order_status'; kiosk: string; orderId: string }
  | { store: string; kind: 'counter'; kiosk: string; orderId: string }
  | { store: string; kind: 'handoff'; kiosk: string; handoffId: string }
  | { store: string; kind: 'event'; kiosk: string; eventId: string }
  | { store: string; kind: 'menu' }
  | { store: string; kind: 'availability' }
  | { store: string; kind: 'refusal'; username: string };

export function parseTopic(topic: string): ParsedTopic | null {
  const levels = topic.split('/');
  if (levels[0] !== 'counterpart' || levels[1] !== STORE_BUS_VERSION) return null;
  if (levels.some((level) => level === '' || level === '+' || level === '#')) return null;
  const [store, kind, a, b, c] = levels.slice(2);
  const n = levels.length - 2;
  if (!store || !kind) return null;
  if (kind === 'kiosk' && n === 4 && a && b === 'status') return { store, kind: 'kiosk_status', kiosk: a };
  if (kind === 'kiosk' && n === 4 && a && b === 'menu') return { store, kind: 'kiosk_menu', kiosk: a };
  if (kind === 'order' && n === 4 && a && b) return { store, kind: 'order', kiosk: a, orderId: b };
  if (kind === 'order' && n === 5 && a && b && c === 'status') return { store, kind: 'order_status', kiosk: a, orderId: b };
  if (kind === 'counter' && n === 4 && a && b) return { store, kind: 'counter', kiosk: a, orderId: b };
  if (kind === 'handoff' && n === 4 && a && b) return { store, kind: 'handoff', kiosk: a, handoffId: b };
  if (kind === 'event' && n === 4 && a && b) return { store, kind: 'event', kiosk: a, eventId: b };
  if (kind === 'menu' && n === 2) return { store, kind: 'menu' };
  if (kind === 'availability' && n === 2) return { store, kind: 'availability' };
  if (kind === 'refused' && n === 3 && a) return { store, kind: 'refusal', username: a };
  return null;
}

/** The schema a message on this kind of topic must satisfy (an empty payload clears a retained message). */
export const messageSchemaFor = (kind: ParsedTopic['kind']): z.ZodType =>
  ({
    kiosk_status: kioskStatusMessage,
    kiosk_menu: kioskMenuMessage,
    order: orderMessage,
    order_status: orderStatusMessage,
    counter: orderMessage,
    handoff: handoffMessage,
    event: kioskEventMessage,
    menu: menuMessage,
    availability: availabilityMessage,
    refusal: refusalMessage,
  })[kind];

/**
 * Topics whose messages are retained (the latest state); events are the others. Orders and
 * their status changes are retained so a console or display that opens later sees the day's
 * orders; the kiosk clears its own after ORDER_RETENTION_MS (store-link).
 */
export const RETAINED_KINDS: ReadonlySet<ParsedTopic['kind']> = new Set(['kiosk_status', 'kiosk_menu', 'order', 'order_status', 'counter', 'handoff', 'menu', 'availability', 'refusal']);

/** How long a kiosk keeps its orders (and their status changes) retained on the bus: the day's orders, and a little more. */
export const ORDER_RETENTION_MS = 24 * 60 * 60_000;

export interface PlannedPublish {
  topic: string;
  /** '' clears the retained message. */
  payload: string;
  retain: boolean;
}

/**
 * How a handoff state goes on the bus: open and acknowledged are retained (a console
 * that signs in later sees them); resolved is sent as an event and then the retained
 * state is cleared, so resolved requests do not pile up in the broker.
 */
export function handoffPublishPlan(handoff: HandoffMessage): PlannedPublish[] {
  const topic = storeTopics(handoff.storeId).handoff(handoff.kioskId, handoff.handoffId);
  const payload = JSON.stringify(handoff);
  if (handoff.state !== 'resolved') return [{ topic, payload, retain: true }];
  return [
    { topic, payload, retain: false },
    { topic, payload: '', retain: true },
  ];
}

/**
 * An order goes out retained (its latest revision: consumers de-duplicate on orderId, and a
 * console that opens later sees the day's orders); a counter order waiting for payment is
 * also kept retained on counter/{kiosk}/{orderId} until staff or a POS marks it paid or
 * cancelled (they clear it; so does the kiosk when it republishes it settled).
 */
export function orderPublishPlan(order: OrderMessage): PlannedPublish[] {
  const topics = storeTopics(order.storeId);
  const payload = JSON.stringify(order);
  const plan: PlannedPublish[] = [{ topic: topics.order(order.kioskId, order.orderId), payload, retain: true }];
  if (order.paymentMethod !== 'counter') return plan;
  const counterTopic = topics.counter(order.kioskId, order.orderId);
  plan.push({ topic: counterTopic, payload: isAwaitingCounterPayment(order) ? payload : '', retain: true });
  return plan;
}

/** A counter order is waiting for payment until someone marks it paid or it is cancelled. */
export const isAwaitingCounterPayment = (order: Pick<OrderMessage, 'paymentMethod' | 'status'>): boolean =>
  order.paymentMethod === 'counter' && ['placed', 'awaiting_counter_payment', 'queued', 'delivered'].includes(order.status);

/**
 * Staff or a POS changes an order's status: the change is retained on order/{kiosk}/{orderId}/status
 * (the latest one: a display or console that opens later knows it), then the retained counter entry
 * is cleared (the order no longer waits for payment at the counter).
 */
export function orderStatusPublishPlan(store: string, update: OrderStatusMessage): PlannedPublish[] {
  const topics = storeTopics(store);
  return [
    { topic: topics.orderStatus(update.kioskId, update.orderId), payload: JSON.stringify(update), retain: true },
    { topic: topics.counter(update.kioskId, update.orderId), payload: '', retain: true },
  ];
}

/** Marks what is sold out now: the whole state, retained (each message replaces the last). */
export const availabilityPublishPlan = (store: string, availability: AvailabilityMessage): PlannedPublish[] => [
  { topic: storeTopics(store).availability, payload: JSON.stringify(availability), retain: true },
];
