// Queueing for the store, inside the caller's transaction: the change and its outbox row
// commit together or not at all.
import type { KioskEvent, OrderRow, OutboxMessage } from './db';
import type { OrderDocument } from '../../common/order/order';
import type { DataContext } from './context';

export const toOrderDocument = (row: OrderRow): OrderDocument => {
  const { revision: _revision, changedAt: _changedAt, ...order } = row;
  return order;
};

export const orderMessage = (row: OrderRow): OutboxMessage => {
  const order = toOrderDocument(row);
  return { kind: 'order', messageId: `order:${row.orderId}:${row.revision}`, orderId: row.orderId, revision: row.revision, order };
};

/**
 * Queues an order's current document for the store. An undelivered message of the same order is
 * replaced by the newer document (the store needs the latest state, once); the same revision
 * queued twice while its message is pending or dead is a no-op. Runs inside the caller's
 * transaction over orders + outbox.
 *
 * A delivered message has left the outbox, so the check cannot see it; it need not: every caller
 * queues a revision in the transaction that first writes it (placeOrder adds the order, applyEvent
 * raises its revision) and revisions only go up, so a delivered revision is never queued again.
 * Were it, consumers de-duplicate on order id + revision.
 */
export const enqueueOrder = async ({ db, now }: DataContext, row: OrderRow): Promise<void> => {
  const message = orderMessage(row);
  if (await db.outbox.where('messageId').equals(message.messageId).count()) return;
  const pending = await db.outbox
    .where('[kind+subjectId]')
    .equals(['order', row.orderId])
    .filter((candidate) => candidate.state === 'pending')
    .first();
  if (pending) {
    // The newer document has not been refused by anyone: it starts with a clean slate.
    await db.outbox.update(pending.seq, { messageId: message.messageId, message, attempts: 0, nextAttemptAt: 0, lastError: undefined, lastErrorCode: undefined });
    return;
  }
  await db.outbox.add({
    messageId: message.messageId,
    kind: 'order',
    subjectId: row.orderId,
    state: 'pending',
    message,
    createdAt: now().getTime(),
    attempts: 0,
    nextAttemptAt: 0,
  });
};

/** Queues a session event; inside the caller's transaction over events + outbox. */
export const enqueueEvent = async ({ db, now }: DataContext, event: KioskEvent): Promise<void> => {
  const messageId = `event:${event.eventId}`;
  await db.outbox.add({
    messageId,
    kind: 'event',
    subjectId: event.eventId,
    state: 'pending',
    message: { kind: 'event', messageId, eventId: event.eventId, event },
    createdAt: now().getTime(),
    attempts: 0,
    nextAttemptAt: 0,
  });
};
