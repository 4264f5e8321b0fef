import type { Message } from '@itinera/core'
import type { Callback } from '../analytics/calls.js'

/** A message serialized once at call time, waiting to be sent. */
export interface QueuedMessage {
  /** The message as JSON, exactly as it goes on the wire. */
  json: string
  /** UTF-8 size of `json`. */
  bytes: number
  messageId: string
  /** Set only when the call passed a callback, to keep memory close to the serialized size. */
  callback?: Callback
  message?: Message
}

/** A run of consecutive messages taken from the queue; `firstSeq` numbers the first one. */
export interface TakenBatch {
  firstSeq: number
  items: QueuedMessage[]
  /** Sum of the items' sizes, without separators. */
  bytes: number
}

/**
 * FIFO of serialized messages with running count and byte totals, so pushing and taking cost O(1)
 * per message whatever the backlog (research: node-sdk.md §5.2). Each message gets a sequence
 * number in call order, which `flush()` uses to know what was enqueued before it.
 */
export class MessageQueue {
  #items: (QueuedMessage | undefined)[] = []
  #head = 0
  #bytes = 0
  #nextSeq = 0

  /** Messages waiting. */
  get count(): number {
    return this.#items.length - this.#head
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

  /** Appends a message and returns its sequence number. */
  push(item: QueuedMessage): number {
    this.#items.push(item)
    this.#bytes += item.bytes
    return this.#nextSeq++
  }

  /**
   * Takes up to `maxCount` oldest messages whose sizes plus one separator each fit `maxBytes`;
   * always at least one when the queue is not empty.
   */
  take(maxCount: number, maxBytes: number): TakenBatch {
    const firstSeq = this.headSeq
    const items: QueuedMessage[] = []
    let bytes = 0
    while (this.#head < this.#items.length && items.length < maxCount) {
      const item = this.#items[this.#head] as QueuedMessage
      if (items.length > 0 && bytes + item.bytes + items.length + 1 > maxBytes) break
      items.push(item)
      bytes += item.bytes
      this.#items[this.#head++] = undefined
    }
    this.#bytes -= bytes
    this.#compact()
    return { firstSeq, items, bytes }
  }

  /** Empties the queue and returns everything that was waiting. */
  drain(): TakenBatch {
    return this.take(Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY)
  }

  // Drop consumed slots in bulk so take() stays O(1) amortised.
  #compact(): void {
    if (this.#head === this.#items.length) {
      this.#items = []
      this.#head = 0
    } else if (this.#head > 4096 && this.#head * 2 > this.#items.length) {
      this.#items = this.#items.slice(this.#head)
      this.#head = 0
    }
  }
}
