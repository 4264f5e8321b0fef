import type { DeliveryError, ItineraError } from '@itinera/core/wire'

/** Why messages were dropped. */
export type DropReason =
  /** The call failed validation (no user or anonymous id, no event name, over 32 KB…). */
  | 'invalid'
  /** The queue held `maxQueueSize` messages or `maxQueueBytes` bytes. */
  | 'queue_full'
  /** The collector refused them (a 4xx other than 408/429, or a per-message rejection). */
  | 'rejected'
  /** Every retry failed. */
  | 'retries_exhausted'
  /** The client was closed, or `close()` reached its timeout before they were acknowledged. */
  | 'closed'

/** Payload of the `drop` event. */
export interface DropEvent {
  reason: DropReason
  /** The messageId of every dropped message. */
  messageIds: string[]
  error: ItineraError
}

/** Payload of the `flush` event: one request was acknowledged. */
export interface FlushEvent {
  /** Messages the collector accepted. */
  sent: number
  /** Messages the collector rejected in a partial 400 (also reported by `drop`). */
  rejected: number
  /** HTTP status of the acknowledging response. */
  status: number
  /** Attempts the request took (1 when it succeeded first time). */
  attempts: number
  /** Uncompressed request body size in bytes. */
  bytes: number
}

/** Payload of the `retry` event: a request failed and will be sent again. */
export interface RetryEvent {
  /** The retry about to happen, from 1. */
  attempt: number
  /** Wait before it, in milliseconds (from Retry-After when the server sent one). */
  delayMs: number
  /** Messages in the request. */
  messages: number
  error: DeliveryError
}

/** The events of {@link Analytics}, as event name → listener arguments. */
export interface AnalyticsEvents {
  /** Every failure: invalid calls, refused or undeliverable messages. */
  error: [error: ItineraError]
  drop: [event: DropEvent]
  flush: [event: FlushEvent]
  retry: [event: RetryEvent]
}
