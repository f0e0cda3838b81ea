// The console's pending order status changes: each is sent when its undo time is up
// (pending-changes.ts), or at once on sign-out.
import { useCallback, useEffect, useState } from 'react';
import type { OrderMessage, OrderStatusChange } from '../common/store-bus/messages';
import { dueChanges, schedule, undo, type PendingChange, type PendingChanges } from './pending-changes';

const TICK_MS = 200;

export function usePendingChanges(undoMs: number, send: (change: PendingChange) => Promise<void>) {
  const [pending, setPending] = useState<PendingChanges>({});

  // A tick while anything is pending (a timer set for the exact due time may fire a hair early).
  useEffect(() => {
    if (Object.keys(pending).length === 0) return;
    const sent = new Set<string>(); // this closure's pending may be stale until React renders again
    const timer = window.setInterval(() => {
      const due = dueChanges(pending, Date.now()).filter((change) => !sent.has(change.order.orderId));
      if (due.length === 0) return;
      for (const change of due) sent.add(change.order.orderId);
      setPending((current) => due.reduce((rest, change) => undo(rest, change.order.orderId), current));
      for (const change of due) void send(change);
    }, TICK_MS);
    return () => window.clearInterval(timer);
  }, [pending, send]);

  const add = useCallback((order: OrderMessage, status: OrderStatusChange) => setPending((current) => schedule(current, order, status, Date.now(), undoMs)), [undoMs]);
  const remove = useCallback((orderId: string) => setPending((current) => undo(current, orderId)), []);
  /** Sends everything still pending now (signing out must not lose a change staff made). */
  const flush = useCallback(async () => {
    const all = Object.values(pending);
    setPending({});
    await Promise.all(all.map((change) => send(change)));
  }, [pending, send]);

  return { pending, schedule: add, undo: remove, flush };
}
