// A recorded day at a test store, as the store bus carries it: orders (with a redelivery,
// a late older revision and a counter order marked paid), session events, payment
// outcomes and help requests (out of order). The report test works its numbers out by hand.
import type { BusMessage } from '../../back-office/server/ingest';
import {
  handoffPublishPlan,
  storeTopics,
  type HandoffMessage,
  type KioskEventMessage,
  type OrderMessage,
  type OrderStatusMessage,
} from '../../common/store-bus/messages';

export const FIXTURE_STORE_ID = 'test-store';
export const FIXTURE_TIMEZONE = 'Europe/Berlin';
const topics = storeTopics(FIXTURE_STORE_ID);

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

interface OrderSpec {
  n: number;
  total: number;
  method: 'card' | 'counter';
  status: OrderMessage['status'];
  placedAt: string;
  updatedAt?: string;
  lines?: { itemId: string; quantity: number; removed?: string[]; options?: Record<string, Record<string, number>> }[];
}

export function fixtureOrder(spec: OrderSpec): OrderMessage {
  const lines = (spec.lines ?? [{ itemId: 'burger', quantity: 1 }]).map((line, index) => ({
    lineId: `line-${index}`,
    selection: { kind: 'item' as const, itemId: line.itemId, quantity: line.quantity, removedIngredientIds: line.removed ?? [], options: line.options ?? {} },
    title: line.itemId,
    details: [],
    unitPrice: Math.round(spec.total / line.quantity),
    total: spec.total,
    calories: 500,
  }));
  return {
    orderId: uuid(spec.n),
    orderNumber: `A-${String(spec.n).padStart(3, '0')}`,
    storeId: FIXTURE_STORE_ID,
    kioskId: 'A',
    menuVersion: 'test-1',
    locale: 'en',
    serviceMode: 'take_away',
    currency: 'EUR',
    lines,
    taxes: [],
    total: spec.total,
    paymentMethod: spec.method,
    status: spec.status,
    placedAt: spec.placedAt,
    updatedAt: spec.updatedAt ?? spec.placedAt,
  };
}

const orderMessage = (order: OrderMessage): BusMessage => ({ topic: topics.order(order.kioskId, order.orderId), payload: JSON.stringify(order) });

let eventCounter = 0;
export function fixtureEvent(type: string, at: string, extra: Partial<KioskEventMessage> = {}): KioskEventMessage {
  eventCounter += 1;
  return { eventId: `event-${eventCounter}`, storeId: FIXTURE_STORE_ID, kioskId: 'A', type, at, ...extra };
}
const eventMessage = (event: KioskEventMessage): BusMessage => ({ topic: topics.event(event.kioskId, event.eventId), payload: JSON.stringify(event) });

const handoffMessages = (handoff: HandoffMessage): BusMessage[] => handoffPublishPlan(handoff).map((step) => ({ topic: step.topic, payload: step.payload }));

const plus = (iso: string, seconds: number) => new Date(Date.parse(iso) + seconds * 1000).toISOString();

/** The day 2026-03-10 in Berlin (UTC+1), plus one order the evening before in UTC that is 00:30 local time, and one the next day. */
export function recordedDay(): BusMessage[] {
  eventCounter = 0;
  const messages: BusMessage[] = [];
  const add = (message: BusMessage) => void messages.push(message);

  // ---- orders
  const o1 = fixtureOrder({
    n: 1, total: 1049, method: 'card', status: 'queued', placedAt: '2026-03-10T11:15:00.000Z',
    lines: [{ itemId: 'burger', quantity: 2, removed: ['onion'], options: { sauces: { ketchup: 1 }, 'drink-ice': { ice: 1 } } }],
  });
  add(orderMessage(o1));
  add(orderMessage(o1)); // redelivered (QoS 1): counts once
  const o1Delivered = { ...o1, status: 'delivered' as const, updatedAt: '2026-03-10T11:16:00.000Z' };
  add(orderMessage(o1Delivered));
  add(orderMessage(o1)); // the older revision arrives late: a new revision, but does not overwrite
  add(orderMessage(fixtureOrder({ n: 2, total: 550, method: 'card', status: 'delivered', placedAt: '2026-03-10T11:40:00.000Z', lines: [{ itemId: 'fries', quantity: 1, options: { dip: { mayo: 2 } } }] })));
  const o3 = fixtureOrder({ n: 3, total: 899, method: 'counter', status: 'queued', placedAt: '2026-03-10T12:05:00.000Z', lines: [{ itemId: 'chicken-burger', quantity: 1, removed: ['pickles'] }] });
  add(orderMessage(o3));
  const paid: OrderStatusMessage = { orderId: o3.orderId, kioskId: 'A', orderNumber: o3.orderNumber, status: 'paid', by: { role: 'staff', name: 'sam' }, at: '2026-03-10T12:09:00.000Z' };
  add({ topic: topics.orderStatus('A', o3.orderId), payload: JSON.stringify(paid) });
  add({ topic: topics.orderStatus('A', o3.orderId), payload: JSON.stringify(paid) }); // redelivered
  add(orderMessage(fixtureOrder({ n: 4, total: 300, method: 'counter', status: 'queued', placedAt: '2026-03-10T12:30:00.000Z' })));
  add(orderMessage(fixtureOrder({ n: 5, total: 700, method: 'card', status: 'cancelled', placedAt: '2026-03-10T17:10:00.000Z' })));
  add(orderMessage(fixtureOrder({ n: 6, total: 1200, method: 'card', status: 'queued', placedAt: '2026-03-11T08:00:00.000Z' })));
  add(orderMessage(fixtureOrder({ n: 7, total: 250, method: 'card', status: 'queued', placedAt: '2026-03-09T23:30:00.000Z' })));

  // ---- sessions: 7 started, 4 completed (3 card, 1 counter), 3 abandoned (customiser, payment, service)
  const day = '2026-03-10T';
  for (let s = 1; s <= 7; s += 1) add(eventMessage(fixtureEvent('session_started', `${day}10:0${s}:00.000Z`, { sessionId: `s${s}` })));
  const completed = [
    { s: 1, method: 'card', ms: 60_000 },
    { s: 2, method: 'card', ms: 90_000 },
    { s: 3, method: 'counter', ms: 120_000 },
    { s: 7, method: 'card', ms: 30_000 },
  ];
  for (const { s, method, ms } of completed) {
    const event = fixtureEvent('completed', `${day}10:3${s}:00.000Z`, { sessionId: `s${s}`, durationMs: ms, detail: { method, orderNumber: `A-00${s}`, total: 100 } });
    add(eventMessage(event));
    if (s === 1) add(eventMessage(event)); // redelivered
  }
  for (const [s, screen] of [[4, 'customize'], [5, 'payment'], [6, 'service']] as const) {
    add(eventMessage(fixtureEvent('abandoned', `${day}10:4${s}:00.000Z`, { sessionId: `s${s}`, durationMs: 45_000, detail: { screen, lines: 1, customizing: false } })));
  }
  add(eventMessage(fixtureEvent('session_started', '2026-03-11T10:00:00.000Z', { sessionId: 'other-day' })));
  for (const result of ['approved', 'approved', 'approved', 'declined', 'declined', 'unknown']) {
    add(eventMessage(fixtureEvent('payment.outcome', `${day}11:00:00.000Z`, { detail: { result } })));
  }
  add(eventMessage(fixtureEvent('payment.unresolved', `${day}11:05:00.000Z`, { detail: { reason: 'terminal did not answer' } })));
  add(eventMessage(fixtureEvent('item_added', `${day}10:02:00.000Z`, { detail: { itemId: 'burger', quantity: 1 } })));

  // ---- help requests
  const base = (n: number, reason: HandoffMessage['reason'], openedAt: string, trigger: 'customer' | 'offer' = 'customer') => ({
    handoffId: uuid(100 + n),
    storeId: FIXTURE_STORE_ID,
    kioskId: 'A',
    reason,
    screen: 'menu',
    cart: { currency: 'EUR', lines: [], total: 0 },
    trigger,
    openedAt,
  });
  const staff = { role: 'staff' as const, name: 'sam' };
  const helpFlow = (n: number, reason: HandoffMessage['reason'], openedAt: string, ackAfter: number, resolveAfter: number, outcome: 'helped' | 'order_taken_to_counter' | 'payment_resolved', trigger: 'customer' | 'offer' = 'customer') => {
    const open: HandoffMessage = { ...base(n, reason, openedAt, trigger), state: 'open' };
    const acknowledged: HandoffMessage = { ...base(n, reason, openedAt, trigger), state: 'acknowledged', acknowledgedBy: staff, acknowledgedAt: plus(openedAt, ackAfter) };
    const resolved: HandoffMessage = { ...base(n, reason, openedAt, trigger), state: 'resolved', acknowledgedBy: staff, acknowledgedAt: plus(openedAt, ackAfter), resolvedBy: staff, resolvedAt: plus(openedAt, resolveAfter), outcome };
    return { open, acknowledged, resolved };
  };
  const h1 = helpFlow(1, 'help_with_order', `${day}10:00:00.000Z`, 60, 300, 'helped');
  for (const message of [h1.open, h1.acknowledged, h1.resolved, h1.resolved].flatMap(handoffMessages)) add(message);
  const h2 = helpFlow(2, 'help_with_order', `${day}11:00:00.000Z`, 120, 600, 'order_taken_to_counter');
  for (const message of [h2.open, h2.acknowledged, h2.resolved].flatMap(handoffMessages)) add(message);
  const h3 = helpFlow(3, 'payment_problem', `${day}12:00:00.000Z`, 30, 90, 'payment_resolved', 'offer');
  // Out of order: resolved first, then the stale open and acknowledged (a reconnect's retained copies).
  for (const message of [h3.resolved, h3.open, h3.acknowledged].flatMap(handoffMessages)) add(message);
  const h4 = helpFlow(4, 'allergy_question', `${day}13:00:00.000Z`, 0, 0, 'helped');
  for (const message of handoffMessages(h4.open)) add(message);

  return messages;
}
