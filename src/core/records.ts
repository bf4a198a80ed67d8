/**
 * Records keyed by ids that come from data (unit, grid and station ids, CSV cells). A plain `{}`
 * inherits from `Object.prototype`: `record['__proto__'] = g` is silently dropped (or swaps the
 * prototype), and `record['constructor']` reads a function for an id that was never set. A record
 * without a prototype has none of that: every string is a key like any other.
 */

/** An empty record with no prototype, or a copy of `from` (own enumerable entries) without one. */
export function idRecord<T>(
  from?: Readonly<Record<string, T>> | Iterable<readonly [string, T]>,
): Record<string, T> {
  const out = Object.create(null) as Record<string, T>;
  if (!from) return out;
  const entries = Symbol.iterator in from ? from : Object.entries(from);
  // Without a prototype there is no `__proto__` setter: assigning any key makes an own property.
  for (const [key, value] of entries as Iterable<readonly [string, T]>) out[key] = value;
  return out;
}

/** `record[key]` when `key` is the record's own (never an inherited `constructor` or `toString`). */
export function own<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
}
