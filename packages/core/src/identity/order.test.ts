import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { parseTime } from './order.js'

describe('parseTime', () => {
  it('agrees with Date.parse on collector timestamps', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1970-01-01'), max: new Date('9999-12-31'), noInvalidDate: true }),
        (date) => {
          const text = date.toISOString()
          expect(parseTime(text)).toBe(Date.parse(text))
        },
      ),
      { numRuns: 2000 },
    )
  })

  it('falls back to Date.parse for other ISO forms', () => {
    expect(parseTime('2024-05-01T10:00:00+02:00')).toBe(Date.parse('2024-05-01T08:00:00.000Z'))
    expect(parseTime('2024-05-01T10:00:00Z')).toBe(Date.parse('2024-05-01T10:00:00.000Z'))
  })

  it('sorts unparseable times first', () => {
    expect(parseTime('yesterday')).toBe(Number.NEGATIVE_INFINITY)
    expect(parseTime('2024-13-45T10:00:00.000Z')).toBe(Number.NEGATIVE_INFINITY)
  })
})
