// The store-bus rules audit of issue 10, rule by rule, as a user holding each role's credentials
// would try to break them: staff create a counter order; a kiosk signs as staff; an event on
// another event's topic; an order whose total is not the sum of its lines. Each is refused by the
// rules the embedded broker applies (acl.ts), with a reason naming what is wrong.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { storeTopics, type HandoffMessage, type OrderMessage } from '../../../common/store-bus/messages';
import { mayPublish } from '../../../electron/host/store-bus/acl';
import type { StoreBusUser } from '../../../electron/host/store-bus/credentials';

const STORE = 'berlin-1';
const topics = storeTopics(STORE);
const hash = 'scrypt$1024$8$1$c2FsdA$aGFzaA';
const anna: StoreBusUser = { username: 'anna', role: 'staff', store: STORE, passwordHash: hash };
const till: StoreBusUser = { username: 'till-1', role: 'pos', store: STORE, passwordHash: hash };
const kioskB: StoreBusUser = { username: 'kiosk-B', role: 'kiosk', store: STORE, kiosk: 'B', passwordHash: hash };
const at = '2026-11-25T12:00:00.000Z';

const order = (overrides: Partial<OrderMessage> = {}): OrderMessage => ({
  orderId: randomUUID(),
  orderNumber: 'B-042',
  storeId: STORE,
  kioskId: 'B',
  menuVersion: 'v1',
  locale: 'en',
  serviceMode: 'eat_in',
  currency: 'EUR',
  lines: [
    { lineId: 'l1', selection: { kind: 'item', itemId: 'cola', quantity: 2, removedIngredientIds: [], options: {} }, title: 'Cola', details: [], unitPrice: 250, total: 500, calories: 100 },
    { lineId: 'l2', selection: { kind: 'item', itemId: 'fries', quantity: 1, removedIngredientIds: [], options: {} }, title: 'Fries', details: [], unitPrice: 300, total: 300, calories: 300 },
  ],
  taxes: [],
  total: 800,
  paymentMethod: 'counter',
  status: 'awaiting_counter_payment',
  placedAt: at,
  updatedAt: at,
  ...overrides,
});

const handoff = (state: 'open' | 'acknowledged' | 'resolved', extra: Record<string, unknown> = {}) => {
  const handoffId = randomUUID();
  const message = {
    handoffId,
    storeId: STORE,
    kioskId: 'B',
    reason: 'help_with_order',
    screen: 'cart',
    cart: { currency: 'EUR', lines: [], total: 0 },
    trigger: 'customer',
    openedAt: at,
    state,
    ...extra,
  } as HandoffMessage;
  return { topic: topics.handoff('B', handoffId), payload: JSON.stringify(message) };
};

describe('store-bus rules audit (issue 10)', () => {
  it('staff and a POS may clear a counter order, never create one, nor publish an order', () => {
    const counter = order();
    for (const user of [anna, till]) {
      expect(mayPublish(user, topics.counter('B', counter.orderId), '', true)).toEqual({ allowed: true });
      expect(mayPublish(user, topics.counter('B', counter.orderId), JSON.stringify(counter), true)).toMatchObject({ allowed: false, reason: expect.stringMatching(/may only clear a counter message/) });
      expect(mayPublish(user, topics.order('B', counter.orderId), JSON.stringify(counter), true)).toMatchObject({ allowed: false, reason: expect.stringMatching(/may not publish order messages/) });
    }
  });

  it('a kiosk cannot sign as staff: a resolution signed "staff" or an acknowledgement is refused; signed as itself it passes', () => {
    const asStaff = handoff('resolved', { resolvedBy: { role: 'staff', name: 'anna' }, resolvedAt: at, outcome: 'helped' });
    expect(mayPublish(kioskB, asStaff.topic, asStaff.payload, true)).toMatchObject({ allowed: false, reason: 'resolvedBy must be kiosk kiosk-B' });
    const asAnotherKiosk = handoff('resolved', { resolvedBy: { role: 'kiosk', name: 'kiosk-A' }, resolvedAt: at, outcome: 'helped' });
    expect(mayPublish(kioskB, asAnotherKiosk.topic, asAnotherKiosk.payload, true)).toMatchObject({ allowed: false, reason: 'resolvedBy must be kiosk kiosk-B' });
    const acknowledged = handoff('acknowledged', { acknowledgedBy: { role: 'kiosk', name: 'kiosk-B' }, acknowledgedAt: at });
    expect(mayPublish(kioskB, acknowledged.topic, acknowledged.payload, true)).toMatchObject({ allowed: false, reason: expect.stringMatching(/only staff acknowledge/) });
    // Staff mode at the kiosk: the kiosk signs and names the staff member its host signed in.
    const staffMode = handoff('resolved', { resolvedBy: { role: 'kiosk', name: 'kiosk-B' }, staffName: 'anna', resolvedAt: at, outcome: 'helped' });
    expect(mayPublish(kioskB, staffMode.topic, staffMode.payload, false)).toEqual({ allowed: true });
  });

  it('an event must travel on its own topic: another event id in the payload is refused', () => {
    const event = { eventId: 'e-1', type: 'session_started', at, storeId: STORE, kioskId: 'B' };
    expect(mayPublish(kioskB, topics.event('B', 'e-1'), JSON.stringify(event), false)).toEqual({ allowed: true });
    expect(mayPublish(kioskB, topics.event('B', 'e-2'), JSON.stringify(event), false)).toMatchObject({ allowed: false, reason: 'eventId e-1 does not match the topic\'s event e-2' });
  });

  it("an order's total must be the sum of its lines: a tampered total is refused on the order and the counter topic", () => {
    const honest = order();
    expect(mayPublish(kioskB, topics.order('B', honest.orderId), JSON.stringify(honest), true)).toEqual({ allowed: true });
    const tampered = order({ total: 1 });
    for (const topic of [topics.order('B', tampered.orderId), topics.counter('B', tampered.orderId)]) {
      expect(mayPublish(kioskB, topic, JSON.stringify(tampered), true)).toMatchObject({ allowed: false, reason: expect.stringMatching(/total: the total must be the sum of the lines/) });
    }
  });
});
