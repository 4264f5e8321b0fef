import { describe, expect, it } from 'vitest'
import { IdentityGraph, resolveIdentities } from '@itinera/core'
import type { Message, ResolvedProfile } from '@itinera/core'
import { msg } from './messages.fixture.js'

const holding = (profiles: ResolvedProfile[], type: string, value: string) =>
  profiles.find((p) => p.identifiers.some((i) => i.type === type && i.value === value))

describe('identity scenarios', () => {
  it('joins a laptop and a phone when the same user logs in on both', () => {
    const profiles = resolveIdentities([
      msg({ id: 'web-1', minute: 0, anonymousId: 'cookie-1' }),
      msg({ id: 'app-1', minute: 3, anonymousId: 'app-1', deviceId: 'iphone-1' }),
      msg({ id: 'web-2', minute: 10, userId: 'u-ann', anonymousId: 'cookie-1' }),
      msg({ id: 'app-2', minute: 20, userId: 'u-ann', anonymousId: 'app-1', deviceId: 'iphone-1' }),
    ])
    expect(profiles).toHaveLength(1)
    expect(profiles[0]?.messageIds).toEqual(['web-1', 'app-1', 'web-2', 'app-2'])
  })

  it('folds a guest checkout into the account created later with the same email', () => {
    const profiles = resolveIdentities([
      msg({ id: 'checkout', minute: 0, anonymousId: 'cookie-9', email: 'Guest.Buyer@Mail.com ' }),
      msg({
        id: 'signup',
        minute: 60 * 24 * 3,
        userId: 'u-9',
        email: 'guest.buyer@mail.com',
        anonymousId: 'cookie-10',
      }),
    ])
    expect(profiles).toHaveLength(1)
    expect(profiles[0]?.identifiers.map((i) => i.value)).toEqual([
      'u-9',
      'guest.buyer@mail.com',
      'cookie-10',
      'cookie-9',
    ])
  })

  it('keeps both emails on the profile when a user changes email', () => {
    const profiles = resolveIdentities([
      msg({ id: 'm1', minute: 0, userId: 'u1', email: 'old@x.io' }),
      msg({ id: 'm2', minute: 10, userId: 'u1', email: 'new@x.io' }),
      msg({ id: 'm3', minute: 20, contextEmail: 'old@x.io', anonymousId: 'newsletter-click' }),
    ])
    expect(profiles).toHaveLength(1)
    expect(profiles[0]?.identifiers.filter((i) => i.type === 'email').map((i) => i.value)).toEqual([
      'new@x.io',
      'old@x.io',
    ])
  })

  it('keeps a family sharing one laptop apart and stops the laptop linking strangers', () => {
    const messages = [
      msg({ id: 'm1', minute: 0, userId: 'mom', anonymousId: 'laptop' }),
      msg({ id: 'm2', minute: 5, userId: 'dad', anonymousId: 'laptop' }),
      msg({ id: 'm3', minute: 9, userId: 'kid', anonymousId: 'laptop' }),
      msg({ id: 'm4', minute: 12, anonymousId: 'laptop' }),
      msg({ id: 'm5', minute: 15, anonymousId: 'laptop', email: 'visitor@mail.com' }),
    ]
    const graph = new IdentityGraph()
    for (const message of messages) graph.ingest(message)
    const profiles = graph.profiles()
    for (const user of ['mom', 'dad', 'kid']) {
      expect(
        holding(profiles, 'user_id', user)?.identifiers.filter((i) => i.type === 'user_id'),
      ).toHaveLength(1)
    }
    // The laptop stays on the first holder; the visitor is not glued to mom.
    expect(holding(profiles, 'anonymous_id', 'laptop')).toBe(holding(profiles, 'user_id', 'mom'))
    expect(holding(profiles, 'email', 'visitor@mail.com')?.messageIds).toEqual(['m5'])
    const shared = graph.history(graph.profileOf({ type: 'user_id', value: 'mom' })!)
    expect(shared.filter((e) => e.kind === 'shared')).toHaveLength(1)
  })

  it('never merges people through junk emails or placeholder ids', () => {
    const people = ['p1', 'p2', 'p3', 'p4']
    const messages: Message[] = people.flatMap((p, i) => [
      msg({ id: `${p}-a`, minute: i, userId: p, email: 'test@test.com' }),
      msg({
        id: `${p}-b`,
        minute: i + 10,
        anonymousId: '00000000-0000-0000-0000-000000000000',
        email: `${p}@mail.com`,
      }),
      msg({
        id: `${p}-c`,
        minute: i + 20,
        userId: p,
        anonymousId: 'undefined',
        email: `${p}@mail.com`,
      }),
    ])
    const profiles = resolveIdentities(messages)
    expect(profiles).toHaveLength(4)
    for (const profile of profiles) expect(profile.messageIds).toHaveLength(3)
  })

  it('attributes a point-of-sale purchase identified only by phone', () => {
    const profiles = resolveIdentities(
      [
        msg({ id: 'web', minute: 0, userId: 'u1', phone: '(415) 555-2671', anonymousId: 'c1' }),
        msg({
          id: 'pos',
          minute: 60,
          type: 'identify',
          phone: '+1 415 555 2671',
          externalIds: [{ id: 'store-7-receipt-1', type: 'receipt_id' }],
        }),
      ],
      { phone: { defaultCountry: 'US' } },
    )
    expect(profiles).toHaveLength(1)
    expect(profiles[0]?.messageIds).toEqual(['web', 'pos'])
  })

  it('places late mobile events exactly where a time-ordered replay would', () => {
    const ordered = [
      msg({ id: 'app-open', minute: 0, anonymousId: 'phone-anon', deviceId: 'pixel' }),
      msg({
        id: 'app-login',
        minute: 2,
        userId: 'u1',
        anonymousId: 'phone-anon',
        deviceId: 'pixel',
      }),
      msg({ id: 'web-login', minute: 30, userId: 'u2', anonymousId: 'phone-anon' }),
      msg({ id: 'web-view', minute: 31, anonymousId: 'phone-anon' }),
    ]
    // The app was offline: its two events arrive after the web events.
    const graph = new IdentityGraph()
    for (const id of ['web-login', 'web-view', 'app-open', 'app-login']) {
      graph.ingest(ordered.find((m) => m.messageId === id)!)
    }
    expect(graph.profiles()).toEqual(resolveIdentities(ordered))
    expect(graph.profileOf({ type: 'anonymous_id', value: 'phone-anon' })).toBe(
      graph.profileOf({ type: 'user_id', value: 'u1' }),
    )
  })

  it('splits a bad merge through a store kiosk back apart and keeps it apart', () => {
    const graph = new IdentityGraph()
    graph.ingest(msg({ id: 'm1', minute: 0, email: 'ann@mail.com', deviceId: 'kiosk-3' }))
    graph.ingest(msg({ id: 'm2', minute: 5, email: 'bob@mail.com', deviceId: 'kiosk-3' }))
    const glued = graph.profileOf({ type: 'email', value: 'bob@mail.com' })!
    expect(graph.profile(glued)?.messageIds).toEqual(['m1', 'm2'])
    expect(
      graph
        .explain({ type: 'email', value: 'ann@mail.com' }, { type: 'email', value: 'bob@mail.com' })
        .steps.map((s) => s.messageId),
    ).toEqual(['m1', 'm2'])
    graph.markShared({ type: 'device_id', value: 'kiosk-3' })
    const ann = graph.profileOf({ type: 'email', value: 'ann@mail.com' })
    const bob = graph.profileOf({ type: 'email', value: 'bob@mail.com' })
    expect(ann).not.toBe(bob)
    expect(graph.profile(bob!)?.messageIds).toEqual(['m2'])
    graph.ingest(msg({ id: 'm3', minute: 9, email: 'bob@mail.com', deviceId: 'kiosk-3' }))
    expect(graph.profileOf({ type: 'email', value: 'bob@mail.com' })).toBe(bob)
    expect(graph.profile(ann!)?.messageIds).toEqual(['m1'])
  })
})
