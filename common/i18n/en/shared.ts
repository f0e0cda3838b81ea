// Words the kiosk, the staff console and the printer share: comp reasons, help-request
// outcomes, device states, order statuses, and failures worded from their codes.
import type { CallErrorCode } from '../../contract/errors';
import type { CompReason, OrderStatus } from '../../order/order';
import type { HandoffOutcome, HandoffReason } from '../../store-bus/messages';

export const shared = {
  compReasons: { long_wait: 'Long wait', wrong_item: 'Wrong item', goodwill: 'Goodwill', staff_meal: 'Staff meal', other: 'Other' } satisfies Record<CompReason, string>,
  /** "Comped by sam: Long wait – cold fries" (the note is the staff member's own words). */
  compedBy: (by: string, reason: string) => `Comped by ${by}: ${reason}`,
  outcomes: {
    helped: 'Helped',
    order_taken_to_counter: 'Order taken to the counter',
    payment_resolved: 'Payment resolved',
    no_one_there: 'No one there',
    cancelled_by_customer: 'Cancelled by the customer',
    customer_left: 'Customer left',
    other: 'Other',
  } satisfies Record<HandoffOutcome, string>,
  /** A help request's reason as staff read it (the customer chose it in their own words, `help.reasons`). */
  staffReasons: {
    help_with_order: 'Help with the order',
    payment_problem: 'Payment problem',
    accessibility: 'Accessibility help',
    allergy_question: 'Allergy question',
    other: 'Other',
  } satisfies Record<HandoffReason, string>,
  orderStatuses: {
    draft: 'draft',
    placed: 'placed',
    payment_pending: 'payment pending',
    payment_unknown: 'payment unknown',
    paid: 'paid',
    receipt_printed: 'receipt printed',
    receipt_failed: 'receipt failed',
    awaiting_counter_payment: 'awaiting counter payment',
    queued: 'queued',
    delivered: 'delivered',
    cancelled: 'cancelled',
  } satisfies Record<OrderStatus, string>,
  /** A contract call failed: what staff (or a customer) read for its code. */
  errors: {
    bad_request: 'the kiosk sent something the host could not accept',
    unknown_call: 'the host does not know this action',
    unavailable: 'the store system cannot be reached right now',
    shutting_down: 'the kiosk is shutting down',
    device_unavailable: 'the printer or card terminal is not available',
    wrong_pin: 'wrong name or PIN',
    locked_out: 'locked out after repeated wrong PINs',
    session_ended: 'the staff session has ended; sign in again',
    forbidden: 'this is not allowed',
    already_paid: 'the order is already paid',
    payment_in_doubt: 'an earlier payment of this order is still being checked',
    menu_version_mismatch: 'the menu changed; the order was priced with another menu',
    price_mismatch: 'the prices of the order do not match the menu',
    order_conflict: 'another order was placed under the same number',
    over_limit: 'the order is above the highest amount this kiosk takes',
    unknown_order: 'the kiosk does not know this order',
    not_paid: 'no payment of this order is recorded',
    failed: 'something went wrong',
  } satisfies Record<CallErrorCode, string>,
};

export type SharedMessages = typeof shared;
