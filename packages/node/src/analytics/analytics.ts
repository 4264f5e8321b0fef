import { randomUUID } from 'node:crypto'
import {
  DeliveryError,
  ValidationError,
  validateMessage,
  type ItineraError,
  type Message,
  type MessageType,
  type MessageValidation,
} from '@itinera/core'
import { DeliveryQueue } from '../queue/delivery-queue.js'
import { messageIdAt } from '../queue/message-queue.js'
import { createHttpTransport } from '../transport/http-transport.js'
import {
  buildMessage,
  type AliasParams,
  type Callback,
  type GroupParams,
  type IdentifyParams,
  type PageParams,
  type TrackParams,
} from './calls.js'
import { Emitter } from './emitter.js'
import type { AnalyticsEvents, DropReason } from './events.js'
import { resolveAnalyticsOptions, type AnalyticsOptions } from './options.js'
import { createStats, type AnalyticsStats } from './stats.js'

/** Options of {@link Analytics.close}. */
export interface CloseOptions {
  /** Longest wait for pending messages, in milliseconds; the rest is dropped and reported. @default 10000 */
  timeout?: number
}

/**
 * The server-side client: Segment-shaped calls, batched, gzipped and retried in the background.
 * Calls never throw: an invalid call, a full queue or a refused message is reported through the
 * call's callback, the `error` and `drop` events, and the call's `false` return value.
 *
 * @example
 * import { Analytics } from '@itinera/node'
 *
 * const analytics = new Analytics({ writeKey: process.env.ITINERA_WRITE_KEY!, host: 'https://collect.example.com' })
 * analytics.on('error', (error) => logger.warn(error))
 * analytics.track({ userId: 'u1', event: 'Order Completed', properties: { total: 42 } })
 * await analytics.close()
 */
export class Analytics extends Emitter<AnalyticsEvents> {
  readonly #queue: DeliveryQueue
  readonly #stats = createStats()
  // Only calls that passed a callback keep their message in memory, keyed by sequence number.
  readonly #callbacks = new Map<number, { callback: Callback; message: Message }>()
  readonly #onBeforeExit: (() => void) | undefined
  #closed: Promise<void> | undefined

  constructor(options: AnalyticsOptions) {
    super()
    const resolved = resolveAnalyticsOptions(options)
    const url = new URL(resolved.path, resolved.host)
    const authorization = `Basic ${Buffer.from(`${resolved.writeKey}:`).toString('base64')}`
    this.#queue = new DeliveryQueue(
      resolved,
      createHttpTransport({
        url,
        authorization,
        gzip: resolved.gzip,
        timeout: resolved.timeout,
        maxSockets: resolved.maxInFlight,
      }),
      {
        onSent: (batch, rejected, event) => {
          this.#stats.sent += event.sent
          if (this.#callbacks.size > 0) {
            for (let index = 0; index < batch.count; index++) {
              if (!rejected.has(index)) this.#settleCallback(batch.firstSeq + index, undefined)
            }
          }
          this.emit('flush', event)
        },
        onDrop: (reason, batch, error) => {
          const messageIds = Array.from({ length: batch.count }, (_, i) => messageIdAt(batch, i))
          this.#reportDrop(reason, messageIds, error)
          for (let index = 0; index < batch.count; index++) {
            this.#settleCallback(batch.firstSeq + index, error)
          }
        },
        onRejected: (batch, rejected, status) => {
          const issues = rejected.flatMap(({ index, errors }) =>
            errors.length > 0
              ? errors
              : [{ index, path: '', message: `refused by the collector (${status})` }],
          )
          const messageIds = rejected.map(({ index }) => messageIdAt(batch, index))
          this.#reportDrop('rejected', messageIds, new ValidationError(issues))
          for (const { index, errors } of rejected) {
            this.#settleCallback(batch.firstSeq + index, new ValidationError(errors))
          }
        },
        onRetry: (event) => {
          this.#stats.retried += 1
          this.emit('retry', event)
        },
      },
    )
    if (resolved.flushOnExit) {
      // A script that ends without close() still delivers what it queued.
      this.#onBeforeExit = () => {
        if (this.#queue.size > 0) void this.flush()
      }
      process.on('beforeExit', this.#onBeforeExit)
    }
  }

  /** Records an action the user performed. Returns false when the message was not queued. */
  track(params: TrackParams, callback?: Callback): boolean {
    return this.#enqueue('track', params, callback)
  }

  /** Records who the user is and their traits. */
  identify(params: IdentifyParams, callback?: Callback): boolean {
    return this.#enqueue('identify', params, callback)
  }

  /** Records a web page view. */
  page(params: PageParams, callback?: Callback): boolean {
    return this.#enqueue('page', params, callback)
  }

  /** Records a mobile screen view. */
  screen(params: PageParams, callback?: Callback): boolean {
    return this.#enqueue('screen', params, callback)
  }

  /** Associates the user with a group (company, account) and its traits. */
  group(params: GroupParams, callback?: Callback): boolean {
    return this.#enqueue('group', params, callback)
  }

  /** Links a previous id to the user's new `userId`. */
  alias(params: AliasParams, callback?: Callback): boolean {
    return this.#enqueue('alias', params, callback)
  }

  /**
   * Sends everything queued now and resolves when every message enqueued before the call was
   * acknowledged by the collector or definitively failed (reported through `error`/`drop`).
   * Never rejects. Await it at the end of each serverless invocation.
   */
  flush(): Promise<void> {
    return this.#queue.flush()
  }

  /**
   * Stops accepting calls, flushes, then stops timers and closes sockets. At `timeout` whatever is
   * still pending is aborted and reported as dropped (`closed`). Never rejects, never hangs past
   * the timeout; calling it again returns the same promise.
   */
  close(options: CloseOptions = {}): Promise<void> {
    if (!this.#closed) {
      if (this.#onBeforeExit) process.off('beforeExit', this.#onBeforeExit)
      this.#closed = this.#queue.close(options.timeout ?? 10_000)
    }
    return this.#closed
  }

  /** Alias of {@link Analytics.close} for code ported from @segment/analytics-node. */
  closeAndFlush(options?: CloseOptions): Promise<void> {
    return this.close(options)
  }

  /** Counters since construction, plus what is held in memory now. */
  get stats(): AnalyticsStats {
    return {
      ...this.#stats,
      dropped: { ...this.#stats.dropped },
      queued: this.#queue.size,
      inFlight: this.#queue.inFlight,
    }
  }

  #enqueue(type: MessageType, params: object, callback: Callback | undefined): boolean {
    const raw = buildMessage(type, params, randomUUID)
    const messageId = String(raw.messageId)
    if (this.#closed) {
      const error = new DeliveryError('the client is closed; this call was not sent', {
        retryable: false,
      })
      this.#reportDrop('closed', [messageId], error)
      if (callback) invoke(callback, error, undefined)
      return false
    }
    const result = safeValidate(raw)
    if (!result.ok) {
      const error = new ValidationError(result.errors)
      this.#reportDrop('invalid', [messageId], error)
      if (callback) invoke(callback, error, undefined)
      return false
    }
    const json = JSON.stringify(result.value)
    const seq = this.#queue.push(json, Buffer.byteLength(json))
    if (seq < 0) {
      const error = new DeliveryError(
        'the queue is full (maxQueueSize or maxQueueBytes); the newest call was dropped',
        { retryable: true },
      )
      this.#reportDrop('queue_full', [messageId], error)
      if (callback) invoke(callback, error, result.value)
      return false
    }
    if (callback) this.#callbacks.set(seq, { callback, message: result.value })
    this.#stats.enqueued += 1
    return true
  }

  #settleCallback(seq: number, error: ItineraError | undefined): void {
    const entry = this.#callbacks.get(seq)
    if (!entry) return
    this.#callbacks.delete(seq)
    invoke(entry.callback, error, entry.message)
  }

  #reportDrop(reason: DropReason, messageIds: string[], error: ItineraError): void {
    this.#stats.dropped[reason] += messageIds.length
    this.emit('error', error)
    this.emit('drop', { reason, messageIds, error })
  }
}

// Cyclic objects and BigInts make JSON.stringify throw; a call must fail, never throw.
function safeValidate(raw: Record<string, unknown>): MessageValidation {
  try {
    return validateMessage(raw)
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    return {
      ok: false,
      errors: [{ path: '', message: `must be serializable to JSON (${reason})` }],
    }
  }
}

// Callbacks run outside our call stack; one that throws surfaces like any uncaught error.
function invoke(
  callback: Callback,
  error: ItineraError | undefined,
  message: Message | undefined,
): void {
  process.nextTick(callback, error, message)
}
