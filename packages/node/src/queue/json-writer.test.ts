import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createJsonEncoder } from './json-writer.js'

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
