import type { DropReason } from './events.js'

/** Counters of an {@link Analytics} client. */
export interface AnalyticsStats {
  /** Calls accepted into the queue. */
  enqueued: number
  /** Messages acknowledged by the collector. */
  sent: number
  /** Retries of failed requests. */
  retried: number
  /** Messages dropped, by reason. */
  dropped: Record<DropReason, number>
  /** Messages held in memory now (queued, in flight or awaiting retry). */
  queued: number
  /** Requests in flight or awaiting retry now. */
  inFlight: number
}

/** Zeroed counters. */
export function createStats(): Omit<AnalyticsStats, 'queued' | 'inFlight'> {
  return {
    enqueued: 0,
    sent: 0,
    retried: 0,
    dropped: { invalid: 0, queue_full: 0, rejected: 0, retries_exhausted: 0, closed: 0 },
  }
}
