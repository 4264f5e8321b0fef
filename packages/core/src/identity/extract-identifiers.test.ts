import { describe, expect, it } from 'vitest'
import { ConfigError, extractIdentifiers } from '@itinera/core'
import type { Message } from '@itinera/core'
import { msg } from './messages.fixture.js'

const values = (message: Message, options?: Parameters<typeof extractIdentifiers>[1]) =>
  extractIdentifiers(message, options).identifiers.map((i) => `${i.type}:${i.value}`)

describe('extractIdentifiers', () => {
  it('reads every built-in location in priority order', () => {
    const message = {
      type: 'identify',
      messageId: 'm1',
      userId: ' u1 ',
      anonymousId: 'a1',
      traits: { email: ' Ann@Example.COM ', phone: '+1 (415) 555-2671' },
      context: {
        traits: { email: 'ann.work@example.org' },
        device: { id: 'dev-1' },
        externalIds: [{ id: 'cus_9', type: 'Stripe_Customer_ID', collection: 'users' }],
      },
    } as unknown as Message
    expect(values(message)).toEqual([
      'user_id:u1',
      'email:ann@example.com',
      'email:ann.work@example.org',
      'phone:+14155552671',
      'device_id:dev-1',
      'anonymous_id:a1',
      'stripe_customer_id:cus_9',
    ])
  })

  it('keeps the raw value and its source beside the normalized one', () => {
    const [first] = extractIdentifiers(msg({ id: 'm', minute: 0, userId: ' u1 ' })).identifiers
    expect(first).toEqual({ type: 'user_id', value: 'u1', raw: ' u1 ', source: 'userId' })
  })

  it('keeps user id case but lower-cases emails', () => {
    expect(values(msg({ id: 'm', minute: 0, userId: 'User-1', email: 'A@B.io' }))).toEqual([
      'user_id:User-1',
      'email:a@b.io',
    ])
  })

  it('ignores group traits', () => {
    expect(
      values(msg({ id: 'm', minute: 0, type: 'group', userId: 'u1', email: 'corp@x.io' })),
    ).toEqual(['user_id:u1'])
  })

  it('links alias previousId as an anonymous id with userId', () => {
    expect(
      values(msg({ id: 'm', minute: 0, type: 'alias', userId: 'u1', previousId: 'anon-7' })),
    ).toEqual(['user_id:u1', 'anonymous_id:anon-7'])
  })

  it.each([
    '',
    '   ',
    'null',
    'NULL',
    'undefined',
    'nil',
    'None',
    'NaN',
    '0',
    '-1',
    '00000000-0000-0000-0000-000000000000',
    'anonymous',
    'Guest',
    'unknown',
    'invalid',
    '[object Object]',
    'true',
    'false',
  ])('blocks the placeholder %j for any type', (value) => {
    const result = extractIdentifiers(msg({ id: 'm', minute: 0, userId: value, anonymousId: 'a1' }))
    expect(result.identifiers.map((i) => i.type)).toEqual(['anonymous_id'])
    expect(result.rejected).toEqual([
      { type: 'user_id', raw: value, source: 'userId', reason: 'blocked' },
    ])
  })

  it('blocks well-known junk emails and rejects malformed ones', () => {
    const junk = extractIdentifiers(
      msg({ id: 'm', minute: 0, userId: 'u1', email: 'Test@Test.com' }),
    )
    expect(junk.rejected).toEqual([
      { type: 'email', raw: 'Test@Test.com', source: 'traits.email', reason: 'blocked' },
    ])
    const malformed = extractIdentifiers(
      msg({ id: 'm', minute: 0, userId: 'u1', email: 'not an email' }),
    )
    expect(malformed.rejected[0]?.reason).toBe('invalid')
  })

  it('applies configured blocked values and patterns per type', () => {
    const options = {
      blocked: ['abc123'],
      types: { anonymous_id: { blockedPatterns: ['^dev-'] }, user_id: { blocked: ['Admin'] } },
    }
    expect(
      values(msg({ id: 'm', minute: 0, userId: 'admin', anonymousId: 'dev-1' }), options),
    ).toEqual([])
    expect(
      values(msg({ id: 'm', minute: 0, userId: 'ABC123', anonymousId: 'a1' }), options),
    ).toEqual(['anonymous_id:a1'])
  })

  it('rejects values longer than maxValueLength', () => {
    const result = extractIdentifiers(msg({ id: 'm', minute: 0, userId: 'x'.repeat(30) }), {
      maxValueLength: 20,
    })
    expect(result.rejected[0]?.reason).toBe('too_long')
  })

  it('normalizes national phone numbers with the default country', () => {
    const message = msg({ id: 'm', minute: 0, userId: 'u1', phone: '(415) 555-2671' })
    expect(values(message)).toEqual(['user_id:u1'])
    expect(extractIdentifiers(message).rejected[0]?.reason).toBe('invalid')
    expect(values(message, { phone: { defaultCountry: 'US' } })).toEqual([
      'user_id:u1',
      'phone:+14155552671',
    ])
    expect(
      values(msg({ id: 'm', minute: 0, phone: '020 7946 0018' }), {
        phone: { defaultCountry: 'GB' },
      }),
    ).toEqual(['phone:+442079460018'])
  })

  it('canonicalizes gmail addresses only when asked', () => {
    const message = msg({ id: 'm', minute: 0, email: 'Ann.Lee+shop@GoogleMail.com' })
    expect(values(message)).toEqual(['email:ann.lee+shop@googlemail.com'])
    expect(values(message, { email: { canonicalize: 'provider' } })).toEqual([
      'email:annlee@gmail.com',
    ])
  })

  it('reads custom types from configuration with their own normalization', () => {
    const message = msg({
      id: 'm',
      minute: 0,
      externalIds: [{ id: ' LOY-42 ', type: 'loyalty_id' }],
    })
    expect(values(message, { types: { loyalty_id: { normalize: 'lowercase' } } })).toEqual([
      'loyalty_id:loy-42',
    ])
  })

  it('drops a value repeated in two locations', () => {
    expect(values(msg({ id: 'm', minute: 0, email: 'a@b.io', contextEmail: 'A@b.io' }))).toEqual([
      'email:a@b.io',
    ])
  })
})

describe('identity options', () => {
  it('throws a ConfigError naming each bad field', () => {
    const bad = () =>
      extractIdentifiers(msg({ id: 'm', minute: 0 }), {
        maxIdentifiers: 0,
        types: { 'Bad Type': {}, email: { limit: -1 } },
        phone: { defaultCountry: 'usa' },
      } as never)
    expect(bad).toThrow(ConfigError)
    try {
      bad()
    } catch (error) {
      expect((error as ConfigError).issues).toMatchInlineSnapshot(`
        [
          {
            "message": "Too small: expected number to be >=1",
            "path": "types.email.limit",
          },
          {
            "message": "type names are lower-case letters, digits and _ . : -",
            "path": "types.Bad Type",
          },
          {
            "message": "must be an ISO 3166 alpha-2 code such as US",
            "path": "phone.defaultCountry",
          },
          {
            "message": "Too small: expected number to be >=1",
            "path": "maxIdentifiers",
          },
        ]
      `)
    }
  })

  it('rejects unknown option keys and invalid patterns', () => {
    expect(() => extractIdentifiers(msg({ id: 'm', minute: 0 }), { limits: {} } as never)).toThrow(
      /invalid identity options/,
    )
    expect(() =>
      extractIdentifiers(msg({ id: 'm', minute: 0 }), {
        types: { email: { blockedPatterns: ['('] } },
      }),
    ).toThrow(/valid regular expression/)
  })
})
