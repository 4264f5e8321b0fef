/**
 * Sets `key` as an own enumerable property, even `__proto__`, which assignment would treat as
 * the prototype: keys mapped from SDK payloads (trait names) are data.
 */
export function defineKey(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  })
}
