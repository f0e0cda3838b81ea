// A counter order comes off the bus twice, on its order and its counter topic with the same
// bytes: the back office records it once, and knows the second copy for a duplicate without a
// transaction, but only once the first copy is committed.
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect, type SqliteDatabase } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../../back-office/server/db/migrations';
import { cachingStatements } from '../../../back-office/server/db/statement-cache';
import type { BackOfficeTables } from '../../../back-office/server/db/tables';
import { createRecorder, type BusMessage } from '../../../back-office/server/ingest';
import { storeTopics } from '../../../common/store-bus/messages';
import { silentLogger, type Logger } from '../../../electron/host/log';
import { FIXTURE_STORE_ID, FIXTURE_TIMEZONE, fixtureOrder } from '../../support/back-office-fixture';

const topics = storeTopics(FIXTURE_STORE_ID);
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/**
 * A back office database in memory; `queries` lists every statement run, `failNextWrite` makes the
 * next write to orders throw. The fault is SQLite's (a statement failing as it runs), not Kysely's:
 * the recorder compiles its order statements once, so a plugin would see them only then.
 */
const database = async () => {
  const queries: string[] = [];
  let failNextOrderWrite = false;
  const sqlite = new SQLite(':memory:');
  const failing: SqliteDatabase = {
    prepare(sql) {
      const statement = sqlite.prepare(sql);
      if (!/^insert into "orders"/.test(sql)) return statement;
      return {
        reader: statement.reader,
        all: (parameters) => statement.all(parameters),
        iterate: (parameters) => statement.iterate(parameters),
        run(parameters) {
          if (failNextOrderWrite) {
            failNextOrderWrite = false;
            throw new Error('disk full');
          }
          return statement.run(parameters);
        },
      };
    },
    close: () => sqlite.close(),
  };
  const db = new Kysely<BackOfficeTables>({ dialect: new SqliteDialect({ database: cachingStatements(failing) }), log: (event) => void queries.push(event.query.sql) });
  await migrateToLatest(db as Kysely<unknown>);
  cleanups.push(() => db.destroy());
  return { db, queries, failNextWrite: () => (failNextOrderWrite = true) };
};

const counterOrder = fixtureOrder({ n: 1, total: 899, method: 'counter', status: 'queued', placedAt: '2026-03-10T12:05:00.000Z' });
const payload = JSON.stringify(counterOrder);
const onOrderTopic: BusMessage = { topic: topics.order('A', counterOrder.orderId), payload: Buffer.from(payload) };
const onCounterTopic: BusMessage = { topic: topics.counter('A', counterOrder.orderId), payload: Buffer.from(payload) };

describe('order copies on the bus', () => {
  it('records the order once and answers the counter copy without a transaction', async () => {
    const { db, queries } = await database();
    const recorder = createRecorder({ db, store: FIXTURE_STORE_ID, timezone: FIXTURE_TIMEZONE });
    expect(await recorder.record([onOrderTopic])).toEqual({ recorded: 1, duplicates: 0, ignored: 0 });
    queries.length = 0;
    expect(await recorder.record([onCounterTopic])).toEqual({ recorded: 0, duplicates: 1, ignored: 0 });
    expect(queries).toEqual([]);
    expect(await db.selectFrom('order_revisions').select('order_id').execute()).toHaveLength(1);
    expect(await db.selectFrom('orders').select(['order_id', 'status']).execute()).toEqual([{ order_id: counterOrder.orderId, status: 'queued' }]);
  });

  it('records both copies of one batch in its transaction: the second is a duplicate there', async () => {
    const { db } = await database();
    const recorder = createRecorder({ db, store: FIXTURE_STORE_ID, timezone: FIXTURE_TIMEZONE });
    expect(await recorder.record([onOrderTopic, onCounterTopic])).toEqual({ recorded: 1, duplicates: 1, ignored: 0 });
  });

  it('remembers an order only once its transaction committed: after a failed one the copy is recorded', async () => {
    const { db, failNextWrite } = await database();
    const recorder = createRecorder({ db, store: FIXTURE_STORE_ID, timezone: FIXTURE_TIMEZONE });
    // Another order first: the write fails on a statement already prepared and compiled, as in a running back office.
    const earlier = fixtureOrder({ n: 2, total: 499, method: 'counter', status: 'queued', placedAt: '2026-03-10T12:00:00.000Z' });
    expect(await recorder.record([{ topic: topics.order('A', earlier.orderId), payload: Buffer.from(JSON.stringify(earlier)) }])).toEqual({ recorded: 1, duplicates: 0, ignored: 0 });
    failNextWrite();
    await expect(recorder.record([onOrderTopic])).rejects.toThrow(/disk full/);
    expect(await db.selectFrom('order_revisions').select('order_id').where('order_id', '=', counterOrder.orderId).execute()).toEqual([]);
    expect(await recorder.record([onCounterTopic])).toEqual({ recorded: 1, duplicates: 0, ignored: 0 });
    expect(await db.selectFrom('orders').select('order_id').execute()).toHaveLength(2);
  });

  it('does not take the same bytes on another store for a duplicate', async () => {
    const { db } = await database();
    const recorder = createRecorder({ db, store: FIXTURE_STORE_ID, timezone: FIXTURE_TIMEZONE });
    await recorder.record([onOrderTopic]);
    const elsewhere: BusMessage = { topic: storeTopics('other-store').order('A', counterOrder.orderId), payload: Buffer.from(payload) };
    expect(await recorder.record([elsewhere])).toEqual({ recorded: 0, duplicates: 0, ignored: 1 });
  });

  it('an order whose times are not times (a page that wrote "soon") is ignored with its reason, and the orders after it are recorded', async () => {
    const { db } = await database();
    const warnings: Record<string, unknown>[] = [];
    const log = { ...silentLogger, warn: (fields: Record<string, unknown>) => void warnings.push(fields) } as unknown as Logger;
    const recorder = createRecorder({ db, store: FIXTURE_STORE_ID, timezone: FIXTURE_TIMEZONE, log });
    const poison = { ...fixtureOrder({ n: 3, total: 299, method: 'counter', status: 'queued', placedAt: '2026-03-10T12:00:00.000Z' }), placedAt: 'soon', updatedAt: 'soon' };
    expect(await recorder.record([{ topic: topics.order('A', poison.orderId), payload: Buffer.from(JSON.stringify(poison)) }])).toEqual({ recorded: 0, duplicates: 0, ignored: 1 });
    expect(warnings).toContainEqual(expect.objectContaining({ event: 'back_office_message_ignored', reason: expect.stringMatching(/datetime|date/i) }));
    expect(await recorder.record([onOrderTopic])).toEqual({ recorded: 1, duplicates: 0, ignored: 0 });
  });
});
