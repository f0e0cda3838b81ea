// Opens the back office's database: SQLite (better-sqlite3, one file, the embedded
// default) or PostgreSQL (pg, for a chain) behind the same Kysely interface, and
// brings its schema up to date. Queries are written once, for both.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import type { BackOfficeTables } from './tables';
import { migrateToLatest } from './migrations';
import { cachingStatements } from './statement-cache';

export type DatabaseTarget = { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };

export interface BackOfficeDatabase {
  db: Kysely<BackOfficeTables>;
  dialect: DatabaseTarget['kind'];
  /** Where the data lives, for the log and the README (a PostgreSQL URL without its password). */
  where: string;
  close(): Promise<void>;
}

/** `postgres://…` or `postgresql://…` is a PostgreSQL server; anything else is a SQLite file. */
export function databaseTarget(spec: string): DatabaseTarget {
  return /^postgres(ql)?:\/\//.test(spec) ? { kind: 'postgres', url: spec } : { kind: 'sqlite', file: spec };
}

const withoutPassword = (url: string): string => {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres://(unparsable URL)';
  }
};

// PostgreSQL answers bigint (int8) and numeric sums as strings; our numbers are cents and
// milliseconds, far inside 2^53, so they come back as numbers like on SQLite.
const INT8_OID = 20;
const NUMERIC_OID = 1700;

export async function openDatabase(target: DatabaseTarget): Promise<BackOfficeDatabase> {
  let db: Kysely<BackOfficeTables>;
  if (target.kind === 'sqlite') {
    const { default: SQLite } = await import('better-sqlite3');
    if (target.file !== ':memory:') mkdirSync(dirname(target.file), { recursive: true });
    const connection = new SQLite(target.file);
    // WAL: readers (reports) do not block the writer (ingest); NORMAL is durable across
    // a process crash and loses at most the last commits on power loss.
    connection.pragma('journal_mode = WAL');
    connection.pragma('synchronous = NORMAL');
    connection.pragma('busy_timeout = 5000');
    db = new Kysely<BackOfficeTables>({ dialect: new SqliteDialect({ database: cachingStatements(connection) }) });
  } else {
    const { default: pg } = await import('pg');
    const parseNumber = (value: string) => Number(value);
    const types = {
      getTypeParser: ((oid: number, format?: string) =>
        oid === INT8_OID || oid === NUMERIC_OID ? parseNumber : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
    };
    const pool = new pg.Pool({ connectionString: target.url, max: 5, types });
    db = new Kysely<BackOfficeTables>({ dialect: new PostgresDialect({ pool }) });
  }
  try {
    await migrateToLatest(db as Kysely<unknown>);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return {
    db,
    dialect: target.kind,
    where: target.kind === 'sqlite' ? target.file : withoutPassword(target.url),
    close: () => db.destroy(),
  };
}
