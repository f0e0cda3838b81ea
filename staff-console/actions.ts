// What staff do on the console, as the store bus messages it publishes. Pure: each
// builder returns the publish plan; the console sends it and words a failure.
import { handoffPublishPlan, orderStatusPublishPlan, type Actor, type HandoffMessage, type HandoffOutcome, type OrderMessage, type PlannedPublish } from '../common/store-bus/messages';

export type ConsoleAction = 'acknowledge' | 'resolve' | 'markPaid';

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

/** A counter order was paid at the till. */
export const markPaidPlan = (store: string, order: OrderMessage, me: Actor, at: Date): PlannedPublish[] =>
  orderStatusPublishPlan(store, { orderId: order.orderId, kioskId: order.kioskId, orderNumber: order.orderNumber, status: 'paid', by: me, at: at.toISOString() });
