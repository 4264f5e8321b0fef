import fc from 'fast-check'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { installBrowser } from '../test-env'
import { createIdentity } from './identity'

afterEach(() => {
  vi.unstubAllGlobals()
})

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

type Step =
  | { op: 'identify'; id?: string; traits?: Record<string, string> }
  | { op: 'reset' }
  | { op: 'reload' }
  | { op: 'wipeCookies' }

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record(
    {
      op: fc.constant('identify' as const),
      id: fc.constantFrom('u1', 'u2', 'u3'),
      traits: fc.dictionary(fc.constantFrom('plan', 'role'), fc.string({ maxLength: 3 })),
    },
    { requiredKeys: ['op'] },
  ),
  fc.constant({ op: 'reset' as const }),
  fc.constant({ op: 'reload' as const }),
  fc.constant({ op: 'wipeCookies' as const }),
)

describe('createIdentity', () => {
  it('keeps ids consistent through identify, reset, reloads and wiped cookies', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 25 }), (steps) => {
        const env = installBrowser()
        let identity = createIdentity(undefined, true)
        let expectedUser: string | undefined
        let anonymousId = identity.get().anonymousId
        for (const s of steps) {
          if (s.op === 'identify') {
            identity.setUser(s.id, s.traits)
            expectedUser = s.id ?? expectedUser
          } else if (s.op === 'reset') {
            identity.reset()
            expectedUser = undefined
            expect(identity.get().anonymousId).not.toBe(anonymousId)
            anonymousId = identity.get().anonymousId
          } else if (s.op === 'wipeCookies') {
            env.jar.clear()
          } else {
            identity = createIdentity(undefined, true)
          }
          const user = identity.get()
          // The anonymous id only changes on reset, whatever storage loses.
          expect(user.anonymousId).toBe(anonymousId)
          expect(user.anonymousId).toMatch(UUID)
          expect(user.userId).toBe(expectedUser)
          if (s.op !== 'wipeCookies') expect(env.jar.get('itn_aid')).toBe(anonymousId)
        }
      }),
      { numRuns: 200 },
    )
  })

  it('writes nothing while persistence is not allowed, and everything once it is', () => {
    const env = installBrowser()
    const identity = createIdentity(undefined, false)
    identity.setUser('u1', { plan: 'pro' })
    expect(env.jar.size).toBe(0)
    expect(env.localStorage.length).toBe(0)
    identity.persist(true)
    expect(env.jar.get('itn_uid')).toBe('u1')
    expect(JSON.parse(env.localStorage.getItem('itn_traits')!)).toEqual({ plan: 'pro' })
  })
})
