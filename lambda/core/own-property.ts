/**
 * Lookups by a key that came from outside (a webhook body, a header, an HR API answer, a queue
 * message). A plain object answers `constructor`, `toString` or `__proto__` with what it inherits from
 * `Object.prototype`; these read and write own properties only.
 */

/** The value `table` holds under `key` itself, never one it inherits. */
export function ownValue<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

/**
 * Adds `n` to the tally under `key`. Defined rather than assigned: assigning to `__proto__` would set
 * the object's prototype instead of counting.
 */
export function addCount(tally: Record<string, number>, key: string, n = 1): void {
  const value = (ownValue(tally, key) ?? 0) + n;
  Object.defineProperty(tally, key, { value, enumerable: true, writable: true, configurable: true });
}
