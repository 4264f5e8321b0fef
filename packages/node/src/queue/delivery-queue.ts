import { DeliveryError, backoffDelay, type ItineraError } from '@itinera/core'
import type { DropReason, FlushEvent, RetryEvent } from '../analytics/events.js'
import type { ResolvedAnalyticsOptions } from '../analytics/options.js'
import { classifyResponse, type RejectedByServer } from '../transport/batch-response.js'
import type { Transport } from '../transport/http-transport.js'
import { LIBRARY_NAME, VERSION } from '../version.js'
import { MessageQueue, type QueuedMessage, type TakenBatch } from './message-queue.js'

/** How the queue reports outcomes to its owner. */
export interface DeliveryHooks {
  onSent(items: QueuedMessage[], event: FlushEvent): void
  onDrop(reason: DropReason, items: QueuedMessage[], error: ItineraError): void
  onRejected(rejected: { item: QueuedMessage; rejection: RejectedByServer }[], status: number): void
  onRetry(event: RetryEvent): void
}

/** Room kept in each request for the envelope around the messages. */
const ENVELOPE_BYTES = 256

interface FlushWaiter {
  target: number
  remaining: number
  resolve: () => void
}

/**
 * Batches queued messages into requests (by count and bytes), keeps up to `maxInFlight` requests
 * in flight, retries with backoff, and tracks which messages are settled so `flush()` resolves
 * exactly when everything enqueued before it was acknowledged or definitively failed.
 */
export class DeliveryQueue {
  readonly #queue = new MessageQueue()
  readonly #options: ResolvedAnalyticsOptions
  readonly #transport: Transport
  readonly #hooks: DeliveryHooks
  readonly #abort = new AbortController()
  readonly #envelopeTail: string
  readonly #sleeps = new Set<{ timer: NodeJS.Timeout; wake: () => void }>()
  #waiters: FlushWaiter[] = []
  #inFlight = 0
  #heldMessages = 0
  #heldBytes = 0
  #forceUntil = -1
  #timer: NodeJS.Timeout | undefined
  #closing = false

  constructor(options: ResolvedAnalyticsOptions, transport: Transport, hooks: DeliveryHooks) {
    this.#options = options
    this.#transport = transport
    this.#hooks = hooks
    this.#envelopeTail = `],"context":{"library":${JSON.stringify({ name: LIBRARY_NAME, version: VERSION })}},"sentAt":`
  }

  /** Messages held in memory: queued, in flight or waiting to be retried. */
  get size(): number {
    return this.#queue.count + this.#heldMessages
  }

  /** Requests in flight or waiting to be retried. */
  get inFlight(): number {
    return this.#inFlight
  }

  /** True once `close()` was called. */
  get closing(): boolean {
    return this.#closing
  }

  /** Queues a message; false (and nothing queued) when `maxQueueSize` or `maxQueueBytes` is reached. */
  push(item: QueuedMessage): boolean {
    const { maxQueueSize, maxQueueBytes } = this.#options
    if (
      this.size >= maxQueueSize ||
      this.#queue.bytes + this.#heldBytes + item.bytes > maxQueueBytes
    ) {
      return false
    }
    this.#queue.push(item)
    this.#pump()
    return true
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
    }
  }

  #abortAll(): void {
    this.#abort.abort()
    for (const sleep of this.#sleeps) sleep.wake()
    const rest = this.#queue.drain()
    if (rest.items.length > 0) {
      this.#drop(
        rest,
        'closed',
        new DeliveryError('close() timed out before these were sent', { retryable: false }),
      )
    }
  }

  #pump(): void {
    const { flushAt, maxInFlight, maxBatchBytes } = this.#options
    const budget = maxBatchBytes - ENVELOPE_BYTES
    while (this.#inFlight < maxInFlight && this.#queue.count > 0 && !this.#abort.signal.aborted) {
      const forced = this.#queue.headSeq <= this.#forceUntil
      const full = this.#queue.count >= flushAt || this.#queue.bytes + this.#queue.count >= budget
      if (!forced && !full) break
      const batch = this.#queue.take(flushAt, budget)
      this.#inFlight++
      this.#heldMessages += batch.items.length
      this.#heldBytes += batch.bytes
      void this.#deliver(batch)
    }
    if (this.#queue.count > 0 && !this.#timer && !this.#abort.signal.aborted) {
      this.#timer = setTimeout(() => {
        this.#timer = undefined
        this.#forceUntil = Math.max(this.#forceUntil, this.#queue.nextSeq - 1)
        this.#pump()
      }, this.#options.flushInterval)
      this.#timer.unref()
    }
  }

  async #deliver(batch: TakenBatch): Promise<void> {
    const count = batch.items.length
    const inner = batch.items.map((item) => item.json).join(',')
    const bodyBytes = batch.bytes + count + ENVELOPE_BYTES
    try {
      for (let attempt = 0; ; attempt++) {
        let outcome
        try {
          // sentAt is set per attempt so the collector's clock-skew correction stays right on retries.
          const body = `{"batch":[${inner}${this.#envelopeTail}"${new Date().toISOString()}"}`
          const response = await this.#transport.send(body, this.#abort.signal)
          outcome = classifyResponse(response, count, Date.now())
          if (outcome.kind === 'accepted' || outcome.kind === 'partial') {
            const rejected = outcome.kind === 'partial' ? outcome.rejected : []
            const event = {
              sent: count - rejected.length,
              rejected: rejected.length,
              status: response.status,
              attempts: attempt + 1,
              bytes: bodyBytes,
            }
            this.#settle(batch, () => this.#report(batch.items, rejected, response.status, event))
            return
          }
        } catch (error) {
          outcome = {
            kind: 'retry' as const,
            error:
              error instanceof DeliveryError
                ? error
                : new DeliveryError(
                    `request failed: ${String(error)}`,
                    { retryable: true },
                    { cause: error },
                  ),
          }
        }
        if (this.#abort.signal.aborted) {
          return this.#drop(
            batch,
            'closed',
            new DeliveryError(
              'close() timed out before these were acknowledged',
              { retryable: false },
              { cause: outcome.error },
            ),
          )
        }
        if (outcome.kind === 'refused') return this.#drop(batch, 'rejected', outcome.error)
        if (outcome.kind !== 'retry') return
        if (attempt >= this.#options.maxRetries) {
          return this.#drop(
            batch,
            'retries_exhausted',
            new DeliveryError(
              `gave up after ${attempt + 1} attempts: ${outcome.error.message}`,
              { status: outcome.error.status, retryable: false },
              { cause: outcome.error },
            ),
          )
        }
        const { retryBaseDelay: baseMs, maxRetryDelay: maxMs } = this.#options
        const delayMs =
          outcome.error.retryAfterMs !== undefined
            ? Math.min(outcome.error.retryAfterMs, maxMs)
            : backoffDelay(attempt, { baseMs, maxMs })
        this.#hooks.onRetry({
          attempt: attempt + 1,
          delayMs,
          messages: count,
          error: outcome.error,
        })
        await this.#sleep(delayMs)
        if (this.#abort.signal.aborted) {
          return this.#drop(
            batch,
            'closed',
            new DeliveryError(
              'close() timed out while these waited to be retried',
              { retryable: false },
              { cause: outcome.error },
            ),
          )
        }
      }
    } finally {
      this.#inFlight--
      this.#heldMessages -= count
      this.#heldBytes -= batch.bytes
      this.#pump()
    }
  }

  #report(
    items: QueuedMessage[],
    rejected: RejectedByServer[],
    status: number,
    event: FlushEvent,
  ): void {
    if (rejected.length === 0) return this.#hooks.onSent(items, event)
    const refused = new Map(rejected.map((rejection) => [rejection.index, rejection]))
    this.#hooks.onRejected(
      rejected.map((rejection) => ({ item: items[rejection.index] as QueuedMessage, rejection })),
      status,
    )
    this.#hooks.onSent(
      items.filter((_, index) => !refused.has(index)),
      event,
    )
  }

  #drop(batch: TakenBatch, reason: DropReason, error: ItineraError): void {
    this.#settle(batch, () => this.#hooks.onDrop(reason, batch.items, error))
  }

  // Reports, then counts the batch's messages off every flush() waiting for them.
  #settle(batch: TakenBatch, report: () => void): void {
    report()
    const first = batch.firstSeq
    const count = batch.items.length
    if (this.#waiters.length === 0) return
    this.#waiters = this.#waiters.filter((waiter) => {
      waiter.remaining -= Math.max(0, Math.min(count, waiter.target - first + 1))
      if (waiter.remaining > 0) return true
      waiter.resolve()
      return false
    })
    if (this.#waiters.length === 0 && !this.#closing) this.#refSleeps(false)
  }

  // Backoff timers keep the process alive only while someone awaits flush() or close().
  #sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const entry = {
        timer: setTimeout(() => entry.wake(), ms),
        wake: () => {
          clearTimeout(entry.timer)
          this.#sleeps.delete(entry)
          resolve()
        },
      }
      if (this.#waiters.length === 0 && !this.#closing) entry.timer.unref()
      this.#sleeps.add(entry)
    })
  }

  #refSleeps(ref: boolean): void {
    for (const { timer } of this.#sleeps) {
      if (ref) timer.ref()
      else timer.unref()
    }
  }
}
