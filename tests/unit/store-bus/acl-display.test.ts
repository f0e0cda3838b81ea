// The order status display's role: it reads orders and their status changes and nothing
// else, and may publish nothing (not even clear a retained message). The Mosquitto ACL says the same.
import { describe, expect, it } from 'vitest';
import { storeTopics } from '../../../common/store-bus/messages';
import { mayPublish, maySubscribe } from '../../../electron/host/store-bus/acl';
import type { StoreBusUser } from '../../../electron/host/store-bus/credentials';
import { mosquittoAcl } from '../../../electron/host/store-bus/mosquitto-acl';

const STORE = 'berlin-1';
const topics = storeTopics(STORE);
const screen: StoreBusUser = { username: 'counter-screen', role: 'display', store: STORE, passwordHash: 'scrypt$1024$8$1$c2FsdA$aGFzaA' };
const orderId = '6f1c2a3e-4b5d-4e6f-8a7b-9c0d1e2f3a4b';

describe('the display role', () => {
  it('subscribes to orders and their status changes of its store', () => {
    for (const filter of [topics.orderFilter, topics.orderStatusFilter(), topics.order('B', orderId), topics.orderStatus('B', orderId)]) {
      expect(maySubscribe(screen, filter), filter).toEqual({ allowed: true });
    }
  });

  it('reads nothing else: not the whole store, help requests, counter orders, events, menus or refusals', () => {
    for (const filter of [topics.all, `${topics.base}/order/#`, topics.handoffFilter(), topics.counterFilter, topics.eventFilter, topics.menu, topics.availability, topics.kioskStatusFilter, topics.refusal('counter-screen'), `${topics.base}/order/+/+/status/x`, 'counterpart/v1/other-store/order/+/+']) {
      expect(maySubscribe(screen, filter).allowed, filter).toBe(false);
    }
  });

  it('publishes nothing, not even an empty retained message', () => {
    const ready = JSON.stringify({ orderId, kioskId: 'B', orderNumber: 'B-042', status: 'ready', by: { role: 'staff', name: 'counter-screen' }, at: '2026-11-25T12:00:00.000Z' });
    expect(mayPublish(screen, topics.orderStatus('B', orderId), ready, true).allowed).toBe(false);
    expect(mayPublish(screen, topics.orderStatus('B', orderId), '', true).allowed).toBe(false);
    expect(mayPublish(screen, topics.availability, '', true).allowed).toBe(false);
  });

  it('gets the same rules as a Mosquitto ACL: read orders and their status, nothing more', () => {
    expect(mosquittoAcl([screen]).split('\n')).toEqual([
      'user counter-screen',
      'topic read counterpart/v1/berlin-1/order/+/+',
      'topic read counterpart/v1/berlin-1/order/+/+/status',
      '',
    ]);
  });
});
