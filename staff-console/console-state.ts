// What the staff console knows, built only from store bus messages: open help
// requests, counter orders waiting for payment, the day's orders (retained) and their
// status changes, kiosk health, the menus kiosks serve, what is sold out, and refusals.
// Pure (no I/O): the console feeds it every MQTT message it receives.
import type { z } from 'zod';
import { menu as menuSchema, type Menu } from '../common/menu/schema';
import {
  availabilityMessage,
  handoffMessage,
  kioskMenuMessage,
  kioskStatusMessage,
  orderMessage,
  orderStatusMessage,
  parseTopic,
  type ParsedTopic,
  refusalMessage,
  type AvailabilityMessage,
  type HandoffMessage,
  type KioskStatusMessage,
  type OrderMessage,
  type OrderStatusMessage,
  type RefusalMessage,
} from '../common/store-bus/messages';

/** How many orders the console keeps (a busy day; kiosks clear theirs after a day). */
export const ORDER_FEED_LENGTH = 1000;

/** A menu a kiosk serves, checked, with the store's locale it was published with. */
export interface ServedMenu {
  kioskId: string;
  menu: Menu;
  locale: string;
  at: string;
}

export interface ConsoleState {
  /** Open and acknowledged help requests by id (resolved ones leave). */
  handoffs: Record<string, HandoffMessage>;
  /** Counter orders waiting for payment, by order id. */
  counterOrders: Record<string, OrderMessage>;
  /** Latest first, one entry per order id (consumers de-duplicate on it). */
  orders: OrderMessage[];
  /** The last status change staff or a POS made, by order id. */
  orderStatuses: Record<string, OrderStatusMessage>;
  kiosks: Record<string, KioskStatusMessage>;
  /** The menu each kiosk serves (names in the store's language, what can be sold out). */
  menus: Record<string, ServedMenu>;
  /** What is sold out now (null: nothing was ever marked). */
  availability: AvailabilityMessage | null;
  /** The broker's latest refusal of each user's message, by username. */
  refusals: Record<string, RefusalMessage>;
  /** Help requests in the order they arrived at this console; the alert shows those still unanswered. */
  arrivals: string[];
  /** Counts new requests: each increase is one beep. */
  alertSeq: number;
  /** The last message on each topic that did not match its schema: shown as broken, never applied. */
  broken: Record<string, BrokenMessage>;
}

/** A message the console cannot read, and why (the first problems its schema found). */
export interface BrokenMessage {
  topic: string;
  reason: string;
}

export const emptyConsoleState: ConsoleState = {
  handoffs: {},
  counterOrders: {},
  orders: [],
  orderStatuses: {},
  kiosks: {},
  menus: {},
  availability: null,
  refusals: {},
  arrivals: [],
  alertSeq: 0,
  broken: {},
};

export type ConsoleAction = { type: 'message'; topic: string; payload: string } | { type: 'reset' };

/** Thrown by `parse` for a message its schema refuses; the reducer records it as broken. */
class UnreadableMessage extends Error {}

const describeIssues = (issues: readonly z.core.$ZodIssue[]): string =>
  issues
    .slice(0, 3)
    .map((issue) => `${issue.path.length > 0 ? `$.${issue.path.join('.')}` : '$'}: ${issue.message}`)
    .join('; ');

const parse = <S extends z.ZodType>(schema: S, text: string): z.infer<S> => {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new UnreadableMessage('not JSON');
  }
  const result = schema.safeParse(json);
  if (!result.success) throw new UnreadableMessage(describeIssues(result.error.issues));
  return result.data;
};

const without = <T>(record: Record<string, T>, key: string): Record<string, T> => {
  if (!Object.hasOwn(record, key)) return record;
  const copy = { ...record };
  delete copy[key];
  return copy;
};

/**
 * Applies one store-bus message. A message that does not match its schema changes nothing but is
 * listed as broken (until a good one arrives on its topic): one bad publisher never blanks the console.
 */
export function consoleReducer(state: ConsoleState, action: ConsoleAction): ConsoleState {
  if (action.type === 'reset') return emptyConsoleState;
  const topic = parseTopic(action.topic);
  if (!topic) return state;
  try {
    const next = applyMessage(state, topic, action.payload);
    return Object.hasOwn(next.broken, action.topic) ? { ...next, broken: without(next.broken, action.topic) } : next;
  } catch (error) {
    if (!(error instanceof UnreadableMessage)) throw error;
    return { ...state, broken: { ...state.broken, [action.topic]: { topic: action.topic, reason: error.message } } };
  }
}

function applyMessage(state: ConsoleState, topic: ParsedTopic, payload: string): ConsoleState {
  const cleared = payload === '';

  switch (topic.kind) {
    case 'handoff': {
      if (cleared) return { ...state, handoffs: without(state.handoffs, topic.handoffId), arrivals: state.arrivals.filter((id) => id !== topic.handoffId) };
      const handoff = parse(handoffMessage, payload);
      if (handoff.state === 'resolved') {
        return { ...state, handoffs: without(state.handoffs, handoff.handoffId), arrivals: state.arrivals.filter((id) => id !== handoff.handoffId) };
      }
      const isNew = !Object.hasOwn(state.handoffs, handoff.handoffId) && handoff.state === 'open';
      return {
        ...state,
        handoffs: { ...state.handoffs, [handoff.handoffId]: handoff },
        arrivals: isNew ? [...state.arrivals, handoff.handoffId] : state.arrivals,
        alertSeq: isNew ? state.alertSeq + 1 : state.alertSeq,
      };
    }
    case 'counter': {
      if (cleared) return { ...state, counterOrders: without(state.counterOrders, topic.orderId) };
      const order = parse(orderMessage, payload);
      return { ...state, counterOrders: { ...state.counterOrders, [order.orderId]: order } };
    }
    case 'order': {
      // A kiosk clears its orders a day after they were placed.
      if (cleared) return { ...state, orders: state.orders.filter((known) => known.orderId !== topic.orderId) };
      const order = parse(orderMessage, payload);
      const rest = state.orders.filter((known) => known.orderId !== order.orderId);
      return { ...state, orders: [order, ...rest].sort((a, b) => b.placedAt.localeCompare(a.placedAt)).slice(0, ORDER_FEED_LENGTH) };
    }
    case 'order_status': {
      if (cleared) return { ...state, orderStatuses: without(state.orderStatuses, topic.orderId) };
      const update = parse(orderStatusMessage, payload);
      const known = state.orderStatuses[update.orderId];
      // Retained and live copies can cross: the later change wins.
      if (known && known.at > update.at) return state;
      return { ...state, orderStatuses: { ...state.orderStatuses, [update.orderId]: update }, counterOrders: without(state.counterOrders, update.orderId) };
    }
    case 'kiosk_status': {
      if (cleared) return { ...state, kiosks: without(state.kiosks, topic.kiosk) };
      const status = parse(kioskStatusMessage, payload);
      return { ...state, kiosks: { ...state.kiosks, [status.kioskId]: status } };
    }
    case 'kiosk_menu': {
      if (cleared) return { ...state, menus: without(state.menus, topic.kiosk) };
      const served = parse(kioskMenuMessage, payload);
      const checked = menuSchema.safeParse(served.menu);
      if (!checked.success) throw new UnreadableMessage(`the menu: ${describeIssues(checked.error.issues)}`);
      return { ...state, menus: { ...state.menus, [served.kioskId]: { kioskId: served.kioskId, menu: checked.data, locale: served.locale, at: served.at } } };
    }
    case 'availability': {
      if (cleared) return { ...state, availability: null };
      return { ...state, availability: parse(availabilityMessage, payload) };
    }
    case 'refusal': {
      if (cleared) return { ...state, refusals: without(state.refusals, topic.username) };
      const refusal = parse(refusalMessage, payload);
      return { ...state, refusals: { ...state.refusals, [refusal.username]: refusal } };
    }
    default:
      return state;
  }
}

/** The requests nobody has answered yet, newest first: what the alert banner names. */
export const unansweredArrivals = (state: ConsoleState): HandoffMessage[] =>
  state.arrivals
    .map((id) => state.handoffs[id])
    .filter((handoff): handoff is HandoffMessage => handoff?.state === 'open')
    .reverse();

/** Oldest first: whoever has waited longest is at the top. */
export const handoffsByWaitingTime = (state: ConsoleState): HandoffMessage[] =>
  Object.values(state.handoffs).sort((a, b) => a.openedAt.localeCompare(b.openedAt));

export const counterOrdersOldestFirst = (state: ConsoleState): OrderMessage[] =>
  Object.values(state.counterOrders).sort((a, b) => a.placedAt.localeCompare(b.placedAt));

/** Where an order stands, from its document and the last status change staff or a POS made. */
export type OrderProgress = 'unpaid' | 'awaiting_counter_payment' | 'preparing' | 'ready' | 'cancelled' | 'no_show';

const PAID_CARD_STATUSES: ReadonlySet<OrderMessage['status']> = new Set(['paid', 'receipt_printed', 'receipt_failed', 'queued', 'delivered']);

export function orderProgress(order: OrderMessage, change: OrderStatusMessage | undefined): OrderProgress {
  if (change) return change.status === 'paid' ? 'preparing' : change.status;
  if (order.status === 'cancelled') return 'cancelled';
  if (order.paymentMethod === 'counter') return order.status === 'paid' ? 'preparing' : isCounterWaiting(order) ? 'awaiting_counter_payment' : 'unpaid';
  return PAID_CARD_STATUSES.has(order.status) ? 'preparing' : 'unpaid';
}

const isCounterWaiting = (order: OrderMessage): boolean => ['placed', 'awaiting_counter_payment', 'queued', 'delivered'].includes(order.status);

/** Orders placed since `since` (ms), latest first: the day's feed. */
export const ordersSince = (state: ConsoleState, since: number): OrderMessage[] => state.orders.filter((order) => Date.parse(order.placedAt) >= since);

/** Paid orders nobody has marked ready (or cancelled) yet, oldest first: what the kitchen is making. */
export const preparingOrders = (state: ConsoleState, since: number): OrderMessage[] =>
  ordersSince(state, since)
    .filter((order) => orderProgress(order, state.orderStatuses[order.orderId]) === 'preparing')
    .reverse();

/** The menu the console works with: the one a kiosk published last (a store's kiosks serve the same menu). */
export const currentMenu = (state: ConsoleState): ServedMenu | null =>
  Object.values(state.menus).sort((a, b) => b.at.localeCompare(a.at))[0] ?? null;

/** The menu of the kiosk that took an order (to describe its lines), else any. */
export const menuForKiosk = (state: ConsoleState, kioskId: string): ServedMenu | null => state.menus[kioskId] ?? currentMenu(state);

/** Local midnight of the day `now` falls in: "today" for the feed. */
export function startOfDay(now: number): number {
  const day = new Date(now);
  day.setHours(0, 0, 0, 0);
  return day.getTime();
}

/** "3:07" for 187 seconds; hours when it gets that bad. */
export function formatWaiting(milliseconds: number): string {
  const seconds = Math.max(0, Math.floor(milliseconds / 1000));
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = String(seconds % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}
