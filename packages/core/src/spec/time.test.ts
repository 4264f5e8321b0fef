import { describe, expect, it } from 'vitest'
import { correctTimestamp, isIsoTimestamp, parseTimestamp } from '@itinera/core'

describe('isIsoTimestamp', () => {
  it.each([
    '2024-05-01',
    '2024-05-01T12:30:00Z',
    '2024-05-01T12:30:00.123+02:00',
    '2024-05-01T12:30',
  ])('accepts %s', (value) => expect(isIsoTimestamp(value)).toBe(true))

  it.each(['yesterday', '2024-13-01T00:00:00Z', '1714566600000', '', 'Wed May 01 2024'])(
    'rejects %s',
    (value) => expect(isIsoTimestamp(value)).toBe(false),
  )
})

describe('parseTimestamp', () => {
  it('reads Dates and ISO strings and refuses invalid ones', () => {
    expect(parseTimestamp(new Date(0))).toBe(0)
    expect(parseTimestamp('1970-01-01T00:00:01Z')).toBe(1000)
    expect(parseTimestamp(new Date('nope'))).toBeUndefined()
    expect(parseTimestamp(undefined)).toBeUndefined()
  })
})

describe('correctTimestamp', () => {
  const receivedAt = '2024-05-01T12:00:10.000Z'

  it('moves the event onto the server clock by the measured skew', () => {
    // The client's clock runs 1 hour behind: it sent at 11:00:09 what happened at 11:00:00.
    const result = correctTimestamp({
      timestamp: '2024-05-01T11:00:00.000Z',
      sentAt: '2024-05-01T11:00:09.000Z',
      receivedAt,
    })
    expect(result).toEqual({
      timestamp: '2024-05-01T12:00:01.000Z',
      originalTimestamp: '2024-05-01T11:00:00.000Z',
      skewMs: 3_601_000,
      skewApplied: true,
      clamped: false,
    })
  })

  it('keeps the client timestamp when the skew is within the tolerance', () => {
    // 46 ms "skew" that is really the request's time in transit.
    const input = {
      timestamp: '2024-05-01T12:00:09.900Z',
      sentAt: '2024-05-01T12:00:09.954Z',
      receivedAt,
    }
    expect(correctTimestamp(input, { toleranceMs: 2000 })).toMatchObject({
      timestamp: '2024-05-01T12:00:09.900Z',
      skewMs: 46,
      skewApplied: false,
    })
    expect(correctTimestamp(input).timestamp).toBe('2024-05-01T12:00:09.946Z')
  })

  it('keeps two batches of one device in client order when transit times differ', () => {
    const first = correctTimestamp(
      {
        timestamp: '2024-05-01T12:00:00.000Z',
        sentAt: '2024-05-01T12:00:00.000Z',
        receivedAt: '2024-05-01T12:00:00.050Z',
      },
      { toleranceMs: 2000 },
    )
    const second = correctTimestamp(
      {
        timestamp: '2024-05-01T12:00:00.010Z',
        sentAt: '2024-05-01T12:00:00.070Z',
        receivedAt: '2024-05-01T12:00:00.075Z',
      },
      { toleranceMs: 2000 },
    )
    expect(first.timestamp < second.timestamp).toBe(true)
  })

  it('keeps the client timestamp when sentAt is missing or invalid', () => {
    const timestamp = '2024-05-01T11:59:00.000Z'
    expect(correctTimestamp({ timestamp, receivedAt }).timestamp).toBe(timestamp)
    expect(correctTimestamp({ timestamp, sentAt: 'garbage', receivedAt }).skewMs).toBe(0)
  })

  it('uses receivedAt when the timestamp is missing or invalid', () => {
    expect(correctTimestamp({ receivedAt }).timestamp).toBe(receivedAt)
    expect(correctTimestamp({ timestamp: 'not a date', receivedAt })).toMatchObject({
      timestamp: receivedAt,
      originalTimestamp: 'not a date',
    })
  })

  it('clamps an event that would land in the future to receivedAt', () => {
    const result = correctTimestamp({ timestamp: '2030-01-01T00:00:00.000Z', receivedAt })
    expect(result).toMatchObject({ timestamp: receivedAt, clamped: true })
  })

  it('accepts receivedAt as epoch milliseconds and rejects an invalid one', () => {
    expect(correctTimestamp({ receivedAt: 0 }).timestamp).toBe('1970-01-01T00:00:00.000Z')
    expect(() => correctTimestamp({ receivedAt: 'never' })).toThrow(RangeError)
  })
})
