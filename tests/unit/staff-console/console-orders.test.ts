// The console's view of orders: the day's retained orders and their status changes, where each
// stands (waiting at the counter, being prepared, ready…), lines described in the store's
// language from the served menu, and order changes that wait for their undo time.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { orderPublishPlan, orderStatusPublishPlan, storeTopics, type OrderMessage, type OrderStatusChange, type PlannedPublish } from '../../../common/store-bus/messages';
import { consoleReducer, currentMenu, emptyConsoleState, ordersSince, orderProgress, preparingOrders, startOfDay, type ConsoleState } from '../../../staff-console/console-state';
import { orderLinesForStaff } from '../../../staff-console/order-lines';
import { dueChanges, schedule, secondsLeft, undo, undoSecondsFrom } from '../../../staff-console/pending-changes';

const STORE = 'berlin-1';
const topics = storeTopics(STORE);
const menuJson = JSON.parse(readFileSync(join(import.meta.dirname, '../../../menu-config/sample/menu.json'), 'utf8')) as Record<string, unknown>;
const apply = (state: ConsoleState, steps: Pick<PlannedPublish, 'topic' | 'payload'>[]) =>
  steps.reduce((current, step) => consoleReducer(current, { type: 'message', topic: step.topic, payload: step.payload }), state);

const order = (overrides: Partial<OrderMessage> = {}): OrderMessage => ({
  orderId: randomUUID(),
  orderNumber: 'B-001',
  storeId: STORE,
  kioskId: 'B',
  menuVersion: String(menuJson.version),
  locale: 'en',
  serviceMode: 'eat_in',
  currency: 'EUR',
  lines: [
    {
      lineId: 'l1',
      selection: { kind: 'meal', mealId: 'big-burger-meal', sizeId: 'large', quantity: 1, slots: { main: { itemId: 'big-burger', removedIngredientIds: ['onions'], options: {} }, side: { itemId: 'fries', removedIngredientIds: [], options: {} }, drink: { itemId: 'cola', removedIngredientIds: [], options: {} } } },
      title: 'Big Burger Meal (Large)',
      details: ['No onions'],
      unitPrice: 1190,
      total: 1190,
      calories: 1200,
    },
  ],
  taxes: [],
  total: 1190,
  paymentMethod: 'counter',
  status: 'awaiting_counter_payment',
  placedAt: '2026-11-25T11:00:00.000Z',
  updatedAt: '2026-11-25T11:00:00.000Z',
  ...overrides,
});
const change = (target: OrderMessage, status: OrderStatusChange, at = '2026-11-25T11:05:00.000Z') =>
  orderStatusPublishPlan(STORE, { orderId: target.orderId, kioskId: target.kioskId, orderNumber: target.orderNumber, status, by: { role: 'staff', name: 'anna' }, at });

describe('console: orders', () => {
  it('knows where each order stands', () => {
    const counter = order();
    expect(orderProgress(counter, undefined)).toBe('awaiting_counter_payment');
    expect(orderProgress({ ...counter, status: 'paid' }, undefined)).toBe('preparing');
    expect(orderProgress(order({ paymentMethod: 'card', status: 'receipt_printed' }), undefined)).toBe('preparing');
    expect(orderProgress(order({ paymentMethod: 'card', status: 'payment_pending' }), undefined)).toBe('unpaid');
    expect(orderProgress(order({ status: 'cancelled' }), undefined)).toBe('cancelled');
    const by = { role: 'staff' as const, name: 'anna' };
    const at = '2026-11-25T11:05:00.000Z';
    for (const [status, progress] of [['paid', 'preparing'], ['ready', 'ready'], ['no_show', 'no_show'], ['cancelled', 'cancelled']] as const) {
      expect(orderProgress(counter, { orderId: counter.orderId, kioskId: 'B', orderNumber: 'B-001', status, by, at })).toBe(progress);
    }
  });

  it('lists paid orders being prepared oldest first; ready takes one off; the day\'s feed keeps it', () => {
    const card = order({ orderNumber: 'B-002', paymentMethod: 'card', status: 'queued', placedAt: '2026-11-25T11:10:00.000Z' });
    const counter = order({ orderNumber: 'B-001' });
    const yesterday = order({ orderNumber: 'B-099', paymentMethod: 'card', status: 'queued', placedAt: '2026-11-24T11:00:00.000Z' });
    const since = Date.parse('2026-11-25T00:00:00.000Z');
    let state = apply(emptyConsoleState, [...orderPublishPlan(card), ...orderPublishPlan(counter), ...orderPublishPlan(yesterday)]);
    expect(preparingOrders(state, since).map((o) => o.orderNumber)).toEqual(['B-002']);
    state = apply(state, change(counter, 'paid'));
    expect(Object.keys(state.counterOrders)).toEqual([]);
    expect(preparingOrders(state, since).map((o) => o.orderNumber)).toEqual(['B-001', 'B-002']);
    state = apply(state, change(card, 'ready'));
    expect(preparingOrders(state, since).map((o) => o.orderNumber)).toEqual(['B-001']);
    expect(ordersSince(state, since).map((o) => o.orderNumber)).toEqual(['B-002', 'B-001']);
    // An older retained copy arriving late does not undo a later change.
    state = apply(state, change(card, 'paid', '2026-11-25T11:01:00.000Z'));
    expect(state.orderStatuses[card.orderId]?.status).toBe('ready');
    // The kiosk clears an order (and its status) a day later.
    state = apply(state, [{ topic: topics.order('B', card.orderId), payload: '' }, { topic: topics.orderStatus('B', card.orderId), payload: '' }]);
    expect(state.orders.map((o) => o.orderNumber)).toEqual(['B-001', 'B-099']);
    expect(state.orderStatuses[card.orderId]).toBeUndefined();
  });

  it('describes lines in the store\'s language from the menu the kiosk serves, with every change', () => {
    const served = JSON.stringify({ kioskId: 'B', menuVersion: String(menuJson.version), locale: 'de', menu: menuJson, at: '2026-11-25T06:00:00.000Z' });
    const state = apply(emptyConsoleState, [{ topic: topics.kioskMenu('B'), payload: served }]);
    const [line] = orderLinesForStaff(order(), currentMenu(state));
    expect(line!.title).toMatch(/Menü/);
    expect((line!.details ?? []).join(' | ')).toMatch(/Ohne/);
    // Without a menu: the order's own words.
    expect(orderLinesForStaff(order(), null)[0]).toMatchObject({ title: 'Big Burger Meal (Large)', details: ['No onions'] });
    // A served menu that is not a valid menu is not used.
    expect(apply(emptyConsoleState, [{ topic: topics.kioskMenu('B'), payload: JSON.stringify({ ...JSON.parse(served), menu: { id: 'broken' } }) }]).menus).toEqual({});
  });

  it('keeps what is sold out and the broker\'s refusals', () => {
    const availability = JSON.stringify({ soldOut: ['cola'], by: { role: 'staff', name: 'anna' }, at: '2026-11-25T12:00:00.000Z' });
    let state = apply(emptyConsoleState, [{ topic: topics.availability, payload: availability }]);
    expect(state.availability?.soldOut).toEqual(['cola']);
    state = apply(state, [{ topic: topics.refusal('anna'), payload: JSON.stringify({ username: 'anna', topic: topics.availability, reason: 'why', at: '2026-11-25T12:00:01.000Z' }) }]);
    expect(state.refusals.anna?.reason).toBe('why');
  });

  it('a change waits for its undo time; undone, it is never sent', () => {
    const first = order();
    let pending = schedule({}, first, 'cancelled', 1000, 10_000);
    expect(schedule(pending, first, 'paid', 2000, 10_000)).toBe(pending); // one change per order at a time
    expect(dueChanges(pending, 10_999)).toEqual([]);
    expect(secondsLeft(pending[first.orderId]!, 2500)).toBe(9);
    pending = undo(pending, first.orderId);
    expect(pending).toEqual({});
    pending = schedule(pending, first, 'paid', 20_000, 10_000);
    expect(dueChanges(pending, 30_000).map((due) => due.status)).toEqual(['paid']);
  });

  it('reads the undo time from the address, within bounds', () => {
    expect(undoSecondsFrom('?store=x')).toBe(10);
    expect(undoSecondsFrom('?store=x&undo=3')).toBe(3);
    expect(undoSecondsFrom('?undo=0')).toBe(0);
    expect(undoSecondsFrom('?undo=600')).toBe(10);
    expect(undoSecondsFrom('?undo=abc')).toBe(10);
  });

  it('today starts at local midnight', () => {
    const now = new Date(2026, 10, 25, 14, 30).getTime();
    expect(startOfDay(now)).toBe(new Date(2026, 10, 25).getTime());
  });
});
