import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { MESSAGE_TYPES, messageSchemas } from '@itinera/core'
import { acceptCleanMessage, isCleanCall } from './fast-path.js'

// Values chosen to hit every branch of both validators: valid, blank, null, wrong types.
const loose = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.constantFrom(
    '',
    ' ',
    'u1',
    'Order Completed',
    '2024-05-01T12:00:00.000Z',
    '2024-02-30T00:00:00Z',
  ),
  fc.integer(),
  fc.boolean(),
  fc.constant([]),
  fc.constant({}),
  fc.dictionary(fc.constantFrom('a', 'email', 'name'), fc.oneof(fc.string(), fc.integer())),
)
// Mostly well-formed values, sometimes anything: both validators must agree either way.
const mostly = <T>(good: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 12, arbitrary: good }, { weight: 1, arbitrary: loose })
const text = mostly(fc.constantFrom(undefined, 'u1', 'Order Completed', 'https://x.test/a'))
// Ids are often numbers in back-end code; the schemas read finite ones as strings.
const id = mostly(
  fc.oneof(text, fc.integer(), fc.double(), fc.constantFrom(0, -1, 1.5, NaN, Infinity)),
)
const time = mostly(fc.constantFrom(undefined, '2024-05-01T12:00:00.000Z', '2024-05-01'))
const object = mostly(fc.constantFrom(undefined, {}, { a: 1, email: 'x@y.z' }))
const context = mostly(
  fc.record(
    {
      library: mostly(fc.record({ name: text, version: text }, { requiredKeys: [] })),
      page: mostly(fc.record({ url: text, title: text }, { requiredKeys: [] })),
      device: mostly(fc.record({ id: text, type: text }, { requiredKeys: [] })),
      ip: text,
      channel: text,
      traits: object,
      externalIds: mostly(
        fc.array(fc.record({ id: text, type: text, collection: text }, { requiredKeys: [] })),
      ),
      extra: loose,
    },
    { requiredKeys: [] },
  ),
)
const message = fc.record(
  {
    type: fc.constantFrom(...MESSAGE_TYPES),
    messageId: text,
    timestamp: time,
    sentAt: time,
    userId: id,
    anonymousId: id,
    previousId: id,
    groupId: id,
    event: text,
    name: text,
    properties: object,
    traits: object,
    integrations: object,
    context,
    custom: loose,
  },
  { requiredKeys: ['type'] },
)

describe('acceptCleanMessage', () => {
  it('accepts only what the schemas accept, with the same result', () => {
    let accepted = 0
    fc.assert(
      fc.property(message, (input) => {
        const fast = acceptCleanMessage(input, input.type)
        if (fast === undefined) return
        accepted++
        const parsed = messageSchemas[input.type].safeParse(input)
        expect(parsed.success).toBe(true)
        expect(fast).toEqual(parsed.data)
      }),
      { numRuns: 5000 },
    )
    // The generator must reach the fast path often enough for the comparison to mean something.
    expect(accepted).toBeGreaterThan(50)
  })

  it('takes a typical well-formed message', () => {
    const input = {
      type: 'track' as const,
      event: 'Product Viewed',
      anonymousId: 'a1',
      properties: { sku: 'x' },
      context: { library: { name: 'analytics.js', version: '2' }, page: { url: 'https://x' } },
    }
    expect(acceptCleanMessage(input, 'track')).toEqual(input)
  })

  it('reads finite numeric ids as strings, as the schemas do', () => {
    expect(acceptCleanMessage({ type: 'identify', userId: 42 }, 'identify')).toEqual({
      type: 'identify',
      userId: '42',
    })
    expect(acceptCleanMessage({ type: 'group', userId: 'u', groupId: 7 }, 'group')).toEqual({
      type: 'group',
      userId: 'u',
      groupId: '7',
    })
    expect(acceptCleanMessage({ type: 'identify', userId: NaN }, 'identify')).toBeUndefined()
  })

  it('copies the input unless the caller owns it', () => {
    const input = { type: 'identify', userId: 42, traits: { plan: 'pro' } }
    const copied = acceptCleanMessage(input, 'identify')
    expect(copied).not.toBe(input)
    expect(input.userId).toBe(42)
    const owned = acceptCleanMessage(input, 'identify', true)
    expect(owned).toBe(input)
    expect(owned).toEqual({ type: 'identify', userId: '42', traits: { plan: 'pro' } })
  })

  it('leaves nulls to the schemas', () => {
    expect(
      acceptCleanMessage({ type: 'identify', userId: 'u', traits: null }, 'identify'),
    ).toBeUndefined()
  })
})

describe('isCleanCall', () => {
  it('accepts a call only when its stamped message is clean and needs no conversion', () => {
    let accepted = 0
    fc.assert(
      fc.property(message, (input) => {
        const { type, ...call } = input
        if (!isCleanCall(call, type)) return
        accepted++
        const stamped = {
          ...call,
          type,
          messageId: call.messageId ?? 'b8a1c6a2-4c1e-4f3a-9d7e-0a1b2c3d4e5f',
          timestamp: call.timestamp ?? '2024-05-01T12:00:00.000Z',
        }
        expect(acceptCleanMessage(stamped, type)).toEqual(stamped)
        expect(messageSchemas[type].safeParse(stamped).data).toEqual(stamped)
      }),
      { numRuns: 5000 },
    )
    expect(accepted).toBeGreaterThan(50)
  })

  it('leaves numeric ids and Date timestamps to the message path', () => {
    expect(isCleanCall({ userId: 'u1', event: 'Order Completed' }, 'track')).toBe(true)
    expect(isCleanCall({ userId: 42, event: 'Order Completed' }, 'track')).toBe(false)
    expect(isCleanCall({ userId: 'u1', event: 'E', timestamp: new Date() }, 'track')).toBe(false)
  })
})
