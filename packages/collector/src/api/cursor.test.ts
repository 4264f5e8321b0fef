import { describe, expect, it } from 'vitest'
import { ProfileApiError } from './api-error.js'
import { decodeCursor, encodeCursor } from './cursor.js'
import { readPageQuery } from './page-query.js'

describe('encodeCursor', () => {
  it('round-trips profile and event positions through opaque base64url tokens', () => {
    const events = encodeCursor({ kind: 'events', timestamp: '2026-01-01T10:00:00.000Z', seq: 42 })
    expect(events).toMatch(/^[A-Za-z0-9_-]+$/)
    expect(decodeCursor(events, 'events')).toEqual({
      kind: 'events',
      timestamp: '2026-01-01T10:00:00.000Z',
      seq: 42,
    })
    expect(decodeCursor(encodeCursor({ kind: 'profiles', afterSeq: 7 }), 'profiles')).toEqual({
      kind: 'profiles',
      afterSeq: 7,
    })
  })

  it('refuses a cursor of another list or garbage with a 400 naming cursor', () => {
    const profiles = encodeCursor({ kind: 'profiles', afterSeq: 7 })
    for (const text of [profiles, 'not base64!', 'e30', Buffer.from('[1]').toString('base64url')]) {
      const error = (() => {
        try {
          decodeCursor(text, 'events')
        } catch (caught) {
          return caught
        }
      })()
      expect(error).toBeInstanceOf(ProfileApiError)
      expect(error).toMatchObject({ status: 400, param: 'cursor' })
    }
  })
})

describe('readPageQuery', () => {
  it('defaults the limit to 100 and reads a cursor when given', () => {
    expect(readPageQuery(new URL('http://x/v1/profiles'), 'profiles')).toEqual({
      limit: 100,
      cursor: undefined,
    })
    const cursor = encodeCursor({ kind: 'profiles', afterSeq: 3 })
    expect(readPageQuery(new URL(`http://x/?limit=1000&cursor=${cursor}`), 'profiles')).toEqual({
      limit: 1000,
      cursor: { kind: 'profiles', afterSeq: 3 },
    })
  })

  it('answers 400 naming limit when it is not an integer from 1 to 1000', () => {
    for (const limit of ['0', '1001', '-1', '1e3', 'abc', '']) {
      expect(() => readPageQuery(new URL(`http://x/?limit=${limit}`), 'events')).toThrow(
        expect.objectContaining({ status: 400, param: 'limit' }),
      )
    }
  })
})
