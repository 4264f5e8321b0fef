/** Token-bucket settings: a sustained rate and a burst. */
export interface RateLimitOptions {
  /** Sustained requests per second per key. @default 2000 */
  requestsPerSecond?: number
  /** Requests a key may send at once. @default 2 × requestsPerSecond */
  burst?: number
}

/** The decision for one request: allowed, or retry after some seconds. */
export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number }

/** Per-key token buckets (one token per request). */
export class RateLimiter {
  private readonly rate: number
  private readonly burst: number
  private readonly buckets = new Map<string, { tokens: number; at: number }>()
  private readonly now: () => number

  constructor(options: RateLimitOptions = {}, now: () => number = Date.now) {
    this.rate = options.requestsPerSecond ?? 2000
    this.burst = options.burst ?? this.rate * 2
    this.now = now
  }

  /** Takes a token for `key`, or says how long to wait for the next one. */
  take(key: string): RateDecision {
    if (this.rate === Number.POSITIVE_INFINITY) return { allowed: true }
    const now = this.now()
    const bucket = this.buckets.get(key) ?? { tokens: this.burst, at: now }
    bucket.tokens = Math.min(this.burst, bucket.tokens + ((now - bucket.at) / 1000) * this.rate)
    bucket.at = now
    this.buckets.set(key, bucket)
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1
      return { allowed: true }
    }
    return {
      allowed: false,
      retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / this.rate)),
    }
  }
}
