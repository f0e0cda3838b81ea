// The store bus rules issue 12 added: staff settle, not place, counter orders; staff and POS
// change an order's status (paid, cancelled, no_show, ready) signed as themselves; staff and
// operators mark what is sold out; a kiosk publishes the menu it serves and clears the retained
// status changes of its own orders; only the broker writes refusals.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { storeTopics, type OrderMessage } from '../../../common/store-bus/messages';
import { mayPublish, maySubscribe } from '../../../electron/host/store-bus/acl';
import type { StoreBusUser } from '../../../electron/host/store-bus/credentials';

const STORE = 'berlin-1';
const topics = storeTopics(STORE);
const hash = 'scrypt$1024$8$1$c2FsdA$aGFzaA';
const anna: StoreBusUser = { username: 'anna', role: 'staff', store: STORE, passwordHash: hash };
const olaf: StoreBusUser = { username: 'olaf', role: 'operator', store: STORE, passwordHash: hash };
const till: StoreBusUser = { username: 'till-1', role: 'pos', store: STORE, passwordHash: hash };
const kioskB: StoreBusUser = { username: 'kiosk-B', role: 'kiosk', store: STORE, kiosk: 'B', passwordHash: hash };

const at = '2026-11-25T12:00:00.000Z';
const orderId = randomUUID();
const counterOrder: OrderMessage = {
  orderId,
  orderNumber: 'B-042',
  storeId: STORE,
  kioskId: 'B',
  menuVersion: 'v1',
  locale: 'en',
  serviceMode: 'eat_in',
  currency: 'EUR',
  lines: [{ lineId: 'l1', selection: { kind: 'item', itemId: 'cola', quantity: 1, removedIngredientIds: [], options: {} }, title: 'Cola', details: [], unitPrice: 250, total: 250, calories: 100 }],
  taxes: [],
  total: 250,
  paymentMethod: 'counter',
  status: 'awaiting_counter_payment',
  placedAt: at,
  updatedAt: at,
};
const status = (change: string, by: { role: string; name: string }) => JSON.stringify({ orderId, kioskId: 'B', orderNumber: 'B-042', status: change, by, at });

describe('store bus rules for staff at work', () => {
  it('staff and a POS clear a counter order but cannot place one', () => {
    for (const user of [anna, till]) {
      expect(mayPublish(user, topics.counter('B', orderId), '', true)).toEqual({ allowed: true });
      expect(mayPublish(user, topics.counter('B', orderId), JSON.stringify(counterOrder), true)).toMatchObject({ allowed: false, reason: expect.stringMatching(/may only clear a counter message/) });
    }
    expect(mayPublish(kioskB, topics.counter('B', orderId), JSON.stringify(counterOrder), true)).toEqual({ allowed: true });
  });

  it('staff and a POS change an order status, every kind of change, only signed as themselves', () => {
    for (const change of ['paid', 'cancelled', 'no_show', 'ready']) {
      expect(mayPublish(anna, topics.orderStatus('B', orderId), status(change, { role: 'staff', name: 'anna' }), true)).toEqual({ allowed: true });
    }
    expect(mayPublish(till, topics.orderStatus('B', orderId), status('ready', { role: 'pos', name: 'till-1' }), true)).toEqual({ allowed: true });
    expect(mayPublish(anna, topics.orderStatus('B', orderId), status('paid', { role: 'staff', name: 'bert' }), true)).toMatchObject({ allowed: false, reason: 'by must be staff anna' });
    expect(mayPublish(anna, topics.orderStatus('B', orderId), status('collected', { role: 'staff', name: 'anna' }), true)).toMatchObject({ allowed: false, reason: expect.stringMatching(/status/) });
    expect(mayPublish(olaf, topics.orderStatus('B', orderId), status('ready', { role: 'operator', name: 'olaf' }), true)).toMatchObject({ allowed: false });
  });

  it('a kiosk clears the retained status change of its own orders, and cannot write one', () => {
    expect(mayPublish(kioskB, topics.orderStatus('B', orderId), '', true)).toEqual({ allowed: true });
    expect(mayPublish(kioskB, topics.orderStatus('A', orderId), '', true)).toMatchObject({ allowed: false });
    expect(mayPublish(kioskB, topics.orderStatus('B', orderId), status('paid', { role: 'kiosk', name: 'kiosk-B' }), true)).toMatchObject({ allowed: false });
    expect(mayPublish(kioskB, topics.order('B', orderId), '', true)).toEqual({ allowed: true });
  });

  it('staff and operators mark what is sold out, signed as themselves; `by` must be an actor, not a name', () => {
    const availability = (by: unknown) => JSON.stringify({ soldOut: ['cola'], soldOutOptions: ['bacon'], soldOutCategories: ['desserts'], by, at });
    expect(mayPublish(anna, topics.availability, availability({ role: 'staff', name: 'anna' }), true)).toEqual({ allowed: true });
    expect(mayPublish(olaf, topics.availability, availability({ role: 'operator', name: 'olaf' }), true)).toEqual({ allowed: true });
    expect(mayPublish(anna, topics.availability, availability('anna'), true)).toMatchObject({ allowed: false, reason: expect.stringMatching(/not a valid availability message: by: /) });
    expect(mayPublish(anna, topics.availability, availability({ role: 'operator', name: 'olaf' }), true)).toMatchObject({ allowed: false, reason: 'by must be staff anna' });
    expect(mayPublish(kioskB, topics.availability, availability({ role: 'kiosk', name: 'kiosk-B' }), true)).toMatchObject({ allowed: false });
  });

  it('a kiosk publishes the menu it serves, for itself only', () => {
    const served = (kioskId: string) => JSON.stringify({ kioskId, menuVersion: 'v1', locale: 'de', menu: { id: 'x' }, at });
    expect(mayPublish(kioskB, topics.kioskMenu('B'), served('B'), true)).toEqual({ allowed: true });
    expect(mayPublish(kioskB, topics.kioskMenu('A'), served('A'), true)).toMatchObject({ allowed: false });
    expect(mayPublish(anna, topics.kioskMenu('B'), served('B'), true)).toMatchObject({ allowed: false });
  });

  it('nobody publishes a refusal; a kiosk may read its own', () => {
    const notice = JSON.stringify({ username: 'anna', topic: topics.availability, reason: 'x', at });
    for (const user of [anna, olaf, till, kioskB]) expect(mayPublish(user, topics.refusal(user.username), notice, true)).toMatchObject({ allowed: false });
    expect(maySubscribe(kioskB, topics.refusal('kiosk-B'))).toEqual({ allowed: true });
    expect(maySubscribe(kioskB, topics.refusal('anna'))).toMatchObject({ allowed: false });
    expect(maySubscribe(kioskB, topics.kioskMenu('B'))).toEqual({ allowed: true });
  });
});
