import { describe, expect, it, vi } from 'vitest'
import { createIsoClock, createUuidGenerator } from './message-stamps.js'

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

describe('createUuidGenerator', () => {
  it('returns distinct version-4 UUIDs across several batches', () => {
    const next = createUuidGenerator()
    const ids = Array.from({ length: 1000 }, next)
    for (const id of ids) expect(id).toMatch(UUID_V4)
    expect(new Set(ids).size).toBe(ids.length)
  })

  it('gives independent sequences to separate generators', () => {
    const [a, b] = [createUuidGenerator(), createUuidGenerator()]
    expect(a()).not.toBe(b())
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
