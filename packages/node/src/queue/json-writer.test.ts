import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { NOT_WRITTEN, createJsonEncoder, type CallStamps } from './json-writer.js'

const encoder = createJsonEncoder()

/** The encoder's output as a string, or -1 when it did not fit. */
function encode(value: object, maxBytes = 1 << 20): string | -1 {
  const buffer = Buffer.alloc(maxBytes + 16, 0xff)
  const bytes = encoder.write(value, buffer, 8, maxBytes)
  return bytes < 0 ? -1 : buffer.toString('utf8', 8, 8 + bytes)
}

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c))
const text = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.string({ unit: 'binary' }),
  fc.string({
    unit: fc.oneof(fc.constantFrom('"', '\\', '\n', '\u0000', '\u007f', '\u2028'), loneSurrogate),
  }),
)
const number = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.constantFrom(0, -0, 2 ** 31, -(2 ** 31), 2 ** 31 - 1, 1e21, 1e-7, Number.MAX_SAFE_INTEGER),
)
const leaf = fc.oneof(
  text,
  number,
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.constant(() => 1),
  fc.constant(Symbol('s')),
  fc.date({ noInvalidDate: false }),
  fc.constant({ toJSON: (key: string) => `key:${key}` }),
  fc.constant({ toJSON: () => undefined }),
  fc.constant({ toJSON: () => ({ nested: [1, { toJSON: () => 2 }] }) }),
  fc.constant(new Number(4)),
  fc.constant(new Map([[1, 2]])),
)
const { value: json } = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, leaf, tie('array'), tie('object')),
  array: fc.array(tie('value'), { maxLength: 5 }),
  object: fc.dictionary(
    fc.oneof(text, fc.constantFrom('1', '0', '__proto__', 'toJSON')),
    tie('value'),
    {
      maxKeys: 5,
    },
  ),
}))

describe('createJsonEncoder', () => {
  it('writes exactly what JSON.stringify produces', () => {
    fc.assert(
      fc.property(json, (value) => {
        const wrapped = { value }
        expect(encode(wrapped)).toBe(JSON.stringify(wrapped))
        expect(JSON.parse(encode(wrapped) as string)).toEqual(JSON.parse(JSON.stringify(wrapped)))
      }),
      { numRuns: 2000 },
    )
  })

  it('returns -1 exactly when the JSON is longer than the room given', () => {
    fc.assert(
      fc.property(json, fc.integer({ min: 0, max: 200 }), (value, maxBytes) => {
        const wrapped = { value }
        const size = Buffer.byteLength(JSON.stringify(wrapped))
        expect(encode(wrapped, maxBytes)).toBe(size <= maxBytes ? JSON.stringify(wrapped) : -1)
      }),
      { numRuns: 2000 },
    )
  })

  it('never writes outside the room given', () => {
    const buffer = Buffer.alloc(64, 0xff)
    expect(encoder.write({ text: 'x'.repeat(100), n: [1, 2, 3] }, buffer, 10, 20)).toBe(-1)
    expect([...buffer.subarray(0, 10), ...buffer.subarray(30)].every((b) => b === 0xff)).toBe(true)
  })

  it('serializes deep nesting, class instances and holes like JSON.stringify', () => {
    let deep: unknown = 'bottom'
    for (let i = 0; i < 200; i++) deep = { next: deep }
    class Point {
      constructor(
        public x: number,
        public y: number,
      ) {}
    }
    const holes: unknown[] = new Array(3)
    holes[1] = 'middle'
    const values = [
      { deep },
      { point: new Point(1, 2), holes, typed: new Uint8Array([1, 2]) },
      Object.assign(Object.create(null) as object, { a: 1 }),
      { toJSON: () => new Date(0) },
      { toJSON: () => ({ a: 1, b: undefined }) },
      { n: [NaN, Infinity, -Infinity, 1.5e300, 5e-324] },
    ]
    for (const value of values) expect(encode(value)).toBe(JSON.stringify(value))
  })

  it('throws what JSON.stringify throws for cycles and BigInt', () => {
    const cyclic: Record<string, unknown> = {}
    cyclic.self = cyclic
    expect(() => encode(cyclic)).toThrow(/circular/)
    expect(() => encode({ n: 1n })).toThrow(/BigInt/)
    expect(() => encode({ toJSON: () => undefined })).toThrow(TypeError)
  })
})

/** Ids in the order a source hands them out. */
function sequentialIds() {
  let next = 0
  return {
    writeInto(target: Buffer, offset: number) {
      target.write(`00000000-0000-4000-8000-${String(next++).padStart(12, '0')}`, offset, 'latin1')
    },
  }
}

/** What {@link JsonEncoder.writeCall} wrote, or its code when it wrote nothing. */
function encodeCall(call: Record<string, unknown>, stamps: CallStamps, maxBytes = 1 << 20) {
  const buffer = Buffer.alloc(maxBytes + 16, 0xff)
  const bytes = encoder.writeCall(call, stamps, buffer, 8, maxBytes)
  return bytes < 0 ? bytes : buffer.toString('utf8', 8, 8 + bytes)
}

describe('writeCall', () => {
  const call = fc.dictionary(
    fc.oneof(fc.string(), fc.constantFrom('type', 'messageId', 'timestamp', 'userId', '__proto__')),
    json,
    { maxKeys: 6 },
  )

  it('writes the message the stamped call makes, as JSON.stringify writes it', () => {
    let written = 0
    fc.assert(
      fc.property(call, fc.boolean(), (fields, withId) => {
        if (withId) fields.messageId = 'given-id'
        const stamps = {
          type: 'track',
          timestamp: '2024-05-01T10:00:00.000Z',
          ids: sequentialIds(),
        }
        const text = encodeCall(fields, stamps)
        let expected: string | undefined
        try {
          expected = JSON.stringify({
            ...fields,
            type: 'track',
            messageId:
              typeof fields.messageId === 'string'
                ? fields.messageId
                : '00000000-0000-4000-8000-000000000000',
            timestamp: typeof fields.timestamp === 'string' ? fields.timestamp : stamps.timestamp,
          })
        } catch {
          // Cycles and BigInt cannot happen here; a throwing toJSON can, and is left to the caller.
        }
        if (text === NOT_WRITTEN) return
        written++
        expect(JSON.parse(text as string)).toEqual(JSON.parse(expected as string))
      }),
      { numRuns: 2000 },
    )
    expect(written).toBeGreaterThan(1000)
  })

  it('stamps a call without a messageId or timestamp, and keeps the ones it gives', () => {
    const stamps = { type: 'identify', timestamp: '2024-05-01T10:00:00.000Z', ids: sequentialIds() }
    expect(JSON.parse(encodeCall({ userId: 'u1', type: 'track' }, stamps) as string)).toEqual({
      type: 'identify',
      messageId: '00000000-0000-4000-8000-000000000000',
      timestamp: '2024-05-01T10:00:00.000Z',
      userId: 'u1',
    })
    const given = { userId: 'u1', messageId: 'm1', timestamp: '2023-01-01T00:00:00.000Z' }
    expect(JSON.parse(encodeCall(given, stamps) as string)).toMatchObject(given)
  })

  it('returns -1 when the message is longer than the room, and writes nothing outside it', () => {
    const stamps = { type: 'track', timestamp: '2024-05-01T10:00:00.000Z', ids: sequentialIds() }
    const buffer = Buffer.alloc(200, 0xff)
    expect(encoder.writeCall({ note: 'x'.repeat(100) }, stamps, buffer, 10, 100)).toBe(-1)
    expect([...buffer.subarray(0, 10), ...buffer.subarray(110)].every((b) => b === 0xff)).toBe(true)
  })

  it('leaves to the built message what only JSON.stringify of it can write', () => {
    const stamps = { type: 'track', timestamp: '2024-05-01T10:00:00.000Z', ids: sequentialIds() }
    const cyclic: Record<string, unknown> = {}
    cyclic.self = cyclic
    expect(encodeCall({ properties: cyclic }, stamps)).toBe(NOT_WRITTEN)
    expect(encodeCall({ n: 1n }, stamps)).toBe(NOT_WRITTEN)
    expect(encodeCall({ toJSON: () => ({}) }, stamps)).toBe(NOT_WRITTEN)
  })
})
