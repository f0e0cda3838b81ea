// What staff do on the console, as the store bus messages it publishes. Pure: each
// builder returns the publish plan; the console sends it and words a failure.
import { markSoldOut, type SoldOutKind } from '../common/store-bus/availability';
import {
  availabilityPublishPlan,
  handoffPublishPlan,
  orderStatusPublishPlan,
  type Actor,
  type AvailabilityMessage,
  type HandoffMessage,
  type HandoffOutcome,
  type OrderMessage,
  type OrderStatusChange,
  type PlannedPublish,
} from '../common/store-bus/messages';

export type ConsoleAction = 'acknowledge' | 'resolve' | 'markPaid' | 'cancelOrder' | 'noShow' | 'markReady' | 'availability';

/** The console action (for wording a failure) behind each order status change. */
export const ORDER_CHANGE_ACTION: Record<OrderStatusChange, ConsoleAction> = { paid: 'markPaid', cancelled: 'cancelOrder', no_show: 'noShow', ready: 'markReady' };

/** "On my way": the request is acknowledged by this staff member. */
export const acknowledgePlan = (handoff: HandoffMessage, me: Actor, at: Date): PlannedPublish[] =>
  handoffPublishPlan({ ...handoff, state: 'acknowledged', acknowledgedBy: me, acknowledgedAt: at.toISOString() });

/** The request is dealt with; who acknowledged it (if anyone) stays on the record. */
export const resolvePlan = (handoff: HandoffMessage, outcome: HandoffOutcome, me: Actor, at: Date): PlannedPublish[] =>
  handoffPublishPlan({
    ...handoff,
    state: 'resolved',
    ...(handoff.state === 'acknowledged' ? { acknowledgedBy: handoff.acknowledgedBy, acknowledgedAt: handoff.acknowledgedAt } : {}),
    resolvedBy: me,
    resolvedAt: at.toISOString(),
    outcome,
  });

/** A counter order paid at the till, cancelled or not collected; any paid order ready for pick-up. */
export const orderStatusPlan = (store: string, order: OrderMessage, status: OrderStatusChange, me: Actor, at: Date): PlannedPublish[] =>
  orderStatusPublishPlan(store, { orderId: order.orderId, kioskId: order.kioskId, orderNumber: order.orderNumber, status, by: me, at: at.toISOString() });

/** One tap on the sold-out list: the whole new state, retained. */
export const soldOutPlan = (store: string, current: AvailabilityMessage | null, kind: SoldOutKind, id: string, soldOut: boolean, me: Actor, at: Date): PlannedPublish[] =>
  availabilityPublishPlan(store, markSoldOut(current, kind, id, soldOut, me, at));
