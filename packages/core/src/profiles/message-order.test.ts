import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { messageIdOf, messageTime, orderMessages, type Message } from '@itinera/core'
// An internal fast path, tested directly: it must agree with Date.parse.
import { parseCanonicalIso } from './message-order.js'

describe('parseCanonicalIso', () => {
  it('agrees with Date.parse on every canonical timestamp', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('0001-01-01T00:00:00.000Z'),
          max: new Date('9999-12-31T23:59:59.999Z'),
          noInvalidDate: true,
        }),
        (date) => {
          const text = date.toISOString()
          expect(parseCanonicalIso(text)).toBe(Date.parse(text))
        },
      ),
    )
  })

  it('returns NaN for other forms and impossible dates', () => {
    for (const text of [
      '2024-02-30T00:00:00.000Z',
      '2023-02-29T00:00:00.000Z',
      '2024-13-01T00:00:00.000Z',
      '2024-01-01T24:00:00.000Z',
      '2024-01-01T00:00:00Z',
      '2024-01-01T00:00:00.000+01:00',
      '2024-01-01 00:00:00.000Z',
      '2024-0a-01T00:00:00.000Z',
    ]) {
      expect(parseCanonicalIso(text)).toBeNaN()
    }
    expect(parseCanonicalIso('2024-02-29T12:00:00.000Z')).toBe(
      Date.parse('2024-02-29T12:00:00.000Z'),
    )
  })
})

describe('orderMessages', () => {
  const message = (id: string | undefined, timestamp: string, event = 'X') =>
    ({ type: 'track', event, userId: 'u', messageId: id, timestamp }) as unknown as Message

  it('parses non-canonical timestamps with Date.parse', () => {
    const ordered = orderMessages([
      message('a', '2024-01-01T01:00:00+01:00'),
      message('b', '2024-01-01T00:30:00.000Z'),
    ])
    expect(ordered.map((entry) => entry.messageId)).toEqual(['a', 'b'])
  })

  it('keeps one copy of a duplicated id at the same time whatever the arrival order', () => {
    const one = message('a', '2024-01-01T00:00:00.000Z', 'One')
    const two = message('a', '2024-01-01T00:00:00.000Z', 'Two')
    const kept = orderMessages([one, two])
    expect(kept).toHaveLength(1)
    expect(orderMessages([two, one])[0]?.message).toBe(kept[0]?.message)
  })

  it('drops later duplicates in large profiles too', () => {
    const many = Array.from({ length: 40 }, (_, i) =>
      message(`m${i % 20}`, new Date(Date.UTC(2024, 0, 1, 0, i)).toISOString()),
    )
    const ordered = orderMessages(many)
    expect(ordered).toHaveLength(20)
    expect(ordered[19]?.message.timestamp).toBe('2024-01-01T00:19:00.000Z')
  })
})

describe('messageTime', () => {
  const at = (timestamp: unknown) =>
    ({ type: 'track', event: 'X', timestamp }) as unknown as Message

  it('falls back to Date.parse for other ISO forms', () => {
    expect(messageTime(at('2024-05-01T10:00:00+02:00'))).toBe(
      Date.parse('2024-05-01T08:00:00.000Z'),
    )
    expect(messageTime(at('2024-05-01T10:00:00Z'))).toBe(Date.parse('2024-05-01T10:00:00.000Z'))
  })

  it('sorts untimed and unparseable messages first, at 0', () => {
    expect(messageTime(at(undefined))).toBe(0)
    expect(messageTime(at('yesterday'))).toBe(0)
    expect(messageTime(at('2024-13-45T10:00:00.000Z'))).toBe(0)
  })
})

describe('messageIdOf', () => {
  it('derives one content id for copies of a message without messageId, whatever the key order', () => {
    const a = { type: 'track', event: 'X', userId: 'u', messageId: '' } as unknown as Message
    const b = { messageId: '', userId: 'u', event: 'X', type: 'track' } as unknown as Message
    expect(messageIdOf(a)).toMatch(/^h_[0-9a-f]{16}$/)
    expect(messageIdOf(a)).toBe(messageIdOf(b))
    expect(messageIdOf({ ...a, messageId: 'm1' })).toBe('m1')
  })
})
