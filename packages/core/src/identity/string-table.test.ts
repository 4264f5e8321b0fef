import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { cyrb53 } from './hash.js'
import { StringTable } from './string-table.js'

describe('StringTable', () => {
  it.each([
    ['as bytes', false],
    ['as strings', true],
  ])('interns pairs, keys kept %s, to dense indices in insertion order, like a Map', (_, keep) => {
    const pair = fc.tuple(fc.integer({ min: 0, max: 3 }), fc.string({ maxLength: 6 }))
    fc.assert(
      fc.property(fc.array(pair, { maxLength: 3000 }), (pairs) => {
        const table = new StringTable(1024, keep)
        const reference = new Map<string, number>()
        for (const [tag, key] of pairs) {
          const expected = reference.get(`${tag}\u0000${key}`) ?? reference.size
          reference.set(`${tag}\u0000${key}`, expected)
          expect(table.intern(key, tag)).toBe(expected)
        }
        expect(table.size).toBe(reference.size)
        for (const [name, index] of reference) {
          const [tag, key] = [
            Number(name.split('\u0000')[0]),
            name.slice(name.indexOf('\u0000') + 1),
          ]
          expect(table.find(key, tag)).toBe(index)
          expect(table.keyAt(index)).toBe(key)
          expect(table.tags[index]).toBe(tag)
        }
      }),
    )
  })

  it('interns many pairs at once exactly as one at a time, across calls and growth', () => {
    const pair = fc.tuple(fc.integer({ min: 0, max: 3 }), fc.string({ maxLength: 4 }))
    fc.assert(
      fc.property(
        fc.array(pair, { maxLength: 3000 }),
        fc.array(fc.nat(3000), { maxLength: 5 }),
        (pairs, cuts) => {
          const one = new StringTable()
          const expected = pairs.map(([tag, key]) => one.intern(key, tag))
          const many = new StringTable()
          const points = [...new Set([0, ...cuts.map((c) => c % (pairs.length + 1)), pairs.length])]
          points.sort((a, b) => a - b)
          const got: number[] = []
          for (let i = 1; i < points.length; i++) {
            const block = pairs.slice(points[i - 1], points[i])
            const out = new Int32Array(block.length)
            const tags = Uint8Array.from(block.map(([tag]) => tag))
            many.internMany(
              block.map(([, key]) => key),
              tags,
              block.length,
              out,
            )
            got.push(...out)
          }
          expect(got).toEqual(expected)
          const keysOf = (t: StringTable) => Array.from({ length: t.size }, (_, i) => t.keyAt(i))
          expect(keysOf(many)).toEqual(keysOf(one))
        },
      ),
    )
  })

  it.each([
    ['as bytes', false],
    ['as strings', true],
  ])('gives back, orders and hashes every key, kept %s, in any alphabet and length', (_, keep) => {
    const key = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.string({ unit: 'binary', maxLength: 40 }),
      fc.string({ unit: fc.constantFrom('a', 'é', '\u00ff', '\u0100', '\ud83d'), maxLength: 8 }),
      fc.string({ minLength: 250, maxLength: 300 }),
    )
    fc.assert(
      fc.property(fc.uniqueArray(key, { maxLength: 300 }), (keys) => {
        const table = new StringTable(1024, keep)
        for (const k of keys) table.intern(k)
        keys.forEach((k, i) => {
          expect(table.keyAt(i)).toBe(k)
          expect(table.find(k)).toBe(i)
          expect(table.cyrb53At(i)).toBe(cyrb53(k))
        })
        for (let a = 0; a < keys.length; a++) {
          const b = (a * 7 + 3) % keys.length
          const [ka, kb] = [keys[a]!, keys[b]!]
          expect(table.compareKeys(a, b)).toBe(ka < kb ? -1 : ka > kb ? 1 : 0)
        }
      }),
    )
  })

  it('keeps keys intact across the chunks of its byte arena', () => {
    const table = new StringTable()
    const keyOf = (i: number) => `${i}:`.padEnd(200 + (i % 56), String.fromCharCode(97 + (i % 26)))
    // About 2 MB of keys: dozens of 64 KiB chunks, keys ending near every chunk's end.
    for (let i = 0; i < 9_000; i++) expect(table.intern(keyOf(i))).toBe(i)
    for (let i = 0; i < 9_000; i++) {
      expect(table.keyAt(i)).toBe(keyOf(i))
      expect(table.find(keyOf(i))).toBe(i)
    }
    expect(table.find(keyOf(9_000))).toBe(-1)
  })

  it('tells the same key under different tags apart', () => {
    const table = new StringTable()
    expect(table.intern('ana@example.com', 1)).toBe(0)
    expect(table.intern('ana@example.com', 2)).toBe(1)
    expect(table.find('ana@example.com', 3)).toBe(-1)
  })

  it('keeps every pair findable across growth', () => {
    const table = new StringTable()
    for (let i = 0; i < 50_000; i++) table.intern(`id-${i}`, i % 5)
    for (let i = 0; i < 50_000; i += 97) expect(table.find(`id-${i}`, i % 5)).toBe(i)
    expect(table.find('id-50000', 0)).toBe(-1)
  })

  it('refuses an insert that does not follow a missed probe of the same pair', () => {
    const table = new StringTable()
    expect(() => table.insertProbed('a')).toThrow(/missed probe/)
    expect(table.probe('a')).toBe(-1)
    expect(() => table.insertProbed('b')).toThrow(/missed probe/)
    expect(table.insertProbed('a')).toBe(0)
    expect(table.probe('a')).toBe(0)
  })
})
