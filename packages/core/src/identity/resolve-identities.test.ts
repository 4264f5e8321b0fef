import { describe, expect, it } from 'vitest'
import { IdentityGraph, messageIdOf, resolveIdentities } from '@itinera/core'
import type { Message, ResolvedProfile } from '@itinera/core'
import { msg } from './messages.fixture.js'

const ids = (profile: ResolvedProfile | undefined) =>
  profile?.identifiers.map((i) => `${i.type}:${i.value}`)
const holding = (profiles: ResolvedProfile[], identifier: string) =>
  profiles.find((p) => ids(p)?.includes(identifier))

describe('resolveIdentities', () => {
  it('stitches anonymous activity to the user who logs in', () => {
    const profiles = resolveIdentities([
      msg({ id: 'm1', minute: 0, anonymousId: 'a1' }),
      msg({ id: 'm2', minute: 5, userId: 'u1', anonymousId: 'a1', email: 'ann@x.io' }),
    ])
    expect(profiles).toHaveLength(1)
    expect(ids(profiles[0])).toEqual(['user_id:u1', 'email:ann@x.io', 'anonymous_id:a1'])
    expect(profiles[0]?.messageIds).toEqual(['m1', 'm2'])
  })

  it('keeps the older profile id when two profiles merge', () => {
    const early = [msg({ id: 'm1', minute: 0, anonymousId: 'a1' })]
    const [before] = resolveIdentities(early)
    const after = resolveIdentities([
      ...early,
      msg({ id: 'm2', minute: 1, userId: 'u1' }),
      msg({ id: 'm3', minute: 2, userId: 'u1', anonymousId: 'a1' }),
    ])
    expect(after.map((p) => p.id)).toEqual([before?.id])
    expect(before?.id).toMatch(/^prof_[0-9a-z]{11}$/)
  })

  it('never puts two user ids in one profile and attaches the message to its user', () => {
    const profiles = resolveIdentities([
      msg({ id: 'm1', minute: 0, userId: 'u1', anonymousId: 'laptop' }),
      msg({ id: 'm2', minute: 1, userId: 'u2', anonymousId: 'laptop' }),
    ])
    expect(profiles.map(ids)).toEqual([['user_id:u1', 'anonymous_id:laptop'], ['user_id:u2']])
    expect(holding(profiles, 'user_id:u2')?.messageIds).toEqual(['m2'])
  })

  it('merges two user ids only when the user_id limit allows it', () => {
    const messages = [
      msg({ id: 'm1', minute: 0, userId: 'u1', email: 'ann@x.io' }),
      msg({ id: 'm2', minute: 1, userId: 'u2', email: 'ann@x.io' }),
    ]
    expect(resolveIdentities(messages)).toHaveLength(2)
    expect(resolveIdentities(messages, { types: { user_id: { limit: 2 } } })).toHaveLength(1)
  })

  it('refuses a new value once its type is at its limit and leaves it unattached', () => {
    const profiles = resolveIdentities(
      [
        msg({ id: 'm1', minute: 0, userId: 'u1', email: 'one@x.io' }),
        msg({ id: 'm2', minute: 1, userId: 'u1', email: 'two@x.io' }),
        msg({ id: 'm3', minute: 2, userId: 'u1', email: 'three@x.io' }),
        msg({ id: 'm4', minute: 3, email: 'three@x.io' }),
      ],
      { types: { email: { limit: 2 } } },
    )
    expect(profiles.map(ids)).toEqual([
      ['user_id:u1', 'email:one@x.io', 'email:two@x.io'],
      ['email:three@x.io'],
    ])
    expect(profiles[0]?.messageIds).toEqual(['m1', 'm2', 'm3'])
  })

  it('lets the higher-priority identifier decide which profile a conflicting message joins', () => {
    const messages = [
      msg({ id: 'm1', minute: 0, email: 'ann@x.io', anonymousId: 'a1' }),
      msg({ id: 'm2', minute: 1, email: 'bob@x.io', anonymousId: 'a2' }),
      msg({ id: 'm3', minute: 2, email: 'bob@x.io', anonymousId: 'a1' }),
    ]
    const options = { types: { email: { limit: 1 } } }
    expect(holding(resolveIdentities(messages, options), 'email:bob@x.io')?.messageIds).toEqual([
      'm2',
      'm3',
    ])
    // With anonymous_id ranked first, the same message anchors on a1 instead.
    const swapped = resolveIdentities(messages, {
      types: { email: { limit: 1, priority: 9 }, anonymous_id: { priority: 1 } },
    })
    expect(holding(swapped, 'anonymous_id:a1')?.messageIds).toEqual(['m1', 'm3'])
  })

  it('holds a component apart when it would exceed maxIdentifiers', () => {
    const profiles = resolveIdentities(
      [
        msg({ id: 'm1', minute: 0, userId: 'u1', anonymousId: 'a1' }),
        msg({ id: 'm2', minute: 1, anonymousId: 'a2', deviceId: 'd2' }),
        msg({ id: 'm3', minute: 2, userId: 'u1', anonymousId: 'a2' }),
      ],
      { maxIdentifiers: 3 },
    )
    expect(profiles.map(ids)).toEqual([
      ['user_id:u1', 'anonymous_id:a1'],
      ['device_id:d2', 'anonymous_id:a2'],
    ])
    expect(Math.max(...profiles.map((p) => p.identifiers.length))).toBeLessThanOrEqual(3)
  })

  it('holds a component apart when it would exceed maxMerges', () => {
    const messages = [
      msg({ id: 'm1', minute: 0, anonymousId: 'a1' }),
      msg({ id: 'm2', minute: 1, anonymousId: 'a2' }),
      msg({ id: 'm3', minute: 2, anonymousId: 'a3' }),
      msg({ id: 'm4', minute: 3, userId: 'u1', anonymousId: 'a1' }),
      msg({ id: 'm5', minute: 4, userId: 'u1', anonymousId: 'a2' }),
      msg({ id: 'm6', minute: 5, userId: 'u1', anonymousId: 'a3' }),
    ]
    expect(resolveIdentities(messages)).toHaveLength(1)
    const capped = resolveIdentities(messages, { maxMerges: 2 })
    expect(capped.map(ids)).toEqual([
      ['user_id:u1', 'anonymous_id:a1', 'anonymous_id:a2'],
      ['anonymous_id:a3'],
    ])
  })

  it('marks a value shared after it is refused by different users, and it stops linking', () => {
    const messages = [
      msg({ id: 'm1', minute: 0, userId: 'mom', anonymousId: 'family' }),
      msg({ id: 'm2', minute: 1, userId: 'dad', anonymousId: 'family' }),
      msg({ id: 'm3', minute: 2, userId: 'kid', anonymousId: 'family' }),
      msg({ id: 'm4', minute: 3, anonymousId: 'family', email: 'guest@shop.io' }),
    ]
    // After two refusals `family` is shared: the guest email gets its own profile.
    expect(holding(resolveIdentities(messages), 'email:guest@shop.io')?.messageIds).toEqual(['m4'])
    // With a higher threshold it still links the guest email to the first holder.
    const lenient = resolveIdentities(messages, { sharedAfter: 5 })
    expect(ids(holding(lenient, 'email:guest@shop.io'))).toContain('user_id:mom')
  })

  it('counts one refusal per distinct conflicting identifier', () => {
    const messages = [
      msg({ id: 'm1', minute: 0, userId: 'mom', anonymousId: 'family' }),
      msg({ id: 'm2', minute: 1, userId: 'dad', anonymousId: 'family' }),
      msg({ id: 'm3', minute: 2, userId: 'dad', anonymousId: 'family' }),
      msg({ id: 'm4', minute: 3, anonymousId: 'family', email: 'guest@shop.io' }),
    ]
    expect(ids(holding(resolveIdentities(messages), 'email:guest@shop.io'))).toContain(
      'user_id:mom',
    )
  })

  it('puts every message in exactly one profile, dropping duplicate message ids', () => {
    const messages = [
      msg({ id: 'm1', minute: 0, anonymousId: 'a1' }),
      msg({ id: 'm1', minute: 0, anonymousId: 'a1' }),
      msg({ id: 'm2', minute: 1, userId: 'null' }),
      msg({ id: 'm3', minute: 2, userId: 'u3' }),
    ]
    const profiles = resolveIdentities(messages)
    expect(profiles.flatMap((p) => p.messageIds).sort()).toEqual(['m1', 'm2', 'm3'])
    expect(holding(profiles, 'anonymous_id:a1')?.messageIds).toEqual(['m1'])
    expect(profiles.find((p) => p.messageIds.includes('m2'))?.identifiers).toEqual([])
  })

  it('derives a content id for messages without messageId so copies are duplicates', () => {
    const bare = {
      type: 'track',
      event: 'Viewed',
      anonymousId: 'a1',
      timestamp: '2024-05-01T09:00:00.000Z',
    } as unknown as Message
    const profiles = resolveIdentities([bare, { ...bare }])
    expect(profiles[0]?.messageIds).toHaveLength(1)
    expect(profiles[0]?.messageIds[0]).toBe(messageIdOf(bare))
    expect(profiles[0]?.messageIds[0]).toMatch(/^h_[0-9a-f]{16}$/)
  })

  it('orders by timestamp, then originalTimestamp, then receivedAt, then message id', () => {
    const messages = [
      {
        type: 'identify',
        userId: 'u2',
        anonymousId: 'x',
        messageId: 'b',
        receivedAt: '2024-05-01T09:00:00.000Z',
      },
      {
        type: 'identify',
        userId: 'u1',
        anonymousId: 'x',
        messageId: 'c',
        originalTimestamp: '2024-05-01T09:00:00.000Z',
      },
      {
        type: 'identify',
        userId: 'u3',
        anonymousId: 'x',
        messageId: 'd',
        timestamp: '2024-05-01T08:00:00.000Z',
      },
    ] as unknown as Message[]
    // d is earliest, so u3 owns x; b and c tie on time and b sorts first.
    expect(ids(resolveIdentities(messages)[0])).toEqual(['user_id:u3', 'anonymous_id:x'])
    expect(resolveIdentities(messages).map((p) => p.messageIds[0])).toEqual(['d', 'b', 'c'])
  })

  it('equals an IdentityGraph fed the same messages in reverse', () => {
    const messages = [
      msg({ id: 'm1', minute: 0, anonymousId: 'a1' }),
      msg({ id: 'm2', minute: 1, userId: 'u1', anonymousId: 'a1' }),
      msg({ id: 'm3', minute: 2, userId: 'u2', anonymousId: 'a1' }),
    ]
    const graph = new IdentityGraph()
    for (const message of [...messages].reverse()) graph.ingest(message)
    expect(graph.profiles()).toEqual(resolveIdentities(messages))
  })

  it('equals one-at-a-time ingest on a stream of many blocks, with retries far apart', () => {
    // Several intake blocks: duplicates of earlier blocks, shared values, a message with more
    // identifiers than one message may carry.
    const messages: Message[] = []
    for (let i = 0; i < 900; i++) {
      messages.push(
        msg({
          id: `m${i % 700}`,
          minute: (i * 7) % 300,
          anonymousId: `a${(i * 13) % 250}`,
          ...(i % 3 === 0 && { userId: `u${i % 40}` }),
          ...(i % 5 === 0 && { email: `P${i % 60}@Mail.com` }),
          ...(i % 11 === 0 && { deviceId: `d${i % 9}` }),
          ...(i === 450 && {
            externalIds: Array.from({ length: 300 }, (_, k) => ({ id: `x${k}`, type: 'crm_id' })),
          }),
        }),
      )
    }
    const graph = new IdentityGraph()
    for (const message of messages) graph.ingest(message)
    expect(resolveIdentities(messages)).toEqual(graph.profiles())
  })
})
