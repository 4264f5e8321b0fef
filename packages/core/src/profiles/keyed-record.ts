/**
 * An empty record for keys that come from messages (trait names, event names, group ids). It
 * has no prototype, so `__proto__`, `constructor` or `toString` are keys like any other instead
 * of reaching `Object.prototype`: `groups['constructor']` is undefined until set, and setting
 * `traits['__proto__']` stores a trait rather than replacing the prototype.
 */
export function keyedRecord<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>
}
