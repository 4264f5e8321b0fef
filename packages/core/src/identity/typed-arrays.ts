/** The typed arrays the identity engine keeps its tables in. */
type TypedTable = Int32Array | Uint8Array | Uint16Array | Float64Array

interface TableType<T extends TypedTable> {
  new (buffer: ArrayBufferLike): T
  readonly BYTES_PER_ELEMENT: number
}

// V8 counts ArrayBuffer memory as external memory pressure: once about 64 MB more is allocated
// it starts a full GC, which marks the whole heap. For a batch of a million parsed messages that
// was a mark of 640 MB, 260–900 ms per run (bench/identity), to free nothing, since the tables
// live as long as the engine. SharedArrayBuffer memory is not counted there (it is still in
// `process.memoryUsage().arrayBuffers`); where the platform lacks it, plain memory is used. The
// cost: a table replaced by a larger one is freed only at the next full GC that runs for other
// reasons, so short-lived arrays stay on plain memory.
const Backing: new (bytes: number) => ArrayBufferLike =
  typeof SharedArrayBuffer === 'function' ? SharedArrayBuffer : ArrayBuffer

/** A zeroed table of `size` elements of `Type`, outside V8's external memory accounting. */
export function table<T extends TypedTable>(Type: TableType<T>, size: number): T {
  return new Type(new Backing(size * Type.BYTES_PER_ELEMENT))
}

/** A copy of `array` grown to `size` elements; the new cells hold `fill`. */
export function grown<T extends TypedTable>(array: T, size: number, fill = 0): T {
  const next = table(array.constructor as TableType<T>, size)
  next.set(array)
  if (fill !== 0) next.fill(fill, array.length)
  return next
}
