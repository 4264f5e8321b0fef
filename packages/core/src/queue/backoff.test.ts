import { describe, expect, it } from 'vitest'
import { backoffDelay, isRetryableStatus, parseRetryAfter } from '@itinera/core'

describe('backoffDelay', () => {
  it('doubles the ceiling with each attempt when random is at its top', () => {
    const random = () => 0.999999
    expect([0, 1, 2, 3].map((a) => backoffDelay(a, { baseMs: 100, random }))).toEqual([
      99, 199, 399, 799,
    ])
  })

  it('never exceeds maxMs however many attempts were made', () => {
    expect(backoffDelay(50, { baseMs: 100, maxMs: 2000, random: () => 0.999999 })).toBe(1999)
  })

  it('returns 0 when random draws 0 (full jitter)', () => {
    expect(backoffDelay(5, { random: () => 0 })).toBe(0)
  })
})

describe('parseRetryAfter', () => {
  it('reads seconds as milliseconds', () => {
    expect(parseRetryAfter('3', 0)).toBe(3000)
    expect(parseRetryAfter('0.5', 0)).toBe(500)
  })

  it('reads an HTTP date relative to now', () => {
    const now = Date.parse('2026-01-01T00:00:00Z')
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:05 GMT', now)).toBe(5000)
  })

  it('returns undefined when the header is absent or unreadable', () => {
    expect(parseRetryAfter(null, 0)).toBeUndefined()
    expect(parseRetryAfter('soon', 0)).toBeUndefined()
  })
})

describe('isRetryableStatus', () => {
  it('retries 408, 429 and 5xx but not other 4xx', () => {
    expect([408, 429, 500, 503, 400, 401, 404, 413].map(isRetryableStatus)).toEqual([
      true,
      true,
      true,
      true,
      false,
      false,
      false,
      false,
    ])
  })
})
