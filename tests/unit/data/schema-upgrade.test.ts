import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION, SCHEMA_V1, SCHEMA_V2, SCHEMA_V3, SCHEMA_V4, SCHEMA_V5, SCHEMA_V6, openKioskData, orderMessage, startOutboxSync, type KioskData } from '../../../renderer/data';
import type { OrderDocument } from '../../../common/order/order';
import { FakeStore, TestClock, dataOptions, recordingSleep, sampleOrder, uniqueDatabaseName, outboxCount } from './fixtures';

const opened: KioskData[] = [];
afterEach(() => {
  for (const data of opened.splice(0)) data.close();
});

const orderDocument = (status: OrderDocument['status'], placedAt: string): OrderDocument => ({
  ...sampleOrder(),
  orderNumber: 'B-007',
  paymentMethod: 'counter',
  status,
  placedAt,
  updatedAt: placedAt,
});

/** Rows exactly as the version-1 code wrote them (no changedAt, no retry bookkeeping). */
const writeVersion1Data = async (db: Dexie, order: OrderDocument) => {
  const v1Order = { ...order, revision: 2 };
  const message = orderMessage({ ...v1Order, changedAt: 0 });
  await db.table('orders').add(v1Order);
  await db.table('outbox').add({ messageId: message.messageId, kind: 'order', subjectId: order.orderId, state: 'pending', message, createdAt: 1 });
  await db.table('drafts').put({ id: 'current', serviceMode: 'eat_in', locale: 'en', lines: [], updatedAt: order.placedAt });
  await db.table('counters').put({ kioskId: 'kiosk-1', day: '2026-11-25', counter: 7 });
  await db.table('events').add({ eventId: 'e1', type: 'session_started', at: order.placedAt });
};

/** A database as a kiosk at schema `version` left it (its stores only; the upgrades run when the kiosk opens it). */
const databaseAt = (version: number, name: string): Dexie => {
  const db = new Dexie(name);
  [SCHEMA_V1, SCHEMA_V2, SCHEMA_V3, SCHEMA_V4, SCHEMA_V5, SCHEMA_V6].slice(0, version).forEach((schema, index) => db.version(index + 1).stores(schema));
  return db;
};

/** An order queued by a kiosk at version 4 or later: its row (revision 2) and its pending outbox message. */
const queueOrderIn = async (db: Dexie, order: OrderDocument): Promise<void> => {
  await db.table('orders').add({ ...order, revision: 2, changedAt: Date.parse(order.placedAt) });
  const message = orderMessage({ ...order, revision: 2, changedAt: 0 });
  await db.table('outbox').add({ messageId: message.messageId, kind: 'order', subjectId: order.orderId, state: 'pending', message, createdAt: 1, attempts: 0, nextAttemptAt: 0 });
};

/** Runs the outbox loop until it has nothing left to send; the store that received it all. */
const deliverAll = async (data: KioskData): Promise<FakeStore> => {
  const store = new FakeStore();
  const sync = startOutboxSync({ data, link: store, sleep: recordingSleep(new TestClock()).sleep, log: () => undefined });
  await sync.whenIdle();
  await sync.stop();
  return store;
};

describe('schema upgrades', () => {
  it('is at version 7', () => {
    expect(LATEST_SCHEMA_VERSION).toBe(7);
  });

  it('upgrades a version-1 database: orders get changedAt, the outbox its retry bookkeeping, and nothing is lost', async () => {
    const name = uniqueDatabaseName('v1');
    const v1 = new Dexie(name);
    v1.version(1).stores(SCHEMA_V1);
    const order = orderDocument('queued', '2026-11-25T09:00:00.000Z');
    await writeVersion1Data(v1, order);
    v1.close();

    const clock = new TestClock(new Date('2026-11-25T10:00:00Z'));
    const data = await openKioskData(dataOptions(clock, { databaseName: name }));
    opened.push(data);
    expect(data.db.verno).toBe(LATEST_SCHEMA_VERSION);
    expect(await data.db.orders.get(order.orderId)).toMatchObject({ status: 'queued', revision: 2, changedAt: Date.parse(order.placedAt) });
    const [row] = await data.db.outbox.toArray();
    expect(row).toMatchObject({ state: 'pending', attempts: 0, nextAttemptAt: 0 });
    expect(await data.loadDraft()).toMatchObject({ serviceMode: 'eat_in' });
    expect(await data.db.events.get('e1')).toBeDefined();
    // The daily counter carries on where version 1 left it.
    expect((await data.placeOrder(sampleOrder(), 'counter')).orderNumber).toBe('B-008');
    // New tables work.
    expect(await data.paymentAttempts(order.orderId)).toEqual([]);
    expect(await data.lastGoodMenu()).toBeUndefined();

    // The migrated message is delivered and the order completes its lifecycle.
    const store = new FakeStore();
    const sync = startOutboxSync({ data, link: store, sleep: recordingSleep(clock).sleep, log: () => undefined });
    await sync.whenIdle();
    await sync.stop();
    expect(store.receivedFor(order.orderId)).toHaveLength(1);
    expect((await data.getOrder(order.orderId))?.status).toBe('delivered');
  });

  it('upgrades a version-2 database: keeps the payment journal, adds the dead-letter index and the menu cache', async () => {
    const name = uniqueDatabaseName('v2');
    const v2 = new Dexie(name);
    v2.version(1).stores(SCHEMA_V1);
    v2.version(2).stores(SCHEMA_V2);
    const order = orderDocument('payment_unknown', '2026-11-25T09:30:00.000Z');
    const v2Order = { ...order, paymentMethod: 'card' as const, revision: 3, changedAt: Date.parse(order.placedAt) };
    const message = orderMessage(v2Order);
    await v2.table('orders').add(v2Order);
    await v2.table('outbox').add({ messageId: message.messageId, kind: 'order', subjectId: order.orderId, state: 'pending', message, createdAt: 1 });
    await v2.table('paymentJournal').add({
      orderId: order.orderId,
      attempt: 1,
      paymentKey: `${order.orderId}#1`,
      amount: 500,
      currency: 'EUR',
      requestedAt: order.placedAt,
      outcome: 'no_answer',
    });
    v2.close();

    const data = await openKioskData(dataOptions(new TestClock(), { databaseName: name }));
    opened.push(data);
    expect(data.db.verno).toBe(LATEST_SCHEMA_VERSION);
    expect(await data.paymentAttempts(order.orderId)).toEqual([expect.objectContaining({ attempt: 1, outcome: 'no_answer' })]);
    expect(await data.db.outbox.where('[state+seq]').between(['pending', Dexie.minKey], ['pending', Dexie.maxKey]).count()).toBe(1);
    expect(await data.listDeadLetters()).toEqual([]);
    // The lifecycle continues from the migrated state.
    expect((await data.recordPaymentOutcome(order.orderId, { result: 'resolved_paid' })).status).toBe('paid');
    expect((await data.paymentAttempts(order.orderId))[0]?.outcome).toBe('resolved_paid');
  });

  it('upgrades a version-3 database: terminal references in the contract\'s shape, numbers as numbers', async () => {
    const name = uniqueDatabaseName('v3');
    const v3 = new Dexie(name);
    v3.version(1).stores(SCHEMA_V1);
    v3.version(2).stores(SCHEMA_V2);
    v3.version(3).stores(SCHEMA_V3);
    const order = orderDocument('receipt_printed', '2026-11-25T09:30:00.000Z');
    const attempt = { orderId: order.orderId, paymentKey: `${order.orderId}#1`, amount: 500, currency: 'EUR', requestedAt: order.placedAt };
    await v3.table('paymentJournal').bulkAdd([
      { ...attempt, attempt: 1, outcome: 'declined', terminal: { resultCode: '6c', message: 'aborted' } },
      { ...attempt, attempt: 2, outcome: 'approved', terminal: { maskedPan: '4111 11** **** 1111', authCode: '123456', traceNumber: '000123', receiptNumber: '0042', cardBrand: 'Visa' } },
      { ...attempt, attempt: 3, outcome: 'approved', terminal: { traceNumber: 'n/a' } },
      { ...attempt, attempt: 4, outcome: 'pending' },
    ]);
    v3.close();

    const data = await openKioskData(dataOptions(new TestClock(), { databaseName: name }));
    opened.push(data);
    expect(data.db.verno).toBe(LATEST_SCHEMA_VERSION);
    expect((await data.paymentAttempts(order.orderId)).map((row) => row.terminal)).toEqual([
      { resultCode: 0x6c },
      { maskedPan: '4111 11** **** 1111', authCode: '123456', trace: 123, receiptNumber: 42, cardBrand: 'Visa' },
      {},
      undefined,
    ]);
  });

  it('upgrades a version-4 database: the single-field status and state indexes go, and queries on them still answer', async () => {
    const name = uniqueDatabaseName('v4');
    const v4 = databaseAt(4, name);
    const queued = orderDocument('queued', '2026-11-25T09:30:00.000Z');
    const placed = orderDocument('placed', '2026-11-25T09:31:00.000Z');
    await queueOrderIn(v4, queued);
    await v4.table('orders').add({ ...placed, revision: 2, changedAt: Date.parse(placed.placedAt) });
    v4.close();

    const data = await openKioskData(dataOptions(new TestClock(), { databaseName: name }));
    opened.push(data);
    expect(data.db.verno).toBe(LATEST_SCHEMA_VERSION);
    const indexes = (table: string) => data.db.backendDB().transaction(table).objectStore(table).indexNames;
    expect([...indexes('orders')].sort()).toEqual(['[status+changedAt]', 'placedAt']);
    expect([...indexes('outbox')].sort()).toEqual(['[kind+subjectId]', '[state+seq+messageId]', 'messageId']);
    // Answered from the compound indexes that lead with those fields.
    expect((await data.listOrders(['queued'])).map((order) => order.orderId)).toEqual([queued.orderId]);
    expect(await data.db.orders.where('status').anyOf(['placed', 'queued']).count()).toBe(2);
    expect(await outboxCount(data.db, 'pending')).toBe(1);

    const store = await deliverAll(data);
    expect(store.receivedFor(queued.orderId)).toHaveLength(1);
    expect((await data.getOrder(queued.orderId))?.status).toBe('delivered');
    expect((await outboxCount(data.db, 'pending')) + (await outboxCount(data.db, 'dead'))).toBe(0);
  });

  it('upgrades a version-5 database: the outbox index carries the message id, and a batch sent from it is recorded delivered', async () => {
    const name = uniqueDatabaseName('v5');
    const v5 = databaseAt(5, name);
    const orders = [orderDocument('queued', '2026-11-25T09:30:00.000Z'), orderDocument('queued', '2026-11-25T09:31:00.000Z')];
    for (const order of orders) await queueOrderIn(v5, order);
    v5.close();

    const data = await openKioskData(dataOptions(new TestClock(), { databaseName: name }));
    opened.push(data);
    expect(data.db.verno).toBe(LATEST_SCHEMA_VERSION);
    const indexes = [...data.db.backendDB().transaction('outbox').objectStore('outbox').indexNames].sort();
    expect(indexes).toEqual(['[kind+subjectId]', '[state+seq+messageId]', 'messageId']);
    expect(await outboxCount(data.db, 'pending')).toBe(2);

    const store = await deliverAll(data);
    for (const order of orders) {
      expect(store.receivedFor(order.orderId)).toHaveLength(1);
      expect((await data.getOrder(order.orderId))?.status).toBe('delivered');
    }
    expect(await outboxCount(data.db, 'pending')).toBe(0);
  });

  it('upgrades a version-6 database: a draft without start time or screen had reached the menu, start unknown', async () => {
    const name = uniqueDatabaseName('v6');
    const v6 = databaseAt(6, name);
    const lines = [{ lineId: 'l1', selection: { kind: 'item', itemId: 'fries', quantity: 1, removedIngredientIds: [], options: {} } }];
    await v6.table('drafts').put({ id: 'current', sessionId: 's1', serviceMode: 'eat_in', locale: 'en', lines, updatedAt: '2026-11-25T09:59:00.000Z' });
    v6.close();

    const data = await openKioskData(dataOptions(new TestClock(), { databaseName: name }));
    opened.push(data);
    expect(data.db.verno).toBe(LATEST_SCHEMA_VERSION);
    const draft = await data.loadDraft();
    expect(draft).toEqual({ sessionId: 's1', serviceMode: 'eat_in', locale: 'en', lines, screen: 'menu', updatedAt: '2026-11-25T09:59:00.000Z' });
    expect(draft).not.toHaveProperty('startedAt');
  });

  it('opens a fresh database at the latest version', async () => {
    const data = await openKioskData(dataOptions(new TestClock()));
    opened.push(data);
    expect(data.db.verno).toBe(LATEST_SCHEMA_VERSION);
    expect(data.db.tables.map((table) => table.name).sort()).toEqual(
      ['counters', 'drafts', 'events', 'menuCache', 'orders', 'outbox', 'paymentJournal'].sort(),
    );
  });
});
