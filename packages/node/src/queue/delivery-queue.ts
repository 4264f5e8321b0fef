import {
  DeliveryError,
  MAX_MESSAGE_BYTES,
  backoffDelay,
  type ItineraError,
  type RejectedMessage,
} from '@itinera/core/wire'
import type { DropReason, FlushEvent, RetryEvent } from '../analytics/events.js'
import type { ResolvedAnalyticsOptions } from '../analytics/options.js'
import { classifyResponse } from '../transport/batch-response.js'
import type { Transport } from '../transport/http-transport.js'
import { LIBRARY_NAME, VERSION } from '../version.js'
import { BatchCompressor, type Compressor } from './batch-compressor.js'
import { NOT_WRITTEN, type CallStamps } from './json-writer.js'
import { MessageQueue, type TakenBatch } from './message-queue.js'
import {
  requestBody,
  sealBatch,
  type SealError,
  sealBatchNow,
  type SealedBatch,
  type StoredBatch,
} from './sealed-batch.js'

/** How the queue reports outcomes to its owner; rejected messages are named by batch position. */
export interface DeliveryHooks {
  onSent(batch: SealedBatch, rejected: ReadonlySet<number>, event: FlushEvent): void
  onDrop(reason: DropReason, batch: StoredBatch, error: ItineraError): void
  onRejected(batch: SealedBatch, rejected: RejectedMessage[], status: number): void
  onRetry(event: RetryEvent): void
}

/** {@link DeliveryQueue.push}: the queue holds `maxQueueSize` messages or `maxQueueBytes` bytes. */
export const QUEUE_FULL = -1
/** {@link DeliveryQueue.push}: the message's JSON is larger than {@link MAX_MESSAGE_BYTES}. */
export const TOO_LARGE = -2
/** {@link DeliveryQueue.pushCall}: the call needs its message built to be serialized. */
export const NOT_QUEUED = -3

/** Batches compressed at once: one could fall behind the calls on a busy machine (bench/node-sdk). */
const SEALS_AT_ONCE = 2
/** Due batches left unsealed before the caller's thread seals them itself. */
const BACKLOG_BATCHES = 4

/** Room kept in each request for the envelope around the messages. */
const ENVELOPE_BYTES = 256
const NONE: ReadonlySet<number> = new Set()

interface FlushWaiter {
  target: number
  remaining: number
  resolve: () => void
}

interface Sleep {
  timer: NodeJS.Timeout
  wake: () => void
  /** False when the delay came from Retry-After, which a recovery must not cut short. */
  backoff: boolean
}

/**
 * Batches queued messages into requests (by count and bytes), seals each batch as soon as it is
 * due (compressed once, off the main thread unless calls outrun it), keeps up to `maxInFlight`
 * requests in flight, retries with backoff, and tracks which messages are settled so `flush()`
 * resolves exactly when everything enqueued before it was acknowledged or definitively failed.
 */
export class DeliveryQueue {
  readonly #queue = new MessageQueue()
  readonly #options: ResolvedAnalyticsOptions
  readonly #transport: Transport
  readonly #hooks: DeliveryHooks
  readonly #abort = new AbortController()
  readonly #envelopeTail: string
  readonly #sleeps = new Set<Sleep>()
  /** Sealed batches waiting for a request slot, oldest first. */
  readonly #ready: SealedBatch[] = []
  /** Batches being sealed now, at most SEALS_AT_ONCE. */
  #sealing = 0
  /** Copy buffers of the seals, kept for the next ones. */
  readonly #scratch: Buffer[] = []
  /** Idle compressors, kept for the next seals (at most SEALS_AT_ONCE exist). */
  readonly #compressors: Compressor[] = []
  #waiters: FlushWaiter[] = []
  #inFlight = 0
  #heldMessages = 0
  #heldBytes = 0
  #forceUntil = -1
  #timer: NodeJS.Timeout | undefined
  #closing = false
  /** Set once close() has finished: compressors still sealing are closed when they end. */
  #stopped = false

  constructor(options: ResolvedAnalyticsOptions, transport: Transport, hooks: DeliveryHooks) {
    this.#options = options
    this.#transport = transport
    this.#hooks = hooks
    const library = JSON.stringify({ name: LIBRARY_NAME, version: VERSION })
    this.#envelopeTail = `],"context":{"library":${library}},"sentAt":`
  }

  /** Messages held in memory: queued, in flight or waiting to be retried. */
  get size(): number {
    return this.#queue.count + this.#heldMessages
  }

  /** Serialized bytes of the messages held in memory. */
  get bytes(): number {
    return this.#queue.bytes + this.#heldBytes
  }

  /**
   * Whether one more message of `bytes` would pass `maxQueueSize` or `maxQueueBytes`, with
   * `waiting` messages of `waitingBytes` held elsewhere counted as queued.
   */
  isFull(bytes: number, waiting = 0, waitingBytes = 0): boolean {
    const { maxQueueSize, maxQueueBytes } = this.#options
    return this.size + waiting >= maxQueueSize || this.bytes + waitingBytes + bytes > maxQueueBytes
  }

  /** Requests in flight or waiting to be retried. */
  get inFlight(): number {
    return this.#inFlight
  }

  /** Sequence number the next queued message will get. */
  get nextSeq(): number {
    return this.#queue.nextSeq
  }

  /**
   * Serializes and queues a message; returns its sequence number, or (nothing queued)
   * {@link TOO_LARGE} when its JSON exceeds {@link MAX_MESSAGE_BYTES}, {@link QUEUE_FULL} when
   * `maxQueueSize` or `maxQueueBytes` is reached. Throws what JSON.stringify throws.
   */
  push(message: object): number {
    return this.#commit(this.#queue.write(message, MAX_MESSAGE_BYTES))
  }

  /**
   * Serializes and queues the message a call makes once stamped, without building it; returns
   * as {@link DeliveryQueue.push} does, or {@link NOT_QUEUED} when only the built message can be
   * serialized (nothing queued: the caller then builds it and pushes that).
   */
  pushCall(call: Record<string, unknown>, stamps: CallStamps): number {
    const bytes = this.#queue.writeCall(call, stamps, MAX_MESSAGE_BYTES)
    return bytes === NOT_WRITTEN ? NOT_QUEUED : this.#commit(bytes)
  }

  /** Queues what was just written (`bytes` long, or -1 when over the limit). */
  #commit(bytes: number): number {
    if (bytes < 0) return TOO_LARGE
    if (this.isFull(bytes)) return QUEUE_FULL
    const seq = this.#queue.commit()
    this.#pump()
    return seq
  }

  /** Resolves when every message queued before the call is acknowledged or has failed for good. */
  flush(): Promise<void> {
    const remaining = this.size
    if (remaining === 0) return Promise.resolve()
    return new Promise((resolve) => {
      this.#waiters.push({ target: this.#queue.nextSeq - 1, remaining, resolve })
      this.#forceUntil = this.#queue.nextSeq - 1
      this.#refSleeps(true)
      this.#pump()
    })
  }

  /**
   * Stops intake, sends everything, and at `timeoutMs` aborts what is still pending, reporting it
   * as dropped (`closed`). Never rejects and never waits past the timeout.
   */
  async close(timeoutMs: number): Promise<void> {
    this.#closing = true
    const deadline = setTimeout(() => this.#abortAll(), timeoutMs)
    deadline.unref()
    try {
      await this.flush()
    } finally {
      clearTimeout(deadline)
      if (this.#timer) clearTimeout(this.#timer)
      this.#timer = undefined
      this.#transport.close()
      this.#stopped = true
      for (const compressor of this.#compressors.splice(0)) compressor.close()
    }
  }

  #abortAll(): void {
    this.#abort.abort()
    for (const sleep of this.#sleeps) sleep.wake()
    const error = closedBeforeSending()
    for (const batch of this.#ready.splice(0)) this.#drop(batch, 'closed', error)
    const rest = this.#queue.drain()
    if (rest.count > 0) {
      this.#heldMessages += rest.count
      this.#heldBytes += rest.bytes
      this.#drop(rest, 'closed', error)
    }
  }

  #pump(): void {
    if (this.#abort.signal.aborted) return
    this.#sealNext()
    while (this.#inFlight < this.#options.maxInFlight && this.#ready.length > 0) {
      const batch = this.#ready.shift() as SealedBatch
      this.#inFlight++
      void this.#deliver(batch)
    }
    if (this.#queue.count > 0 && !this.#timer) {
      this.#timer = setTimeout(() => {
        this.#timer = undefined
        this.#forceUntil = Math.max(this.#forceUntil, this.#queue.nextSeq - 1)
        this.#pump()
      }, this.#options.flushInterval)
      this.#timer.unref()
    }
  }

  // Takes due batches off the queue, frees their slabs and compresses them off the main thread.
  // When the calls outrun the thread pool, the caller's thread seals instead: the backlog stays
  // compressed and the calls slow down rather than memory growing (bench/node-sdk).
  #sealNext(): void {
    const { flushAt, maxBatchBytes, gzip } = this.#options
    const budget = maxBatchBytes - ENVELOPE_BYTES
    while (this.#queue.count > 0) {
      const { count, bytes } = this.#queue
      const forced = this.#queue.headSeq <= this.#forceUntil
      const full = count >= flushAt || bytes + count >= budget
      if (!forced && !full) return
      const async = this.#sealing < SEALS_AT_ONCE
      if (!async && count < BACKLOG_BATCHES * flushAt && bytes < BACKLOG_BATCHES * budget) return
      const batch = this.#queue.take(flushAt, budget)
      this.#heldMessages += batch.count
      this.#heldBytes += batch.bytes
      if (async) {
        this.#sealAsync(batch, gzip)
      } else {
        const scratch = gzip ? this.#takeScratch() : undefined
        this.#ready.push(sealBatchNow(batch, gzip, scratch))
        if (scratch) this.#scratch.push(scratch)
        this.#queue.settle(batch)
      }
    }
  }

  #takeScratch(): Buffer {
    return this.#scratch.pop() ?? Buffer.allocUnsafeSlow(this.#options.maxBatchBytes)
  }

  #sealAsync(batch: TakenBatch, gzip: boolean): void {
    this.#sealing++
    const compressor = gzip ? (this.#compressors.pop() ?? new BatchCompressor()) : undefined
    const scratch = gzip ? this.#takeScratch() : undefined
    const sealed = sealBatch(batch, compressor, scratch)
    this.#queue.settle(batch)
    const done = (reuse: boolean) => {
      this.#sealing--
      if (scratch) this.#scratch.push(scratch)
      if (!compressor) return
      if (reuse && !this.#stopped) this.#compressors.push(compressor)
      else compressor.close()
    }
    sealed.then(
      (ready) => {
        done(true)
        if (this.#abort.signal.aborted) this.#drop(ready, 'closed', closedBeforeSending())
        else this.#ready.push(ready)
        this.#pump()
      },
      (error: SealError) => {
        done(false)
        // The slabs are settled already: the drop names the messages from the uncompressed copy.
        const failure = new DeliveryError(error.message, { retryable: false }, { cause: error })
        this.#drop(error.uncompressed, 'retries_exhausted', failure)
        this.#pump()
      },
    )
  }

  async #deliver(batch: SealedBatch): Promise<void> {
    const { count } = batch
    try {
      for (let attempt = 0; ; attempt++) {
        const outcome = await this.#attempt(batch, attempt)
        if (outcome === 'settled') return
        if (this.#abort.signal.aborted) {
          return this.#drop(batch, 'closed', closedError(outcome.error))
        }
        if (outcome.kind === 'refused') return this.#drop(batch, 'rejected', outcome.error)
        if (attempt >= this.#options.maxRetries) {
          const error = new DeliveryError(
            `gave up after ${attempt + 1} attempts: ${outcome.error.message}`,
            { status: outcome.error.status, retryable: false },
            { cause: outcome.error },
          )
          return this.#drop(batch, 'retries_exhausted', error)
        }
        const { retryBaseDelay: baseMs, maxRetryDelay: maxMs } = this.#options
        const retryAfter = outcome.error.retryAfterMs
        const delayMs =
          retryAfter !== undefined
            ? Math.min(retryAfter, maxMs)
            : backoffDelay(attempt, { baseMs, maxMs })
        this.#hooks.onRetry({
          attempt: attempt + 1,
          delayMs,
          messages: count,
          error: outcome.error,
        })
        await this.#sleep(delayMs, retryAfter === undefined)
        if (this.#abort.signal.aborted) {
          return this.#drop(batch, 'closed', closedError(outcome.error))
        }
      }
    } finally {
      this.#inFlight--
      this.#pump()
    }
  }

  /** One request; settles the batch on an answer that ends it, else says how it failed. */
  async #attempt(
    batch: SealedBatch,
    attempt: number,
  ): Promise<'settled' | { kind: 'retry' | 'refused'; error: DeliveryError }> {
    try {
      // sentAt is set per attempt so the collector's clock-skew correction stays right on retries.
      const tail = `${this.#envelopeTail}"${new Date().toISOString()}"}`
      const body = requestBody(batch, tail)
      const response = await this.#transport.send(body, this.#abort.signal)
      const outcome = classifyResponse(response, batch.count, Date.now())
      if (outcome.kind === 'retry' || outcome.kind === 'refused') return outcome
      const rejected = outcome.kind === 'partial' ? outcome.rejected : []
      const event: FlushEvent = {
        sent: batch.count - rejected.length,
        rejected: rejected.length,
        status: response.status,
        attempts: attempt + 1,
        bytes: batch.headBytes + Buffer.byteLength(tail),
      }
      this.#settle(batch, () => {
        if (rejected.length > 0) this.#hooks.onRejected(batch, rejected, response.status)
        const refused = rejected.length > 0 ? new Set(rejected.map((r) => r.index)) : NONE
        this.#hooks.onSent(batch, refused, event)
      })
      // The collector answers again: retries waiting on backoff need not wait any longer.
      for (const sleep of this.#sleeps) if (sleep.backoff) sleep.wake()
      return 'settled'
    } catch (error) {
      const failure =
        error instanceof DeliveryError
          ? error
          : new DeliveryError(
              `request failed: ${String(error)}`,
              { retryable: true },
              { cause: error },
            )
      return { kind: 'retry', error: failure }
    }
  }

  #drop(batch: StoredBatch, reason: DropReason, error: ItineraError): void {
    this.#settle(batch, () => this.#hooks.onDrop(reason, batch, error))
  }

  // Reports, frees the batch's storage, then counts it off every flush() waiting for it. Held
  // counts drop here, not when the request slot frees, so a flush() called in between is exact.
  #settle(batch: StoredBatch, report: () => void): void {
    report()
    // A taken batch that was never sealed (dropped at close) still holds its slabs.
    if ('chunks' in batch) this.#queue.settle(batch)
    this.#heldMessages -= batch.count
    this.#heldBytes -= batch.bytes
    const first = batch.firstSeq
    if (this.#waiters.length === 0) return
    this.#waiters = this.#waiters.filter((waiter) => {
      waiter.remaining -= Math.max(0, Math.min(batch.count, waiter.target - first + 1))
      if (waiter.remaining > 0) return true
      waiter.resolve()
      return false
    })
    if (this.#waiters.length === 0 && !this.#closing) this.#refSleeps(false)
  }

  // Backoff timers keep the process alive only while someone awaits flush() or close().
  #sleep(ms: number, backoff: boolean): Promise<void> {
    return new Promise((resolve) => {
      const sleep: Sleep = {
        backoff,
        timer: setTimeout(() => sleep.wake(), ms),
        wake: () => {
          clearTimeout(sleep.timer)
          this.#sleeps.delete(sleep)
          resolve()
        },
      }
      if (this.#waiters.length === 0 && !this.#closing) sleep.timer.unref()
      this.#sleeps.add(sleep)
    })
  }

  #refSleeps(ref: boolean): void {
    for (const { timer } of this.#sleeps) {
      if (ref) timer.ref()
      else timer.unref()
    }
  }
}

function closedBeforeSending(): DeliveryError {
  return new DeliveryError('close() timed out before these were sent', { retryable: false })
}

function closedError(cause: DeliveryError): DeliveryError {
  return new DeliveryError(
    'close() timed out before these were acknowledged',
    { retryable: false },
    { cause },
  )
}
