// The order lifecycle as one explicit state machine (see docs: design brief, "Order lifecycle").
// Pure: no storage, no clock. The data layer persists each step; the UI and the sync loop send events.
//
//  draft ─confirm─▶ placed ─payment_requested─▶ payment_pending ─payment_approved─▶ paid ─▶ receipt_printed | receipt_failed ─queued─▶ queued ─delivered─▶ delivered
//                     │                          │ payment_declined / payment_aborted ─▶ placed
//                     │                          └ payment_no_answer ─▶ payment_unknown ─payment_resolved_paid─▶ paid
//                     │                                                                 ├ payment_resolved_not_paid ─▶ placed
//                     │                                                                 └ (unresolved: staff) staff_marked_paid ─▶ paid | cancelled_by_staff
//                     └ choose_counter ─▶ awaiting_counter_payment ─queued─▶ queued ─delivered─▶ delivered ─staff_marked_paid─▶ paid
//                                                                            (queued ─staff_marked_paid─▶ paid when the acknowledgement is late)
//  cancelled: by the customer before payment, or by staff while nothing was paid.
import { ORDER_STATUSES, type OrderDocument, type OrderStatus } from './order';

export { ORDER_STATUSES };
export type { OrderStatus };
export type PaymentMethod = OrderDocument['paymentMethod'];

export const LIFECYCLE_EVENTS = [
  'confirm',
  'choose_counter',
  'payment_requested',
  'payment_approved',
  'payment_declined',
  'payment_aborted',
  'payment_no_answer',
  'payment_resolved_paid',
  'payment_resolved_not_paid',
  'receipt_printed',
  'receipt_failed',
  'queued',
  'delivered',
  'staff_marked_paid',
  'cancelled_by_customer',
  'cancelled_by_staff',
] as const;
export type LifecycleEvent = (typeof LIFECYCLE_EVENTS)[number];

/** What the machine decides on: the status and how the order is being paid. */
export interface LifecycleState {
  status: OrderStatus;
  paymentMethod: PaymentMethod;
}

interface Transition {
  from: OrderStatus;
  event: LifecycleEvent;
  to: OrderStatus;
  /** Only for orders paid this way (e.g. a receipt is printed for card payments only). */
  onlyFor?: PaymentMethod;
  /** The payment method the order has afterwards. */
  setsMethod?: PaymentMethod;
}

/** Every allowed step. Anything not listed here is forbidden. */
export const TRANSITIONS: readonly Transition[] = [
  { from: 'draft', event: 'confirm', to: 'placed' },
  { from: 'draft', event: 'cancelled_by_customer', to: 'cancelled' },

  { from: 'placed', event: 'payment_requested', to: 'payment_pending', setsMethod: 'card' },
  { from: 'placed', event: 'choose_counter', to: 'awaiting_counter_payment', setsMethod: 'counter' },
  { from: 'placed', event: 'cancelled_by_customer', to: 'cancelled' },
  { from: 'placed', event: 'cancelled_by_staff', to: 'cancelled' },

  { from: 'payment_pending', event: 'payment_approved', to: 'paid' },
  { from: 'payment_pending', event: 'payment_declined', to: 'placed' },
  { from: 'payment_pending', event: 'payment_aborted', to: 'placed' },
  { from: 'payment_pending', event: 'payment_no_answer', to: 'payment_unknown' },

  { from: 'payment_unknown', event: 'payment_resolved_paid', to: 'paid' },
  { from: 'payment_unknown', event: 'payment_resolved_not_paid', to: 'placed' },
  // Unresolved with the terminal: a person checks and decides.
  { from: 'payment_unknown', event: 'staff_marked_paid', to: 'paid' },
  { from: 'payment_unknown', event: 'cancelled_by_staff', to: 'cancelled' },

  { from: 'paid', event: 'receipt_printed', to: 'receipt_printed', onlyFor: 'card' },
  { from: 'paid', event: 'receipt_failed', to: 'receipt_failed', onlyFor: 'card' },
  { from: 'receipt_printed', event: 'queued', to: 'queued' },
  { from: 'receipt_failed', event: 'queued', to: 'queued' },

  { from: 'awaiting_counter_payment', event: 'queued', to: 'queued' },
  { from: 'awaiting_counter_payment', event: 'cancelled_by_customer', to: 'cancelled' },
  { from: 'awaiting_counter_payment', event: 'cancelled_by_staff', to: 'cancelled' },

  { from: 'queued', event: 'delivered', to: 'delivered' },
  // A counter order is unpaid until staff takes the money, so staff may still cancel it.
  { from: 'queued', event: 'cancelled_by_staff', to: 'cancelled', onlyFor: 'counter' },
  { from: 'delivered', event: 'staff_marked_paid', to: 'paid', onlyFor: 'counter' },
  // The same step when staff is quicker than the kiosk: the broker has the order but its acknowledgement
  // has not reached the kiosk yet (or was lost and the order is being sent again).
  { from: 'queued', event: 'staff_marked_paid', to: 'paid', onlyFor: 'counter' },
  { from: 'delivered', event: 'cancelled_by_staff', to: 'cancelled', onlyFor: 'counter' },
];

export class OrderLifecycleError extends Error {
  constructor(
    readonly state: LifecycleState,
    readonly event: string,
  ) {
    const allowed = allowedEvents(state);
    super(
      `Order lifecycle: event "${event}" is not allowed in state "${state.status}" (${state.paymentMethod} payment); ` +
        `allowed: ${allowed.length ? allowed.join(', ') : 'none (final state)'}`,
    );
    this.name = 'OrderLifecycleError';
  }
}

const applies = (transition: Transition, state: LifecycleState) =>
  transition.from === state.status && (!transition.onlyFor || transition.onlyFor === state.paymentMethod);

/** The events the order accepts now. */
export const allowedEvents = (state: LifecycleState): LifecycleEvent[] =>
  TRANSITIONS.filter((transition) => applies(transition, state)).map((transition) => transition.event);

export const canApply = (state: LifecycleState, event: string): boolean =>
  TRANSITIONS.some((transition) => transition.event === event && applies(transition, state));

/** The state after `event`; throws OrderLifecycleError naming state and event when the step is forbidden. */
export const nextState = (state: LifecycleState, event: LifecycleEvent): LifecycleState => {
  if (!(ORDER_STATUSES as readonly string[]).includes(state.status)) throw new OrderLifecycleError(state, event);
  const transition = TRANSITIONS.find((candidate) => candidate.event === event && applies(candidate, state));
  if (!transition) throw new OrderLifecycleError(state, event);
  return { status: transition.to, paymentMethod: transition.setsMethod ?? state.paymentMethod };
};

/** No event leads anywhere from here. */
export const isFinal = (state: LifecycleState): boolean => allowedEvents(state).length === 0;

/**
 * The status records something that happened outside the kiosk and cannot be taken back:
 * a payment request may be out, money was (or may have been) taken, a receipt printed,
 * the store has the order, or it was cancelled. Such a step is written durably before the kiosk goes on.
 */
export const isIrreversible = (status: OrderStatus): boolean =>
  status === 'payment_pending' ||
  status === 'payment_unknown' ||
  status === 'paid' ||
  status === 'receipt_printed' ||
  status === 'receipt_failed' ||
  status === 'queued' ||
  status === 'delivered' ||
  status === 'cancelled';

/** Money may have moved but the kiosk does not know the outcome: resolve with the terminal, never re-send. */
export const needsPaymentResolution = (status: OrderStatus): boolean => status === 'payment_pending' || status === 'payment_unknown';

/** The customer has paid (or will pay staff) and the order must reach the store. */
export const isPaid = (state: LifecycleState): boolean =>
  ['paid', 'receipt_printed', 'receipt_failed'].includes(state.status) ||
  (state.paymentMethod === 'card' && (state.status === 'queued' || state.status === 'delivered'));
