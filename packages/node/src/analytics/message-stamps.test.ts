import { describe, expect, it, vi } from 'vitest'
import { UUID_LENGTH, UuidSource, createIsoClock } from './message-stamps.js'

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

describe('UuidSource', () => {
  it('returns distinct version-4 UUIDs across several batches, as strings or written bytes', () => {
    const source = new UuidSource()
    const bytes = Buffer.alloc(UUID_LENGTH + 2)
    const ids = Array.from({ length: 1000 }, (_, index) => {
      if (index % 2 === 0) return source.next()
      source.writeInto(bytes, 1)
      return bytes.toString('latin1', 1, 1 + UUID_LENGTH)
    })
    for (const id of ids) expect(id).toMatch(UUID_V4)
    expect(new Set(ids).size).toBe(ids.length)
    // Only the id's own bytes are written.
    expect([bytes[0], bytes[UUID_LENGTH + 1]]).toEqual([0, 0])
  })

  it('gives independent sequences to separate sources', () => {
    const [a, b] = [new UuidSource(), new UuidSource()]
    expect(a.next()).not.toBe(b.next())
  })
})

describe('createIsoClock', () => {
  it('returns the current time in ISO 8601 and follows the clock', () => {
    vi.useFakeTimers({ now: new Date('2024-05-01T10:00:00.000Z') })
    try {
      const now = createIsoClock()
      expect(now()).toBe('2024-05-01T10:00:00.000Z')
      vi.advanceTimersByTime(1)
      expect(now()).toBe('2024-05-01T10:00:00.001Z')
    } finally {
      vi.useRealTimers()
    }
  })
})
