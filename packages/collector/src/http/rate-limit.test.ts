import { describe, expect, it } from 'vitest'
import { RateLimiter } from './rate-limit.js'

describe('RateLimiter', () => {
  it('allows a burst, then refuses with a retry delay until tokens refill', () => {
    let now = 0
    const limiter = new RateLimiter({ requestsPerSecond: 2, burst: 2 }, () => now)
    expect(limiter.take('k')).toEqual({ allowed: true })
    expect(limiter.take('k')).toEqual({ allowed: true })
    expect(limiter.take('k')).toEqual({ allowed: false, retryAfterSeconds: 1 })
    expect(limiter.take('other')).toEqual({ allowed: true })
    now = 500
    expect(limiter.take('k')).toEqual({ allowed: true })
  })
})
