// Prepared statements kept for reuse. Kysely's SQLite driver prepares every query it runs; the
// back office runs the same few statements for every message it records (several per order),
// and preparing them again each time cost about as much as running them.
import type { SqliteDatabase, SqliteStatement } from 'kysely';

/** Enough for every statement shape the back office runs; a query built with a varying number of values adds shapes. */
export const DEFAULT_STATEMENT_CACHE_SIZE = 256;

/**
 * `database`, with each SQL text prepared once and kept (the oldest dropped past `size`). A kept
 * statement is never run twice at the same time: Kysely's one SQLite connection runs one query
 * at a time, a streamed select included.
 */
export function cachingStatements(database: SqliteDatabase, size = DEFAULT_STATEMENT_CACHE_SIZE): SqliteDatabase {
  const statements = new Map<string, SqliteStatement>();
  return {
    prepare(sql) {
      let statement = statements.get(sql);
      if (!statement) {
        statement = database.prepare(sql);
        if (statements.size >= size) statements.delete(statements.keys().next().value!);
        statements.set(sql, statement);
      }
      return statement;
    },
    close() {
      statements.clear();
      database.close();
    },
  };
}
