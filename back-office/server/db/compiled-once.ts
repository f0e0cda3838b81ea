// A statement of fixed shape, compiled once and then run with new values. Kysely builds and
// compiles a query anew every time it runs (builders, parsers, the compiler's walk): for the
// recorder's order statements, one set per message, that cost more CPU than SQLite running them.
import type { Compilable, CompiledQuery, Kysely, QueryResult } from 'kysely';

export interface CompiledOnce<Values, R> {
  /** Runs the statement on `db` (a transaction too) with these values in place of the markers it was built with. */
  run(db: Pick<Kysely<never>, 'executeQuery'>, values: Values): Promise<QueryResult<R>>;
}

/**
 * `build` is called once, with a marker string for each of `keys`; every parameter of the compiled
 * query must be one of them (a value built into the query otherwise would be run with the first
 * values forever, so it is refused). Compiled on first use, by the Kysely instance `build` uses: a
 * plugin's transformQuery sees the statement then, not on every run (the back office has none).
 */
export function compiledOnce<Values extends object, R>(keys: readonly (keyof Values & string)[], build: (values: Values) => Compilable<R>): CompiledOnce<Values, R> {
  let compiled: { query: CompiledQuery<R>; order: (keyof Values & string)[] } | undefined;
  const compile = () => {
    const marker = (key: string) => `\u0000compiled-once:${key}`;
    const query = build(Object.fromEntries(keys.map((key) => [key, marker(key)])) as Values).compile();
    const order = query.parameters.map((parameter) => {
      const key = keys.find((candidate) => marker(candidate) === parameter);
      if (key === undefined) throw new Error(`compiledOnce: a parameter of "${query.sql}" is not one of its values (${String(parameter)})`);
      return key;
    });
    return { query, order };
  };
  return {
    async run(db, values) {
      compiled ??= compile();
      return await db.executeQuery<R>({ ...compiled.query, parameters: compiled.order.map((key) => values[key]) });
    },
  };
}
