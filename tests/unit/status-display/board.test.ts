// The order status display's board: paid orders under "Preparing" (oldest first), orders staff
// marked ready under "Ready" (latest first, for READY_SHOWN_MS), from the same retained order and
// status messages the staff console reads; bad and foreign messages change nothing.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { orderPublishPlan, orderStatusPublishPlan, storeTopics, type OrderMessage, type OrderStatusChange, type PlannedPublish } from '../../../common/store-bus/messages';
import { board, boardReducer, emptyBoard, READY_SHOWN_MS, type BoardState } from '../../../status-display/board-state';

const STORE = 'berlin-1';
const topics = storeTopics(STORE);
const since = Date.parse('2026-11-25T00:00:00.000Z');
const apply = (state: BoardState, steps: Pick<PlannedPublish, 'topic' | 'payload'>[]) => steps.reduce((current, step) => boardReducer(current, step), state);

const order = (orderNumber: string, overrides: Partial<OrderMessage> = {}): OrderMessage => ({
  orderId: randomUUID(),
  orderNumber,
  storeId: STORE,
  kioskId: 'B',
  menuVersion: 'v1',
  locale: 'en',
  serviceMode: 'eat_in',
  currency: 'EUR',
  lines: [{ lineId: 'l1', selection: { kind: 'item', itemId: 'cola', quantity: 1, removedIngredientIds: [], options: {} }, title: 'Cola', details: [], unitPrice: 250, total: 250, calories: 100 }],
  taxes: [],
  total: 250,
  paymentMethod: 'card',
  status: 'delivered',
  placedAt: '2026-11-25T11:00:00.000Z',
  updatedAt: '2026-11-25T11:00:00.000Z',
  ...overrides,
});
const change = (target: OrderMessage, status: OrderStatusChange, at: string) =>
  orderStatusPublishPlan(STORE, { orderId: target.orderId, kioskId: target.kioskId, orderNumber: target.orderNumber, status, by: { role: 'staff', name: 'anna' }, at });

describe('order status display board', () => {
  const first = order('B-001', { placedAt: '2026-11-25T11:00:00.000Z' });
  const second = order('B-002', { placedAt: '2026-11-25T11:01:00.000Z' });
  const counterUnpaid = order('B-003', { paymentMethod: 'counter', status: 'awaiting_counter_payment' });
  const cardUnpaid = order('B-004', { status: 'payment_pending' });
  const yesterday = order('B-099', { placedAt: '2026-11-24T20:00:00.000Z' });
  const now = Date.parse('2026-11-25T11:10:00.000Z');

  it('shows paid orders as preparing, oldest first; unpaid and earlier days are not shown', () => {
    const state = apply(emptyBoard, [second, first, counterUnpaid, cardUnpaid, yesterday].flatMap((each) => orderPublishPlan(each)));
    expect(board(state, now, since)).toEqual({ preparing: ['B-001', 'B-002'], ready: [] });
  });

  it('moves a number to ready when staff mark it, latest first; a counter order paid at the counter is preparing', () => {
    let state = apply(emptyBoard, [first, second, counterUnpaid].flatMap((each) => orderPublishPlan(each)));
    state = apply(state, [...change(first, 'ready', '2026-11-25T11:05:00.000Z'), ...change(second, 'ready', '2026-11-25T11:06:00.000Z'), ...change(counterUnpaid, 'paid', '2026-11-25T11:07:00.000Z')]);
    expect(board(state, now, since)).toEqual({ preparing: ['B-003'], ready: ['B-002', 'B-001'] });
  });

  it('lets a ready number go after READY_SHOWN_MS; cancelled and no-show orders leave the board', () => {
    let state = apply(emptyBoard, [first, second].flatMap((each) => orderPublishPlan(each)));
    state = apply(state, [...change(first, 'ready', '2026-11-25T11:05:00.000Z'), ...change(second, 'cancelled', '2026-11-25T11:05:00.000Z')]);
    const readyAt = Date.parse('2026-11-25T11:05:00.000Z');
    expect(board(state, readyAt + READY_SHOWN_MS - 1, since).ready).toEqual(['B-001']);
    expect(board(state, readyAt + READY_SHOWN_MS, since)).toEqual({ preparing: [], ready: [] });
  });

  it('keeps the later of crossing status changes, and forgets what the kiosk clears', () => {
    let state = apply(emptyBoard, orderPublishPlan(first));
    state = apply(state, change(first, 'ready', '2026-11-25T11:06:00.000Z'));
    state = apply(state, change(first, 'paid', '2026-11-25T11:05:00.000Z')); // an older retained copy arriving late
    expect(board(state, now, since).ready).toEqual(['B-001']);
    state = apply(state, [{ topic: topics.order('B', first.orderId), payload: '' }]);
    expect(board(state, now, since)).toEqual({ preparing: [], ready: [] });
  });

  it('ignores messages that do not parse, do not match their topic, or are not orders', () => {
    const state = apply(emptyBoard, orderPublishPlan(first));
    const after = apply(state, [
      { topic: topics.order('B', randomUUID()), payload: JSON.stringify(second) }, // id differs from the topic
      { topic: topics.orderStatus('B', first.orderId), payload: '{"status":"ready"}' },
      { topic: topics.orderStatus('B', first.orderId), payload: 'not json' },
      { topic: topics.availability, payload: '{}' },
      { topic: 'elsewhere/topic', payload: '{}' },
    ]);
    expect(after).toBe(state);
  });
});
