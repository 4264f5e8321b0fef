import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ringAdd, ringJoin, ringMembers } from './rings.js'

describe('rings', () => {
  it('hold exactly the items added to them and joined into them', () => {
    // Random sequences of "add item to ring r" and "join ring r into ring s".
    const step = fc.oneof(
      fc.record({ add: fc.integer({ min: 0, max: 4 }) }),
      fc.record({ join: fc.tuple(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 4 })) }),
    )
    fc.assert(
      fc.property(fc.array(step, { maxLength: 60 }), (steps) => {
        const next = new Int32Array(100).fill(-1)
        const entries = [-1, -1, -1, -1, -1]
        const expected: number[][] = [[], [], [], [], []]
        let item = 0
        for (const s of steps) {
          if ('add' in s) {
            entries[s.add] = ringAdd(next, entries[s.add]!, item)
            expected[s.add]!.push(item++)
          } else {
            const [into, from] = s.join
            if (into === from) continue
            entries[into] = ringJoin(next, entries[into]!, entries[from]!)
            entries[from] = -1
            expected[into]!.push(...expected[from]!)
            expected[from] = []
          }
        }
        for (let r = 0; r < 5; r++) {
          const members = ringMembers(next, entries[r]!, []).sort((a, b) => a - b)
          expect(members).toEqual([...expected[r]!].sort((a, b) => a - b))
        }
      }),
    )
  })
})
