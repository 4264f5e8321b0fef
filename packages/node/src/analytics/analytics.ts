import {
  DeliveryError,
  MAX_MESSAGE_BYTES,
  ValidationError,
  acceptCleanMessage,
  isCleanCall,
  jsonByteLength,
  oversizeMessage,
  utf8ByteLength,
  type ItineraError,
  type Message,
  type MessageType,
  type ValidationIssue,
} from '@itinera/core/wire'
import { DeliveryQueue, QUEUE_FULL, TOO_LARGE } from '../queue/delivery-queue.js'
import { isPlainRecord, type CallStamps } from '../queue/json-writer.js'
import { readMessageIds } from '../queue/sealed-batch.js'
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
import { HeldCalls, fullyValidate, serializationIssue } from './held-calls.js'
import { UuidSource, createIsoClock } from './message-stamps.js'
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
 * call's callback and the `error` and `drop` events. A call returns `false` when it is refused
 * at once (closed client, full queue, over 32 KB or not serializable, or invalid once the full
 * validator has loaded); until it has, a call the quick check cannot accept waits for it, with
 * the calls after it, in order, and is reported if invalid.
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
  readonly #ids = new UuidSource()
  readonly #newId = () => this.#ids.next()
  readonly #now = createIsoClock()
  /** The stamps of the call being written, one object reused by every call. */
  readonly #stamps: CallStamps = { type: 'track', timestamp: '', ids: this.#ids }
  // Only calls that passed a callback keep their message in memory, keyed by sequence number.
  readonly #callbacks = new Map<number, { callback: Callback; message: Message }>()
  readonly #onBeforeExit: (() => void) | undefined
  #closed: Promise<void> | undefined
  readonly #held = new HeldCalls({
    push: (message, messageId, callback) => void this.#push(message, messageId, callback),
    refuse: (reason, messageId, error, callback) =>
      void this.#refuse(reason, messageId, error, callback),
  })

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
          const messageIds = readMessageIds(batch)
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
          const messageIds = readMessageIds(
            batch,
            rejected.map(({ index }) => index),
          )
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
        if (this.#queue.size > 0 || this.#held.size > 0) void this.flush()
      }
      process.on('beforeExit', this.#onBeforeExit)
    }
  }

  /**
   * Records an action the user performed. Returns false when the call is refused at once
   * (closed client, full queue, invalid as far as the quick check can tell); see the class.
   */
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
    const held = this.#held.settled()
    return held ? held.then(() => this.#queue.flush()) : this.#queue.flush()
  }

  /**
   * Stops accepting calls, flushes, then stops timers and closes sockets. At `timeout` whatever is
   * still pending is aborted and reported as dropped (`closed`). Never rejects, never hangs past
   * the timeout; calling it again returns the same promise.
   */
  close(options: CloseOptions = {}): Promise<void> {
    if (!this.#closed) {
      if (this.#onBeforeExit) process.off('beforeExit', this.#onBeforeExit)
      const timeout = options.timeout ?? 10_000
      const startedAt = Date.now()
      // Held calls still reach the queue once validated, within the timeout; what is queued
      // already starts going out meanwhile.
      void this.#queue.flush()
      this.#closed = this.#settleHeld(timeout).then(() => {
        const error = new DeliveryError('close() timed out before this call was validated', {
          retryable: false,
        })
        this.#held.dropAll(error)
        return this.#queue.close(Math.max(0, timeout - (Date.now() - startedAt)))
      })
    }
    return this.#closed
  }

  #settleHeld(timeoutMs: number): Promise<void> {
    const held = this.#held.settled()
    if (!held) return Promise.resolve()
    let timer: NodeJS.Timeout | undefined
    const deadline = new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)))
    return Promise.race([held, deadline]).finally(() => clearTimeout(timer))
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
      queued: this.#queue.size + this.#held.size,
      inFlight: this.#queue.inFlight,
    }
  }

  #enqueue(type: MessageType, params: object, callback: Callback | undefined): boolean {
    // Most calls are clean and pass no callback: their message is written straight into the
    // queue with its stamps and never built, which halves what a call allocates (bench/node-sdk).
    if (
      callback === undefined &&
      this.#closed === undefined &&
      this.#held.size === 0 &&
      // The quick check also reads inherited fields (a class's getters), which the writer does
      // not write: other objects take the message path.
      isPlainRecord(params) &&
      isCleanCall(params, type)
    ) {
      const stamps = this.#stamps
      stamps.type = type
      stamps.timestamp = this.#now()
      if (this.#queue.pushCall(params, stamps) >= 0) {
        this.#stats.enqueued += 1
        return true
      }
      // Refused (too large, queue full) or only serializable as a built message: the message
      // path below decides again and reports.
    }
    return this.#enqueueMessage(type, params, callback)
  }

  #enqueueMessage(type: MessageType, params: object, callback: Callback | undefined): boolean {
    const raw = buildMessage(type, params, this.#newId, this.#now)
    const messageId = String(raw.messageId)
    if (this.#closed) {
      const error = new DeliveryError('the client is closed; this call was not sent', {
        retryable: false,
      })
      return this.#refuse('closed', messageId, error, callback)
    }
    let clean: Message | undefined
    try {
      clean = acceptCleanMessage(raw, type, true)
    } catch (error) {
      return this.#invalid(messageId, [serializationIssue(error)], callback)
    }
    const validator = this.#held.validator
    if (this.#held.size === 0) {
      if (clean) return this.#push(clean, messageId, callback)
      if (validator) {
        const result = fullyValidate(validator, raw)
        if (!result.ok) {
          return this.#invalid(messageId, result.errors, callback)
        }
        return this.#push(result.value, messageId, callback)
      }
    }
    return this.#hold(raw, clean === undefined, messageId, callback)
  }

  // A call the quick check cannot accept needs core's full validator (zod), loaded on first
  // need: until it is, that call and every later one wait in HeldCalls, counted against the
  // queue's caps. flush() and close() wait for them.
  #hold(
    raw: Record<string, unknown>,
    check: boolean,
    messageId: string,
    callback: Callback | undefined,
  ): boolean {
    let json: string
    try {
      json = JSON.stringify(raw)
    } catch (error) {
      return this.#invalid(messageId, [serializationIssue(error)], callback)
    }
    const bytes = utf8ByteLength(json)
    if (bytes > MAX_MESSAGE_BYTES) {
      const issue = { path: '', message: oversizeMessage(bytes, MAX_MESSAGE_BYTES) }
      return this.#invalid(messageId, [issue], callback)
    }
    if (this.#queue.isFull(bytes, this.#held.size, this.#held.bytes)) {
      return this.#refuse('queue_full', messageId, queueFull(), callback)
    }
    this.#held.add(json, bytes, check, messageId, callback)
    return true
  }

  #push(message: Message, messageId: string, callback: Callback | undefined): boolean {
    let seq: number
    try {
      seq = this.#queue.push(message)
    } catch (error) {
      return this.#invalid(messageId, [serializationIssue(error)], callback)
    }
    if (seq === TOO_LARGE) {
      const issue = {
        path: '',
        message: oversizeMessage(jsonByteLength(message), MAX_MESSAGE_BYTES),
      }
      return this.#invalid(messageId, [issue], callback)
    }
    if (seq === QUEUE_FULL)
      return this.#refuse('queue_full', messageId, queueFull(), callback, message)
    if (callback) this.#callbacks.set(seq, { callback, message })
    this.#stats.enqueued += 1
    return true
  }

  #invalid(messageId: string, issues: ValidationIssue[], callback: Callback | undefined): false {
    return this.#refuse('invalid', messageId, new ValidationError(issues), callback)
  }

  #refuse(
    reason: DropReason,
    messageId: string,
    error: ItineraError,
    callback: Callback | undefined,
    message?: Message,
  ): false {
    this.#reportDrop(reason, [messageId], error)
    if (callback) invoke(callback, error, message)
    return false
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

const queueFull = () =>
  new DeliveryError(
    'the queue is full (maxQueueSize or maxQueueBytes); the newest call was dropped',
    { retryable: true },
  )

// Callbacks run outside our call stack; one that throws surfaces like any uncaught error.
function invoke(
  callback: Callback,
  error: ItineraError | undefined,
  message: Message | undefined,
): void {
  process.nextTick(callback, error, message)
}
