// Kysely over better-sqlite3 with statements prepared once: the same results, each SQL text
// prepared a single time, and no more statements kept than the cache holds.
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { cachingStatements } from '../../../back-office/server/db/statement-cache';

const opened: SQLite.Database[] = [];
afterEach(() => {
  for (const connection of opened.splice(0)) if (connection.open) connection.close();
});

/** An in-memory database whose prepare() calls are counted by SQL text. */
const counted = () => {
  const connection = new SQLite(':memory:');
  opened.push(connection);
  const prepared = new Map<string, number>();
  const prepare = connection.prepare.bind(connection);
  const database = {
    prepare: (text: string) => {
      prepared.set(text, (prepared.get(text) ?? 0) + 1);
      return prepare(text);
    },
    close: () => connection.close(),
  };
  return { connection, database, prepared };
};

describe('cached statements', () => {
  it('prepares each SQL text once and answers as without the cache', async () => {
    const { database, prepared } = counted();
    const db = new Kysely<{ t: { id: number; name: string } }>({ dialect: new SqliteDialect({ database: cachingStatements(database) }) });
    await sql`create table t (id integer primary key, name text not null)`.execute(db);
    for (let id = 1; id <= 5; id++) await db.insertInto('t').values({ id, name: `n${id}` }).execute();
    await db.transaction().execute(async (trx) => {
      await trx.updateTable('t').set({ name: 'changed' }).where('id', '=', 2).execute();
      await trx.deleteFrom('t').where('id', '=', 3).execute();
    });
    const rows = await db.selectFrom('t').selectAll().orderBy('id').execute();
    expect(rows.map((row) => row.name)).toEqual(['n1', 'changed', 'n4', 'n5']);
    const insert = [...prepared].find(([text]) => text.startsWith('insert into "t"'));
    expect(insert?.[1]).toBe(1);
    expect([...prepared.values()].every((count) => count === 1)).toBe(true);
    // A streamed select reuses its statement too, and runs to the end before the next query.
    const streamed: string[] = [];
    for await (const row of db.selectFrom('t').select('name').where('id', '>', 1).stream()) streamed.push(row.name);
    for await (const row of db.selectFrom('t').select('name').where('id', '>', 1).stream()) streamed.push(row.name);
    expect(streamed).toEqual(['changed', 'n4', 'n5', 'changed', 'n4', 'n5']);
    await db.destroy();
  });

  it('keeps at most `size` statements, dropping the oldest', () => {
    const { database, prepared } = counted();
    const cached = cachingStatements(database, 2);
    const texts = ['select 1', 'select 2', 'select 3'];
    for (const text of texts) cached.prepare(text);
    cached.prepare('select 3');
    cached.prepare('select 2');
    expect(prepared.get('select 2')).toBe(1);
    cached.prepare('select 1'); // dropped when "select 3" came in: prepared again
    expect(prepared.get('select 1')).toBe(2);
    cached.close();
  });
});
