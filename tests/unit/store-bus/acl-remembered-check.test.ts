// The broker checks a payload's schema once when the same bytes come again (a counter order on
// its order and its counter topic); who publishes, on which topic, is still checked each time,
// and a payload found invalid is checked again.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { storeTopics, type OrderMessage } from '../../../common/store-bus/messages';
import { checkPayload, mayPublish, rememberingLastValid, type PayloadCheck } from '../../../electron/host/store-bus/acl';
import type { StoreBusUser } from '../../../electron/host/store-bus/credentials';

const STORE = 'berlin-1';
const topics = storeTopics(STORE);
const hash = 'scrypt$1024$8$1$c2FsdA$aGFzaA';
const kioskA: StoreBusUser = { username: 'kiosk-A', role: 'kiosk', store: STORE, kiosk: 'A', passwordHash: hash };
const kioskB: StoreBusUser = { username: 'kiosk-B', role: 'kiosk', store: STORE, kiosk: 'B', passwordHash: hash };
const at = '2026-11-25T12:00:00.000Z';

const counterOrder = (kioskId: string, total = 500): OrderMessage => ({
  orderId: randomUUID(),
  orderNumber: 'B-042',
  storeId: STORE,
  kioskId,
  menuVersion: 'v1',
  locale: 'en',
  serviceMode: 'eat_in',
  currency: 'EUR',
  lines: [{ lineId: 'l1', selection: { kind: 'item', itemId: 'cola', quantity: 2, removedIngredientIds: [], options: {} }, title: 'Cola', details: [], unitPrice: 250, total: 500, calories: 100 }],
  taxes: [],
  total,
  paymentMethod: 'counter',
  status: 'awaiting_counter_payment',
  placedAt: at,
  updatedAt: at,
});

/** checkPayload, counting the payloads it is asked about. */
const counting = () => {
  const checked: string[] = [];
  const check: PayloadCheck = (kind, text) => {
    checked.push(kind);
    return checkPayload(kind, text);
  };
  return { checked, check: rememberingLastValid(check) };
};

describe('remembered payload checks', () => {
  it('checks a counter order once for its order and its counter topic', () => {
    const { checked, check } = counting();
    const order = counterOrder('B');
    const text = JSON.stringify(order);
    expect(mayPublish(kioskB, topics.order('B', order.orderId), text, true, check)).toEqual({ allowed: true });
    expect(mayPublish(kioskB, topics.counter('B', order.orderId), Buffer.from(text), true, check)).toEqual({ allowed: true });
    expect(checked).toEqual(['order']);
    const next = counterOrder('B');
    expect(mayPublish(kioskB, topics.order('B', next.orderId), JSON.stringify(next), true, check)).toEqual({ allowed: true });
    expect(checked).toEqual(['order', 'order']);
  });

  it('still refuses remembered bytes on a topic or from a user they do not fit', () => {
    const { check } = counting();
    const order = counterOrder('B');
    const text = JSON.stringify(order);
    expect(mayPublish(kioskB, topics.order('B', order.orderId), text, true, check)).toEqual({ allowed: true });
    expect(mayPublish(kioskB, topics.counter('B', randomUUID()), text, true, check)).toMatchObject({ allowed: false, reason: expect.stringMatching(/orderId .* does not match the topic/) });
    expect(mayPublish(kioskA, topics.order('A', order.orderId), text, true, check)).toMatchObject({ allowed: false, reason: expect.stringMatching(/kioskId B does not match the topic's kiosk A/) });
  });

  it('checks an invalid payload every time, with the same reason', () => {
    const { checked, check } = counting();
    const order = counterOrder('B', 999); // the total is not the sum of the lines
    const text = JSON.stringify(order);
    for (const topic of [topics.order('B', order.orderId), topics.counter('B', order.orderId)]) {
      expect(mayPublish(kioskB, topic, text, true, check)).toMatchObject({ allowed: false, reason: expect.stringMatching(/total: the total must be the sum of the lines/) });
    }
    expect(checked).toEqual(['order', 'counter']);
  });
});
