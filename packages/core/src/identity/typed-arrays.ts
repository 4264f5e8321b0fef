/** The typed arrays the identity engine keeps its tables in. */
type TypedTable = Int32Array | Uint8Array | Uint16Array | Float64Array

/** A copy of `array` grown to `size` elements; the new cells hold `fill`. */
export function grown<T extends TypedTable>(array: T, size: number, fill = 0): T {
  const next = new (array.constructor as new (size: number) => T)(size)
  next.set(array)
  if (fill !== 0) next.fill(fill, array.length)
  return next
}
