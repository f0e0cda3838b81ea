// The console names the help requests a kiosk closed itself (the customer cancelled, or left):
// staff need not go. Staff's own resolutions are not listed there.
import { describe, expect, it } from 'vitest';
import { handoffPublishPlan, type HandoffMessage } from '../../../common/store-bus/messages';
import { consoleReducer, emptyConsoleState, ENDED_BY_KIOSK_SHOWN, type ConsoleState } from '../../../staff-console/console-state';

const open = (handoffId: string): HandoffMessage => ({
  handoffId,
  storeId: 'berlin-1',
  kioskId: 'B',
  reason: 'payment_problem',
  screen: 'payment',
  cart: { currency: 'EUR', lines: [], total: 0 },
  trigger: 'customer',
  openedAt: '2026-11-25T12:00:00.000Z',
  state: 'open',
});
const resolved = (handoff: HandoffMessage, role: 'kiosk' | 'staff', outcome: 'customer_left' | 'helped'): HandoffMessage => ({
  ...handoff,
  state: 'resolved',
  resolvedBy: { role, name: role === 'kiosk' ? 'kiosk-B' : 'anna' },
  resolvedAt: '2026-11-25T12:05:00.000Z',
  outcome,
});
const apply = (state: ConsoleState, handoff: HandoffMessage) =>
  handoffPublishPlan(handoff).reduce((current, step) => consoleReducer(current, { type: 'message', topic: step.topic, payload: step.payload }), state);
const id = (n: number) => `0b8e1f52-7c1a-4d2b-9e3f-${String(n).padStart(12, '0')}`;

describe('requests a kiosk closed', () => {
  it('drops the request and names it with how it ended; staff resolutions are not listed; the last few are kept', () => {
    let state = apply(emptyConsoleState, open(id(1)));
    state = apply(state, resolved(open(id(1)), 'kiosk', 'customer_left'));
    expect(state.handoffs).toEqual({});
    expect(state.endedByKiosk).toMatchObject([{ handoffId: id(1), outcome: 'customer_left' }]);

    state = apply(apply(state, open(id(2))), resolved(open(id(2)), 'staff', 'helped'));
    expect(state.endedByKiosk.map((handoff) => handoff.handoffId)).toEqual([id(1)]);

    for (let n = 3; n < 10; n++) state = apply(apply(state, open(id(n))), resolved(open(id(n)), 'kiosk', 'customer_left'));
    expect(state.endedByKiosk).toHaveLength(ENDED_BY_KIOSK_SHOWN);
    expect(state.endedByKiosk[0]!.handoffId).toBe(id(9));
  });
});
