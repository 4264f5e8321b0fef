import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { IdentityGraph, resolveIdentities } from '@itinera/core'
import { cyrb53, profileIdOfHash } from './hash.js'
import { msg } from './messages.fixture.js'

/** The profile id of a component whose earliest message has this `messageId`. */
const profileIdFor = (messageId: string) => profileIdOfHash(cyrb53(messageId))

describe('profile ids', () => {
  it('keeps the profile ids that earlier versions stored', () => {
    expect(profileIdFor('m1')).toBe('prof_0qmyn1cvxgw')
    expect(profileIdFor('')).toBe('prof_0wvjl67o803')
    expect(profileIdFor('c1b2a3f4-0000-4000-8000-000000000001')).toBe('prof_1lmxjf6uhlc')
    expect(profileIdFor('ünïcødé 🚀')).toBe('prof_1gtscbly9hv')
  })

  it('names a profile after its earliest message in the batch and in the graph', () => {
    // The graph hashes its stored bytes, or the string for ids beyond Latin-1; the batch hashes
    // the input's strings.
    for (const [id, expected] of [
      ['m1', 'prof_0qmyn1cvxgw'],
      ['c1b2a3f4-0000-4000-8000-000000000001', 'prof_1lmxjf6uhlc'],
      ['ünïcødé 🚀', 'prof_1gtscbly9hv'],
    ] as const) {
      const messages = [
        msg({ id, minute: 0, anonymousId: 'a1' }),
        msg({ id: 'z', minute: 1, anonymousId: 'a1' }),
      ]
      expect(resolveIdentities(messages).map((p) => p.id)).toEqual([expected])
      const graph = new IdentityGraph()
      for (const message of [...messages].reverse()) graph.ingest(message)
      expect(graph.profiles().map((p) => p.id)).toEqual([expected])
    }
  })

  it('renders cyrb53 in base 36, zero-padded to 11 characters, as the id of its message', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        const id = profileIdOfHash(cyrb53(text))
        expect(id).toBe(`prof_${cyrb53(text).toString(36).padStart(11, '0')}`)
      }),
      { numRuns: 2000 },
    )
    expect(profileIdOfHash(0)).toBe('prof_00000000000')
    expect(profileIdOfHash(2 ** 53 - 1)).toBe(
      `prof_${(2 ** 53 - 1).toString(36).padStart(11, '0')}`,
    )
  })
})
