// ISO-8601 calendar date with an optional time and zone, as Segment libraries send it.
const ISO_8601 =
  /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?$/i

/** True when `value` is an ISO-8601 timestamp string that names a real instant. */
export function isIsoTimestamp(value: unknown): value is string {
  return typeof value === 'string' && ISO_8601.test(value) && !Number.isNaN(Date.parse(value))
}

/**
 * Milliseconds since the epoch for an ISO-8601 string or a Date; `undefined` when invalid or absent.
 */
export function parseTimestamp(value: unknown): number | undefined {
  if (value instanceof Date) {
    const ms = value.getTime()
    return Number.isNaN(ms) ? undefined : ms
  }
  if (!isIsoTimestamp(value)) return undefined
  return Date.parse(value)
}

/** Canonical ISO-8601 form (UTC, milliseconds) of an epoch-milliseconds instant. */
export function toIsoTimestamp(ms: number): string {
  return new Date(ms).toISOString()
}

/** What {@link correctTimestamp} reads from a message and its arrival. */
export interface ClockSkewInput {
  /** When the event happened, by the client's clock. */
  timestamp?: unknown
  /** When the client sent it, by the same clock. */
  sentAt?: unknown
  /** When the server received it, by the server's clock. */
  receivedAt: string | number | Date
}

/** A timestamp moved onto the server's clock, with what it was before. */
export interface CorrectedTime {
  /** The event time on the server's clock (ISO-8601, UTC). */
  timestamp: string
  /** The client's own timestamp, unchanged; absent when the client sent none. */
  originalTimestamp: string | undefined
  /** `receivedAt − sentAt` in ms: how far the client's clock was behind the server's. */
  skewMs: number
  /** False when the skew was within the tolerance and the client timestamp was kept. */
  skewApplied: boolean
  /** True when the corrected time fell after `receivedAt` and was clamped to it. */
  clamped: boolean
}

/** Options for {@link correctTimestamp}. */
export interface ClockSkewOptions {
  /**
   * Skews up to this size (in ms, either way) are left uncorrected. The measured skew includes
   * the request's time in transit, so two batches from one device can measure slightly different
   * skews and swap the order of their events; a tolerance keeps such events in client order while
   * clocks that are really off still get corrected.
   * @default 0
   */
  toleranceMs?: number
}

/**
 * Segment's clock-skew correction: `timestamp = receivedAt − (sentAt − timestamp)`.
 *
 * Without a valid `sentAt` the client timestamp is kept as is; without a valid `timestamp` the
 * event is placed at `receivedAt`. An event can never have happened after the server received
 * it, so a result later than `receivedAt` is clamped to `receivedAt`. A skew within
 * `options.toleranceMs` is measured and reported but not applied.
 */
export function correctTimestamp(
  input: ClockSkewInput,
  options: ClockSkewOptions = {},
): CorrectedTime {
  const received =
    typeof input.receivedAt === 'number' ? input.receivedAt : parseTimestamp(input.receivedAt)
  if (received === undefined) throw new RangeError('receivedAt must be a valid time')
  const original = parseTimestamp(input.timestamp)
  const sent = parseTimestamp(input.sentAt)
  const originalTimestamp = typeof input.timestamp === 'string' ? input.timestamp : undefined
  if (original === undefined) {
    return {
      timestamp: toIsoTimestamp(received),
      originalTimestamp,
      skewMs: 0,
      skewApplied: false,
      clamped: false,
    }
  }
  const skewMs = sent === undefined ? 0 : received - sent
  const applied = Math.abs(skewMs) > (options.toleranceMs ?? 0) ? skewMs : 0
  const corrected = original + applied
  const clamped = corrected > received
  return {
    timestamp: toIsoTimestamp(clamped ? received : corrected),
    originalTimestamp:
      originalTimestamp ?? (input.timestamp instanceof Date ? toIsoTimestamp(original) : undefined),
    skewMs,
    skewApplied: applied !== 0,
    clamped,
  }
}
