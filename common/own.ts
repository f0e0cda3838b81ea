// Lookups by a key that comes from data (a menu, a store config, an order, a message).
// A plain object answers `record["constructor"]` with Object's constructor and
// `"toString" in record` with true; these answer only what the record itself holds.

/** The value stored under `key` in `record` itself, never one it inherits. */
export const ownValue = <V>(record: Readonly<Record<string, V>>, key: string): V | undefined =>
  Object.hasOwn(record, key) ? record[key] : undefined;

/** Whether `record` itself has `key` (an own-property `in`). */
export const hasOwnKey = (record: object, key: string): boolean => Object.hasOwn(record, key);
