/** Size of one storage slab; a message larger than this gets a slab of its own. */
export const SLAB_BYTES = 1024 * 1024

/** How many released slabs are kept for reuse instead of being left to the GC. */
const FREE_SLABS = 8

/**
 * A block of off-heap memory holding serialized messages back to back. `pending` counts the
 * messages written into it that are not yet settled; at 0 the slab can be reused.
 */
export interface Slab {
  buffer: Buffer
  used: number
  pending: number
}

/**
 * Hands out slabs and takes them back once every message in them is settled, so a steady stream
 * reuses a few megabytes instead of leaving dead buffers for full GCs (bench/node-sdk).
 */
export class SlabPool {
  readonly #free: Slab[] = []

  /** A slab with at least `bytes` free. */
  acquire(bytes: number): Slab {
    if (bytes <= SLAB_BYTES) {
      const reused = this.#free.pop()
      if (reused) return reused
    }
    return { buffer: Buffer.allocUnsafeSlow(Math.max(SLAB_BYTES, bytes)), used: 0, pending: 0 }
  }

  /** Returns a slab whose messages are all settled and that is no longer written to. */
  release(slab: Slab): void {
    slab.used = 0
    slab.pending = 0
    if (slab.buffer.length === SLAB_BYTES && this.#free.length < FREE_SLABS) this.#free.push(slab)
  }
}
