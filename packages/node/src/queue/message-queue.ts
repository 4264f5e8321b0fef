import { createJsonEncoder, type CallStamps } from './json-writer.js'
import { SlabPool, type Slab } from './slab.js'

const COMMA = 0x2c
/** Slots of the ring at first; a power of two, as the ring masks its indices. */
const INITIAL_CAPACITY = 1024

/** A contiguous byte range of one slab holding `count` messages, each preceded by a comma. */
export interface BatchChunk {
  slab: Slab
  start: number
  end: number
  count: number
}

/** A run of consecutive messages taken from the queue; `firstSeq` numbers the first one. */
export interface TakenBatch {
  firstSeq: number
  count: number
  /** Sum of the messages' sizes, without separators. */
  bytes: number
  chunks: BatchChunk[]
  /** Size of each message in bytes, without its separator. */
  lengths: number[]
}

/**
 * FIFO of serialized messages stored off-heap in reusable slabs, with running count and byte
 * totals: pushing and taking cost O(1) per message whatever the backlog, and a queued message
 * costs about its serialized size (research: node-sdk.md §5.2, §5.10). Each message gets a
 * sequence number in call order, which `flush()` uses to know what was enqueued before it.
 */
export class MessageQueue {
  readonly #pool = new SlabPool()
  readonly #encoder = createJsonEncoder()
  /** Size of the message written but not yet committed, or -1. */
  #written = -1
  #current: Slab | undefined
  // A ring of where each waiting message is stored; it grows by doubling and never shrinks, so a
  // steady stream allocates nothing here.
  #slabs: (Slab | undefined)[] = new Array<Slab | undefined>(INITIAL_CAPACITY)
  #starts = new Int32Array(INITIAL_CAPACITY)
  #lengths = new Int32Array(INITIAL_CAPACITY)
  #head = 0
  #count = 0
  #bytes = 0
  #nextSeq = 0

  /** Messages waiting. */
  get count(): number {
    return this.#count
  }

  /** Serialized bytes waiting. */
  get bytes(): number {
    return this.#bytes
  }

  /** Sequence number the next pushed message will get. */
  get nextSeq(): number {
    return this.#nextSeq
  }

  /** Sequence number of the oldest waiting message (equal to `nextSeq` when empty). */
  get headSeq(): number {
    return this.#nextSeq - this.count
  }

  /**
   * Serializes `message` into storage, byte for byte as JSON.stringify would, and returns its size
   * in bytes, or -1 when it is larger than `maxBytes`. It is queued only by the next
   * {@link MessageQueue.commit}. Throws what JSON.stringify throws (cycles, BigInt).
   */
  write(message: object, maxBytes: number): number {
    const slab = this.#slabFor(maxBytes)
    this.#written = -1
    // Written after the separator's place; no JSON string is allocated per message (issue #9).
    this.#written = this.#encoder.write(message, slab.buffer, slab.used + 1, maxBytes)
    return this.#written
  }

  /**
   * Serializes the message `call` makes once stamped, without building it (see
   * {@link JsonEncoder.writeCall}); returns its size, -1 when it is larger than `maxBytes`, or
   * `NOT_WRITTEN`. Queued only by the next {@link MessageQueue.commit}.
   */
  writeCall(call: Record<string, unknown>, stamps: CallStamps, maxBytes: number): number {
    const slab = this.#slabFor(maxBytes)
    this.#written = -1
    const bytes = this.#encoder.writeCall(call, stamps, slab.buffer, slab.used + 1, maxBytes)
    this.#written = bytes
    return bytes
  }

  /** The current slab, replaced by a fresh one when it has less than `maxBytes + 1` free. */
  #slabFor(maxBytes: number): Slab {
    const room = maxBytes + 1
    let slab = this.#current
    if (!slab || slab.used + room > slab.buffer.length) {
      if (slab && slab.pending === 0) this.#pool.release(slab)
      slab = this.#current = this.#pool.acquire(room)
    }
    return slab
  }

  /** Queues the message of the last successful {@link MessageQueue.write}; returns its sequence number. */
  commit(): number {
    const slab = this.#current
    const bytes = this.#written
    if (!slab || bytes < 0) throw new Error('commit() needs a successful write() before it')
    this.#written = -1
    const start = slab.used
    slab.buffer[start] = COMMA
    slab.used += bytes + 1
    slab.pending++
    if (this.#count === this.#slabs.length) this.#grow()
    const slot = (this.#head + this.#count) & (this.#slabs.length - 1)
    this.#slabs[slot] = slab
    this.#starts[slot] = start
    this.#lengths[slot] = bytes
    this.#count++
    this.#bytes += bytes
    return this.#nextSeq++
  }

  /**
   * Takes up to `maxCount` oldest messages whose sizes plus one separator each fit `maxBytes`;
   * always at least one when the queue is not empty.
   */
  take(maxCount: number, maxBytes: number): TakenBatch {
    const batch: TakenBatch = {
      firstSeq: this.headSeq,
      count: 0,
      bytes: 0,
      chunks: [],
      lengths: [],
    }
    let last: BatchChunk | undefined
    const mask = this.#slabs.length - 1
    while (this.#count > 0 && batch.count < maxCount) {
      const length = this.#lengths[this.#head] as number
      if (batch.count > 0 && batch.bytes + length + batch.count + 1 > maxBytes) break
      const slab = this.#slabs[this.#head] as Slab
      const start = this.#starts[this.#head] as number
      if (last && last.slab === slab && last.end === start) {
        last.end += length + 1
        last.count++
      } else {
        last = { slab, start, end: start + length + 1, count: 1 }
        batch.chunks.push(last)
      }
      batch.lengths.push(length)
      batch.count++
      batch.bytes += length
      this.#slabs[this.#head] = undefined
      this.#head = (this.#head + 1) & mask
      this.#count--
    }
    this.#bytes -= batch.bytes
    return batch
  }

  /** Empties the queue and returns everything that was waiting. */
  drain(): TakenBatch {
    return this.take(Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY)
  }

  /** Marks a taken batch settled, so slabs whose messages are all settled are reused. */
  settle(batch: TakenBatch): void {
    for (const chunk of batch.chunks) {
      chunk.slab.pending -= chunk.count
      if (chunk.slab.pending === 0 && chunk.slab !== this.#current) this.#pool.release(chunk.slab)
    }
    batch.chunks = []
  }

  #grow(): void {
    const capacity = this.#slabs.length
    const order = (slot: number) => (this.#head + slot) & (capacity - 1)
    const slabs = new Array<Slab | undefined>(capacity * 2)
    const starts = new Int32Array(capacity * 2)
    const lengths = new Int32Array(capacity * 2)
    for (let slot = 0; slot < this.#count; slot++) {
      slabs[slot] = this.#slabs[order(slot)]
      starts[slot] = this.#starts[order(slot)] as number
      lengths[slot] = this.#lengths[order(slot)] as number
    }
    this.#slabs = slabs
    this.#starts = starts
    this.#lengths = lengths
    this.#head = 0
  }
}
