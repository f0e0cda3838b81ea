// Order status changes wait a few seconds before they are sent, so a wrong tap can be
// taken back without a confirmation dialog: nothing reaches the kitchen, the kiosk or the
// audit trail until the time is up, and an undone change was never made. Pure.
import type { OrderMessage, OrderStatusChange } from '../common/store-bus/messages';

/** How long a change can be undone, unless the console's address says otherwise (?undo=seconds). */
export const DEFAULT_UNDO_SECONDS = 10;
export const MAX_UNDO_SECONDS = 60;

export interface PendingChange {
  order: OrderMessage;
  status: OrderStatusChange;
  /** When staff tapped (the change is signed with this time). */
  at: number;
  /** When it is sent. */
  dueAt: number;
}

/** Pending changes by order id: one per order (its buttons give way to "Undo" meanwhile). */
export type PendingChanges = Record<string, PendingChange>;

export function schedule(pending: PendingChanges, order: OrderMessage, status: OrderStatusChange, now: number, undoMs: number): PendingChanges {
  if (order.orderId in pending) return pending;
  return { ...pending, [order.orderId]: { order, status, at: now, dueAt: now + undoMs } };
}

export function undo(pending: PendingChanges, orderId: string): PendingChanges {
  if (!(orderId in pending)) return pending;
  const rest = { ...pending };
  delete rest[orderId];
  return rest;
}

/** The changes whose time is up (all of them when flushing, e.g. on sign-out). */
export const dueChanges = (pending: PendingChanges, now: number): PendingChange[] => Object.values(pending).filter((change) => change.dueAt <= now);

/** Whole seconds left to undo, for the countdown. */
export const secondsLeft = (change: PendingChange, now: number): number => Math.max(0, Math.ceil((change.dueAt - now) / 1000));

/** ?undo=seconds (0 sends at once), within 0…MAX_UNDO_SECONDS; anything else gives the default. */
export function undoSecondsFrom(search: string): number {
  const text = new URLSearchParams(search).get('undo');
  const seconds = text === null || text.trim() === '' ? NaN : Number(text);
  return Number.isInteger(seconds) && seconds >= 0 && seconds <= MAX_UNDO_SECONDS ? seconds : DEFAULT_UNDO_SECONDS;
}
