import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { cyrb53, profileIdFor, profileIdOfHash } from './hash.js'

describe('profile ids', () => {
  it('keeps the profile ids that earlier versions stored', () => {
    expect(profileIdFor('m1')).toBe('prof_0qmyn1cvxgw')
    expect(profileIdFor('')).toBe('prof_0wvjl67o803')
    expect(profileIdFor('c1b2a3f4-0000-4000-8000-000000000001')).toBe('prof_1lmxjf6uhlc')
    expect(profileIdFor('ünïcødé 🚀')).toBe('prof_1gtscbly9hv')
  })

  it('renders cyrb53 in base 36, zero-padded to 11 characters, as the id of its message', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        const id = profileIdOfHash(cyrb53(text))
        expect(id).toBe(`prof_${cyrb53(text).toString(36).padStart(11, '0')}`)
        expect(id).toBe(profileIdFor(text))
      }),
      { numRuns: 2000 },
    )
    expect(profileIdOfHash(0)).toBe('prof_00000000000')
    expect(profileIdOfHash(2 ** 53 - 1)).toBe(
      `prof_${(2 ** 53 - 1).toString(36).padStart(11, '0')}`,
    )
  })
})
