// Orders placed with a running kiosk host as its page places them: placeOrder over the kiosk
// contract (the page's token and origin), priced again and journaled by the host. A backlog in
// the outbox after a store-bus outage is of such orders: the host checks them against its
// journal when they are sent, rather than placing them then.
import WebSocket from 'ws';
import type { OrderMessage } from '../common/store-bus/messages';
import type { HostProcess } from '../tests/support/kiosk';

/** Calls in flight at once: the contract answers each; the host journals one at a time. */
const IN_FLIGHT = 250;

export async function placeWithHost(host: Pick<HostProcess, 'port' | 'token' | 'origin'>, orders: readonly OrderMessage[]): Promise<void> {
  const socket = new WebSocket(`ws://127.0.0.1:${host.port}/kiosk?token=${encodeURIComponent(host.token)}`, { origin: host.origin });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  const waiting = new Map<string, { resolve(): void; reject(error: Error): void }>();
  socket.on('message', (data) => {
    const answer = JSON.parse(String(data)) as { id?: string; ok?: boolean; error?: { code: string; message: string } };
    const waiter = answer.id === undefined ? undefined : waiting.get(answer.id);
    if (!waiter) return;
    waiting.delete(answer.id!);
    if (answer.ok) waiter.resolve();
    else waiter.reject(new Error(`placeOrder refused (${answer.error?.code}): ${answer.error?.message}`));
  });
  try {
    for (let first = 0; first < orders.length; first += IN_FLIGHT) {
      await Promise.all(
        orders.slice(first, first + IN_FLIGHT).map(
          (order) =>
            new Promise<void>((resolve, reject) => {
              waiting.set(order.orderId, { resolve, reject });
              socket.send(JSON.stringify({ id: order.orderId, call: 'placeOrder', input: { order } }));
            }),
        ),
      );
    }
  } finally {
    socket.close();
  }
}
