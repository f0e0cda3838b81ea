// What the order status display knows, built only from store bus messages: the day's
// orders (retained) and the last status change of each. Pure: the page feeds it every
// MQTT message; `board` turns it into the two lists on screen.
import type { z } from 'zod';
import { orderMessage, orderStatusMessage, parseTopic, type OrderMessage, type OrderStatusMessage } from '../common/store-bus/messages';
import { orderProgress } from '../common/store-bus/order-progress';

/** A number stays under "Ready" this long after staff marked it (then it was collected, or the counter calls it). */
export const READY_SHOWN_MS = 15 * 60_000;
/** At most this many numbers per column: a wall screen, not a report. */
export const BOARD_LENGTH = 24;

export interface BoardState {
  orders: Record<string, OrderMessage>;
  statuses: Record<string, OrderStatusMessage>;
}

export const emptyBoard: BoardState = { orders: {}, statuses: {} };

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

export function boardReducer(state: BoardState, message: { topic: string; payload: string }): BoardState {
  const topic = parseTopic(message.topic);
  if (!topic || (topic.kind !== 'order' && topic.kind !== 'order_status')) return state;
  const cleared = message.payload === '';
  if (topic.kind === 'order') {
    if (cleared) return { ...state, orders: without(state.orders, topic.orderId) };
    const order = parse(orderMessage, message.payload);
    return order && order.orderId === topic.orderId ? { ...state, orders: { ...state.orders, [order.orderId]: order } } : state;
  }
  if (cleared) return { ...state, statuses: without(state.statuses, topic.orderId) };
  const change = parse(orderStatusMessage, message.payload);
  if (!change || change.orderId !== topic.orderId) return state;
  const known = state.statuses[change.orderId];
  // Retained and live copies can cross: the later change wins.
  if (known && known.at > change.at) return state;
  return { ...state, statuses: { ...state.statuses, [change.orderId]: change } };
}

export interface Board {
  /** Oldest first: the next to be ready leads. */
  preparing: string[];
  /** Latest first: the number just called is at the top. */
  ready: string[];
}

/** Orders placed since `since` (local midnight) that are being made, and those ready within READY_SHOWN_MS of `now`. */
export function board(state: BoardState, now: number, since: number): Board {
  const preparing: OrderMessage[] = [];
  const ready: { number: string; at: string }[] = [];
  for (const order of Object.values(state.orders)) {
    if (Date.parse(order.placedAt) < since) continue;
    const change = state.statuses[order.orderId];
    const progress = orderProgress(order, change);
    if (progress === 'preparing') preparing.push(order);
    else if (progress === 'ready' && change && now - Date.parse(change.at) < READY_SHOWN_MS) ready.push({ number: order.orderNumber, at: change.at });
  }
  return {
    preparing: preparing.sort((a, b) => a.placedAt.localeCompare(b.placedAt)).slice(0, BOARD_LENGTH).map((order) => order.orderNumber),
    ready: ready.sort((a, b) => b.at.localeCompare(a.at)).slice(0, BOARD_LENGTH).map((entry) => entry.number),
  };
}

/** Local midnight of the day `now` falls in: the display shows today's orders. */
export function startOfDay(now: number): number {
  const day = new Date(now);
  day.setHours(0, 0, 0, 0);
  return day.getTime();
}
