// What the staff console knows, built only from store bus messages: open help
// requests, counter orders waiting for payment, the order feed and kiosk health.
// Pure (no I/O): the console feeds it every MQTT message it receives.
import type { z } from 'zod';
import {
  handoffMessage,
  kioskStatusMessage,
  orderMessage,
  orderStatusMessage,
  parseTopic,
  type HandoffMessage,
  type KioskStatusMessage,
  type OrderMessage,
  type OrderStatusMessage,
} from '../common/store-bus/messages';

/** How many orders the live feed keeps. */
export const ORDER_FEED_LENGTH = 50;

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
  /** Help requests in the order they arrived at this console; the alert shows those still unanswered. */
  arrivals: string[];
  /** Counts new requests: each increase is one beep. */
  alertSeq: number;
}

export const emptyConsoleState: ConsoleState = { handoffs: {}, counterOrders: {}, orders: [], orderStatuses: {}, kiosks: {}, arrivals: [], alertSeq: 0 };

export type ConsoleAction = { type: 'message'; topic: string; payload: string } | { type: 'reset' };

const parse = <S extends z.ZodType>(schema: S, text: string): z.infer<S> | null => {
  try {
    const result = schema.safeParse(JSON.parse(text));
    return result.success ? result.data : null;
  } catch {
    return null;
  }
};

const without = <T>(record: Record<string, T>, key: string): Record<string, T> => {
  if (!(key in record)) return record;
  const copy = { ...record };
  delete copy[key];
  return copy;
};

export function consoleReducer(state: ConsoleState, action: ConsoleAction): ConsoleState {
  if (action.type === 'reset') return emptyConsoleState;
  const topic = parseTopic(action.topic);
  if (!topic) return state;
  const cleared = action.payload === '';

  switch (topic.kind) {
    case 'handoff': {
      if (cleared) return { ...state, handoffs: without(state.handoffs, topic.handoffId), arrivals: state.arrivals.filter((id) => id !== topic.handoffId) };
      const handoff = parse(handoffMessage, action.payload);
      if (!handoff) return state;
      if (handoff.state === 'resolved') {
        return { ...state, handoffs: without(state.handoffs, handoff.handoffId), arrivals: state.arrivals.filter((id) => id !== handoff.handoffId) };
      }
      const isNew = !(handoff.handoffId in state.handoffs) && handoff.state === 'open';
      return {
        ...state,
        handoffs: { ...state.handoffs, [handoff.handoffId]: handoff },
        arrivals: isNew ? [...state.arrivals, handoff.handoffId] : state.arrivals,
        alertSeq: isNew ? state.alertSeq + 1 : state.alertSeq,
      };
    }
    case 'counter': {
      if (cleared) return { ...state, counterOrders: without(state.counterOrders, topic.orderId) };
      const order = parse(orderMessage, action.payload);
      return order ? { ...state, counterOrders: { ...state.counterOrders, [order.orderId]: order } } : state;
    }
    case 'order': {
      const order = parse(orderMessage, action.payload);
      if (!order) return state;
      const rest = state.orders.filter((known) => known.orderId !== order.orderId);
      return { ...state, orders: [order, ...rest].slice(0, ORDER_FEED_LENGTH) };
    }
    case 'order_status': {
      const update = parse(orderStatusMessage, action.payload);
      if (!update) return state;
      return { ...state, orderStatuses: { ...state.orderStatuses, [update.orderId]: update }, counterOrders: without(state.counterOrders, update.orderId) };
    }
    case 'kiosk_status': {
      if (cleared) return { ...state, kiosks: without(state.kiosks, topic.kiosk) };
      const status = parse(kioskStatusMessage, action.payload);
      return status ? { ...state, kiosks: { ...state.kiosks, [status.kioskId]: status } } : state;
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

/** "3:07" for 187 seconds; hours when it gets that bad. */
export function formatWaiting(milliseconds: number): string {
  const seconds = Math.max(0, Math.floor(milliseconds / 1000));
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = String(seconds % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}
