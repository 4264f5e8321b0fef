import {
  DeliveryError,
  MAX_MESSAGE_BYTES,
  ValidationError,
  acceptCleanMessage,
  jsonByteLength,
  oversizeMessage,
  type ItineraError,
  type Message,
  type MessageType,
  type MessageValidation,
  type ValidationIssue,
} from '@itinera/core/wire'
import { DeliveryQueue, QUEUE_FULL, TOO_LARGE } from '../queue/delivery-queue.js'
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
import { loadFullValidator, type FullValidator } from './full-validator.js'
import { createIsoClock, createUuidGenerator } from './message-stamps.js'
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
 * at once (closed client, full queue, a well-formed message over 32 KB); a call that the quick
 * check cannot accept is validated in the background and reported if invalid.
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
  readonly #newId = createUuidGenerator()
  readonly #now = createIsoClock()
  // Only calls that passed a callback keep their message in memory, keyed by sequence number.
  readonly #callbacks = new Map<number, { callback: Callback; message: Message }>()
  readonly #onBeforeExit: (() => void) | undefined
  #closed: Promise<void> | undefined
  // Calls the quick check could not accept wait here, in call order, for the full validator.
  #validations: Promise<void> = Promise.resolve()
  /** Calls waiting for the full validator; close() drops those still waiting at its timeout. */
  readonly #awaiting = new Set<{ messageId: string; callback: Callback | undefined }>()

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
        if (this.#queue.size > 0 || this.#awaiting.size > 0) void this.flush()
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
    if (this.#awaiting.size === 0) return this.#queue.flush()
    return this.#validations.then(() => this.#queue.flush())
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
      // Calls accepted before close() still reach the queue once validated, within the timeout.
      this.#closed = this.#settleValidations(timeout).then(() => {
        const error = new DeliveryError('close() timed out before this call was validated', {
          retryable: false,
        })
        for (const call of this.#awaiting)
          this.#refuse('closed', call.messageId, error, call.callback)
        this.#awaiting.clear()
        return this.#queue.close(Math.max(0, timeout - (Date.now() - startedAt)))
      })
    }
    return this.#closed
  }

  #settleValidations(timeoutMs: number): Promise<void> {
    if (this.#awaiting.size === 0) return Promise.resolve()
    let timer: NodeJS.Timeout | undefined
    const deadline = new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)))
    return Promise.race([this.#validations, deadline]).finally(() => clearTimeout(timer))
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
      queued: this.#queue.size + this.#awaiting.size,
      inFlight: this.#queue.inFlight,
    }
  }

  #enqueue(type: MessageType, params: object, callback: Callback | undefined): boolean {
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
      clean = acceptCleanMessage(raw, type)
    } catch (error) {
      return this.#refuse('invalid', messageId, new ValidationError([issueOf(error)]), callback)
    }
    if (clean) return this.#push(clean, messageId, callback)
    this.#validateLater(raw, messageId, callback)
    return true
  }

  // Anything the quick check leaves (nulls, wrong types, missing fields) is checked by core's
  // full validator, loaded on first use; such calls keep their order among themselves, and
  // flush() and close() wait for them.
  #validateLater(raw: Record<string, unknown>, messageId: string, callback: Callback | undefined) {
    const call = { messageId, callback }
    this.#awaiting.add(call)
    this.#validations = this.#validations.then(async () => {
      let result: MessageValidation
      try {
        result = fullyValidate(await loadFullValidator(), raw)
      } catch (error) {
        const issue = { path: '', message: `could not be validated (${String(error)})` }
        result = { ok: false, errors: [issue] }
      }
      // Dropped meanwhile by a close() that timed out.
      if (!this.#awaiting.delete(call)) return
      if (result.ok) this.#push(result.value, messageId, callback)
      else this.#refuse('invalid', messageId, new ValidationError(result.errors), callback)
    })
  }

  #push(message: Message, messageId: string, callback: Callback | undefined): boolean {
    let seq: number
    try {
      seq = this.#queue.push(message)
    } catch (error) {
      return this.#refuse('invalid', messageId, new ValidationError([issueOf(error)]), callback)
    }
    if (seq === TOO_LARGE) {
      const issue = {
        path: '',
        message: oversizeMessage(jsonByteLength(message), MAX_MESSAGE_BYTES),
      }
      return this.#refuse('invalid', messageId, new ValidationError([issue]), callback)
    }
    if (seq === QUEUE_FULL) {
      const error = new DeliveryError(
        'the queue is full (maxQueueSize or maxQueueBytes); the newest call was dropped',
        { retryable: true },
      )
      return this.#refuse('queue_full', messageId, error, callback, message)
    }
    if (callback) this.#callbacks.set(seq, { callback, message })
    this.#stats.enqueued += 1
    return true
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

// The queue measures the size while serializing, so validation skips its own JSON.stringify.
function fullyValidate(validate: FullValidator, raw: Record<string, unknown>): MessageValidation {
  try {
    return validate(raw, { maxBytes: Infinity })
  } catch (error) {
    return { ok: false, errors: [issueOf(error)] }
  }
}

// Cyclic objects, BigInts and throwing getters fail a call; a call must never throw.
function issueOf(error: unknown): ValidationIssue {
  const reason = error instanceof Error ? error.message : String(error)
  return { path: '', message: `must be serializable to JSON (${reason})` }
}

// Callbacks run outside our call stack; one that throws surfaces like any uncaught error.
function invoke(
  callback: Callback,
  error: ItineraError | undefined,
  message: Message | undefined,
): void {
  process.nextTick(callback, error, message)
}
