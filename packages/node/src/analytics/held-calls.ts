import {
  DeliveryError,
  ValidationError,
  type ItineraError,
  type Message,
  type MessageValidation,
  type ValidationIssue,
} from '@itinera/core/wire'
import type { Callback } from './calls.js'
import type { DropReason } from './events.js'
import { loadFullValidator, type FullValidator } from './full-validator.js'

/** A call waiting in {@link HeldCalls}, as the JSON it had when it was made. */
interface HeldCall {
  json: string
  bytes: number
  /** Whether the full validator must check it (else it only keeps its place in line). */
  check: boolean
  messageId: string
  callback: Callback | undefined
  /** Resolves once the call is queued or reported. */
  settled: Promise<void>
  settle(): void
}

/** Where held calls go once settled. */
export interface HeldCallSink {
  push(message: Message, messageId: string, callback: Callback | undefined): void
  refuse(
    reason: DropReason,
    messageId: string,
    error: ItineraError,
    callback: Callback | undefined,
  ): void
}

/**
 * Calls waiting, in call order, for core's full validator (zod), which is loaded the first time a
 * call needs it: such a call and every call made after it, so that calls keep their order. Each
 * is kept as the JSON it had when made, so later changes by the caller do not leak in.
 */
export class HeldCalls {
  readonly #calls: HeldCall[] = []
  readonly #sink: HeldCallSink
  #bytes = 0
  #draining = false
  #validator: FullValidator | undefined

  constructor(sink: HeldCallSink) {
    this.#sink = sink
  }

  /** Calls waiting. */
  get size(): number {
    return this.#calls.length
  }

  /** Serialized bytes of the calls waiting. */
  get bytes(): number {
    return this.#bytes
  }

  /** The full validator, once loaded. */
  get validator(): FullValidator | undefined {
    return this.#validator
  }

  /** Resolves once every call waiting now is queued or reported (calls settle in order). */
  settled(): Promise<void> | undefined {
    return this.#calls.at(-1)?.settled
  }

  /** Adds a call to the line; it is settled in call order. */
  add(json: string, bytes: number, check: boolean, messageId: string, callback?: Callback): void {
    let settle = () => {}
    const settled = new Promise<void>((resolve) => (settle = resolve))
    this.#calls.push({ json, bytes, check, messageId, callback, settled, settle })
    this.#bytes += bytes
    void this.#drain()
  }

  /** Reports every waiting call as dropped with `error`. */
  dropAll(error: ItineraError): void {
    for (const call of this.#calls.splice(0)) {
      this.#sink.refuse('closed', call.messageId, error, call.callback)
      call.settle()
    }
    this.#bytes = 0
  }

  async #drain(): Promise<void> {
    if (this.#draining) return
    this.#draining = true
    try {
      for (let call = this.#calls[0]; call; call = this.#calls[0]) {
        if (call.check && !this.#validator) {
          try {
            this.#validator = await loadFullValidator()
          } catch (error) {
            // dropAll() may have taken it meanwhile; otherwise this call alone fails.
            if (this.#calls[0] === call) this.#fail(call, error)
            continue
          }
          if (this.#calls[0] !== call) continue
        }
        this.#take()
        const message = JSON.parse(call.json) as Record<string, unknown>
        const result: MessageValidation = call.check
          ? fullyValidate(this.#validator as FullValidator, message)
          : { ok: true, value: message as unknown as Message }
        if (result.ok) this.#sink.push(result.value, call.messageId, call.callback)
        else {
          const error = new ValidationError(result.errors)
          this.#sink.refuse('invalid', call.messageId, error, call.callback)
        }
        call.settle()
      }
    } finally {
      this.#draining = false
    }
  }

  #fail(call: HeldCall, cause: unknown): void {
    this.#take()
    const error = new DeliveryError(
      `the validator of @itinera/core could not be loaded: ${String(cause)}`,
      { retryable: false },
      { cause },
    )
    this.#sink.refuse('invalid', call.messageId, error, call.callback)
    call.settle()
  }

  #take(): void {
    const call = this.#calls.shift()
    if (call) this.#bytes -= call.bytes
  }
}

// The queue measures the size while serializing, so validation skips its own JSON.stringify.
export function fullyValidate(
  validate: FullValidator,
  raw: Record<string, unknown>,
): MessageValidation {
  try {
    return validate(raw, { maxBytes: Infinity })
  } catch (error) {
    return { ok: false, errors: [serializationIssue(error)] }
  }
}

/** Cyclic objects, BigInts and throwing getters fail a call; a call must never throw. */
export function serializationIssue(error: unknown): ValidationIssue {
  const reason = error instanceof Error ? error.message : String(error)
  return { path: '', message: `must be serializable to JSON (${reason})` }
}
