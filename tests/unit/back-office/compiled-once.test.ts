// A statement compiled once runs with each call's values, and refuses a value built into it.
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { compiledOnce } from '../../../back-office/server/db/compiled-once';

interface Tables {
  notes: { id: string; body: string; size: number };
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

const database = async () => {
  const db = new Kysely<Tables>({ dialect: new SqliteDialect({ database: new SQLite(':memory:') }) });
  await db.schema.createTable('notes').addColumn('id', 'text', (column) => column.primaryKey()).addColumn('body', 'text').addColumn('size', 'integer').execute();
  cleanups.push(() => db.destroy());
  return db;
};

describe('compiledOnce', () => {
  it('runs the statement with the values of each call, in a transaction too', async () => {
    const db = await database();
    const upsert = compiledOnce(['id', 'body', 'size'], (row: Tables['notes']) =>
      db.insertInto('notes').values(row).onConflict((conflict) => conflict.column('id').doUpdateSet({ body: row.body, size: row.size })),
    );
    const byId = compiledOnce(['id'], ({ id }: { id: string }) => db.selectFrom('notes').select(['body', 'size']).where('id', '=', id));
    await upsert.run(db, { id: 'a', body: 'first', size: 1 });
    await db.transaction().execute(async (trx) => {
      await upsert.run(trx, { id: 'b', body: 'second', size: 2 });
      expect(Number((await upsert.run(trx, { id: 'a', body: 'again', size: 3 })).numAffectedRows)).toBe(1);
    });
    expect((await byId.run(db, { id: 'a' })).rows).toEqual([{ body: 'again', size: 3 }]);
    expect((await byId.run(db, { id: 'b' })).rows).toEqual([{ body: 'second', size: 2 }]);
    expect((await byId.run(db, { id: 'c' })).rows).toEqual([]);
  });

  it('refuses a statement with a parameter that is not one of its values', async () => {
    const db = await database();
    const fixedBody = compiledOnce(['id'], ({ id }: { id: string }) => db.selectFrom('notes').select('id').where('id', '=', id).where('body', '=', 'fixed'));
    await expect(fixedBody.run(db, { id: 'a' })).rejects.toThrow(/not one of its values \(fixed\)/);
  });
});
