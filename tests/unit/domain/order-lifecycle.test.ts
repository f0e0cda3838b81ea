import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  LIFECYCLE_EVENTS,
  ORDER_STATUSES,
  OrderLifecycleError,
  allowedEvents,
  canApply,
  isFinal,
  isIrreversible,
  isPaid,
  nextState,
  type LifecycleEvent,
  type LifecycleState,
  type PaymentMethod,
} from '../../../common/order/order-lifecycle';

const METHODS: PaymentMethod[] = ['card', 'counter'];

// The brief's diagram, written out independently of the machine's table: [from, event, to, methods it applies to].
const EXPECTED: [string, LifecycleEvent, string, PaymentMethod[]][] = [
  ['draft', 'confirm', 'placed', METHODS],
  ['draft', 'cancelled_by_customer', 'cancelled', METHODS],
  ['placed', 'payment_requested', 'payment_pending', METHODS],
  ['placed', 'choose_counter', 'awaiting_counter_payment', METHODS],
  ['placed', 'cancelled_by_customer', 'cancelled', METHODS],
  ['placed', 'cancelled_by_staff', 'cancelled', METHODS],
  ['payment_pending', 'payment_approved', 'paid', METHODS],
  ['payment_pending', 'payment_declined', 'placed', METHODS],
  ['payment_pending', 'payment_aborted', 'placed', METHODS],
  ['payment_pending', 'payment_no_answer', 'payment_unknown', METHODS],
  ['payment_unknown', 'payment_resolved_paid', 'paid', METHODS],
  ['payment_unknown', 'payment_resolved_not_paid', 'placed', METHODS],
  ['payment_unknown', 'staff_marked_paid', 'paid', METHODS],
  ['payment_unknown', 'cancelled_by_staff', 'cancelled', METHODS],
  ['paid', 'receipt_printed', 'receipt_printed', ['card']],
  ['paid', 'receipt_failed', 'receipt_failed', ['card']],
  ['receipt_printed', 'queued', 'queued', METHODS],
  ['receipt_failed', 'queued', 'queued', METHODS],
  ['awaiting_counter_payment', 'queued', 'queued', METHODS],
  ['awaiting_counter_payment', 'cancelled_by_customer', 'cancelled', METHODS],
  ['awaiting_counter_payment', 'cancelled_by_staff', 'cancelled', METHODS],
  ['queued', 'delivered', 'delivered', METHODS],
  ['queued', 'cancelled_by_staff', 'cancelled', ['counter']],
  ['queued', 'staff_marked_paid', 'paid', ['counter']],
  ['delivered', 'staff_marked_paid', 'paid', ['counter']],
  ['delivered', 'cancelled_by_staff', 'cancelled', ['counter']],
];

const allowedRows = EXPECTED.flatMap(([from, event, to, methods]) => methods.map((method) => ({ from, event, to, method })));
const isAllowed = (status: string, event: string, method: PaymentMethod) =>
  allowedRows.some((row) => row.from === status && row.event === event && row.method === method);
const forbiddenRows = ORDER_STATUSES.flatMap((status) =>
  METHODS.flatMap((method) =>
    LIFECYCLE_EVENTS.filter((event) => !isAllowed(status, event, method)).map((event) => ({ status, event, method })),
  ),
);

describe('order lifecycle: allowed steps', () => {
  it.each(allowedRows)('$from --$event--> $to ($method)', ({ from, event, to, method }) => {
    const state = { status: from, paymentMethod: method } as LifecycleState;
    const next = nextState(state, event);
    expect(next.status).toBe(to);
    expect(canApply(state, event)).toBe(true);
    expect(allowedEvents(state)).toContain(event);
  });

  it('switches the payment method when the customer changes how to pay', () => {
    expect(nextState({ status: 'placed', paymentMethod: 'card' }, 'choose_counter').paymentMethod).toBe('counter');
    expect(nextState({ status: 'placed', paymentMethod: 'counter' }, 'payment_requested').paymentMethod).toBe('card');
    expect(nextState({ status: 'payment_pending', paymentMethod: 'card' }, 'payment_declined').paymentMethod).toBe('card');
  });
});

describe('order lifecycle: forbidden steps', () => {
  it('covers every status × method × event combination', () => {
    expect(allowedRows.length + forbiddenRows.length).toBe(ORDER_STATUSES.length * METHODS.length * LIFECYCLE_EVENTS.length);
  });

  it.each(forbiddenRows)('$status (+$method) refuses $event', ({ status, event, method }) => {
    const state = { status, paymentMethod: method } as LifecycleState;
    expect(canApply(state, event)).toBe(false);
    let thrown: unknown;
    try {
      nextState(state, event);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(OrderLifecycleError);
    expect((thrown as Error).message).toContain(`"${event}"`);
    expect((thrown as Error).message).toContain(`"${status}"`);
  });

  it('names an unknown status too', () => {
    expect(() => nextState({ status: 'lost' as never, paymentMethod: 'card' }, 'confirm')).toThrow(/"lost"/);
  });
});

describe('order lifecycle: properties', () => {
  const event = fc.constantFrom(...LIFECYCLE_EVENTS);

  it('random event sequences never reach an invalid state, and refused events change nothing', () => {
    fc.assert(
      fc.property(fc.constantFrom(...METHODS), fc.array(event, { maxLength: 60 }), (method, events) => {
        let state: LifecycleState = { status: 'draft', paymentMethod: method };
        let everPaid = false;
        for (const candidate of events) {
          if (!canApply(state, candidate)) {
            expect(() => nextState(state, candidate)).toThrow(OrderLifecycleError);
            continue;
          }
          const next = nextState(state, candidate);
          expect(ORDER_STATUSES).toContain(next.status);
          // Once paid, an order is never back to unpaid or cancelled at the kiosk.
          if (everPaid) expect(['placed', 'payment_pending', 'payment_unknown', 'awaiting_counter_payment', 'cancelled']).not.toContain(next.status);
          // A receipt is only ever printed for a card payment.
          if (next.status === 'receipt_printed' || next.status === 'receipt_failed') expect(next.paymentMethod).toBe('card');
          everPaid ||= isPaid(next);
          state = next;
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('every status is reachable from draft, and every path can end in a final state', () => {
    const reachable = new Set<string>();
    const queue: LifecycleState[] = [{ status: 'draft', paymentMethod: 'card' }, { status: 'draft', paymentMethod: 'counter' }];
    const seen = new Set<string>();
    while (queue.length) {
      const state = queue.shift()!;
      const key = `${state.status}/${state.paymentMethod}`;
      if (seen.has(key)) continue;
      seen.add(key);
      reachable.add(state.status);
      for (const candidate of allowedEvents(state)) queue.push(nextState(state, candidate));
    }
    expect([...reachable].sort()).toEqual([...ORDER_STATUSES].sort());
    const finals = [...seen].filter((key) => {
      const [status, paymentMethod] = key.split('/') as [LifecycleState['status'], PaymentMethod];
      return isFinal({ status, paymentMethod });
    });
    expect(finals.sort()).toEqual(['cancelled/card', 'cancelled/counter', 'delivered/card', 'paid/counter']);
  });

  it('marks the steps that leave the kiosk as irreversible', () => {
    expect(ORDER_STATUSES.filter(isIrreversible)).toEqual([
      'payment_pending',
      'payment_unknown',
      'paid',
      'receipt_printed',
      'receipt_failed',
      'queued',
      'delivered',
      'cancelled',
    ]);
  });
});
