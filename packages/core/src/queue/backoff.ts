/** Options of {@link backoffDelay}. */
export interface BackoffOptions {
  /** Delay ceiling of the first retry, in milliseconds. @default 100 */
  baseMs?: number
  /** Largest delay, in milliseconds. @default 30000 */
  maxMs?: number
  /** Source of randomness in [0, 1). @default Math.random */
  random?: () => number
}

/**
 * Delay before retry number `attempt` (0 for the first retry): exponential backoff with full
 * jitter, a uniform draw in [0, min(maxMs, baseMs × 2^attempt)), which spreads retries of many
 * clients after an outage instead of synchronising them.
 */
export function backoffDelay(attempt: number, options: BackoffOptions = {}): number {
  const { baseMs = 100, maxMs = 30_000, random = Math.random } = options
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt))
  return Math.floor(random() * ceiling)
}

/**
 * Reads a `Retry-After` header (delay in seconds or an HTTP date) as milliseconds from `nowMs`;
 * `undefined` when absent or unreadable.
 */
export function parseRetryAfter(
  value: string | null | undefined,
  nowMs: number,
): number | undefined {
  if (value == null) return undefined
  const text = value.trim()
  if (text === '') return undefined
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000)
  const date = Date.parse(text)
  if (Number.isNaN(date)) return undefined
  return Math.max(0, date - nowMs)
}

/** True for statuses where sending the same request again may succeed: 408, 429 and 5xx. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500
}
