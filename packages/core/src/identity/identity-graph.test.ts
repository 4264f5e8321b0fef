import { describe, expect, it } from 'vitest'
import { IdentityGraph, createMemoryIdentityStore, resolveIdentities } from '@itinera/core'
import { msg } from './messages.fixture.js'

const u = (value: string) => ({ type: 'user_id', value })
const anon = (value: string) => ({ type: 'anonymous_id', value })
const email = (value: string) => ({ type: 'email', value })

describe('IdentityGraph', () => {
  it('returns the profile and what merged when a message links two profiles', () => {
    const graph = new IdentityGraph()
    const first = graph.ingest(msg({ id: 'm1', minute: 0, anonymousId: 'a1' }))
    graph.ingest(msg({ id: 'm2', minute: 1, userId: 'u1' }))
    const result = graph.ingest(msg({ id: 'm3', minute: 2, userId: 'u1', anonymousId: 'a1' }))
    expect(result.profileId).toBe(first.profileId)
    expect(result.merged).toEqual([
      expect.objectContaining({
        kind: 'merge',
        messageId: 'm3',
        survivor: first.profileId,
        link: [u('u1'), anon('a1')],
      }),
    ])
    expect(result.refused).toEqual([])
  })

  it('reports a refused link with its rule', () => {
    const graph = new IdentityGraph()
    graph.ingest(msg({ id: 'm1', minute: 0, userId: 'u1', anonymousId: 'a1' }))
    const result = graph.ingest(msg({ id: 'm2', minute: 1, userId: 'u2', anonymousId: 'a1' }))
    expect(result.refused).toEqual([
      {
        kind: 'refused',
        messageId: 'm2',
        timestamp: '2024-05-01T09:01:00.000Z',
        profileId: graph.profileOf(u('u2')),
        anchor: u('u2'),
        identifier: anon('a1'),
        otherProfileId: graph.profileOf(u('u1')),
        reason: { rule: 'limit', type: 'user_id', limit: 1 },
      },
    ])
  })

  it('finds profiles by raw identifiers, normalizing them first', () => {
    const graph = new IdentityGraph()
    const { profileId } = graph.ingest(msg({ id: 'm1', minute: 0, email: 'ann@x.io' }))
    expect(graph.profileOf(email('  ANN@x.io'))).toBe(profileId)
    expect(graph.profileOf(email('bob@x.io'))).toBeUndefined()
    expect(graph.profileOf({ type: 'nothing', value: 'x' })).toBeUndefined()
  })

  it('resolves a merged-away profile id to the survivor', () => {
    const graph = new IdentityGraph()
    graph.ingest(msg({ id: 'm1', minute: 0, anonymousId: 'a1' }))
    const absorbed = graph.ingest(msg({ id: 'm2', minute: 1, userId: 'u1' })).profileId!
    const { profileId } = graph.ingest(
      msg({ id: 'm3', minute: 2, userId: 'u1', anonymousId: 'a1' }),
    )
    expect(absorbed).not.toBe(profileId)
    expect(graph.profile(absorbed)?.id).toBe(profileId)
    expect(graph.profile(absorbed)?.messageIds).toEqual(['m1', 'm2', 'm3'])
    expect(graph.profile('prof_unknown')).toBeUndefined()
    expect(graph.resolve(absorbed)).toBe(profileId)
    expect(graph.resolve(profileId!)).toBe(profileId)
    expect(graph.resolve('prof_unknown')).toBeUndefined()
  })

  it('treats a replayed message id as a duplicate', () => {
    const graph = new IdentityGraph()
    const first = graph.ingest(msg({ id: 'm1', minute: 0, anonymousId: 'a1' }))
    const again = graph.ingest(msg({ id: 'm1', minute: 0, anonymousId: 'a1' }))
    expect(again).toEqual({ ...first, duplicate: true })
    expect(graph.profiles()).toHaveLength(1)
  })

  it('replays a component when a late message arrives older than it', () => {
    const graph = new IdentityGraph()
    graph.ingest(msg({ id: 'm2', minute: 5, userId: 'u2', anonymousId: 'a1' }))
    const late = graph.ingest(msg({ id: 'm1', minute: 0, userId: 'u1', anonymousId: 'a1' }))
    expect(late.recomputed).toBe(true)
    // In time order u1 owned a1 first, so a1 moves to u1 exactly as a sorted replay says.
    expect(graph.profileOf(anon('a1'))).toBe(graph.profileOf(u('u1')))
    expect(graph.profiles()).toEqual(
      resolveIdentities([
        msg({ id: 'm1', minute: 0, userId: 'u1', anonymousId: 'a1' }),
        msg({ id: 'm2', minute: 5, userId: 'u2', anonymousId: 'a1' }),
      ]),
    )
  })

  it('records merges and refused links in the history of both profiles', () => {
    const graph = new IdentityGraph()
    graph.ingest(msg({ id: 'm1', minute: 0, anonymousId: 'a1' }))
    graph.ingest(msg({ id: 'm2', minute: 1, userId: 'u1', anonymousId: 'a1' }))
    graph.ingest(msg({ id: 'm3', minute: 2, userId: 'u2', anonymousId: 'a1' }))
    const mine = graph.history(graph.profileOf(u('u1'))!)
    expect(
      mine.map((entry) => `${entry.kind}:${'messageId' in entry ? entry.messageId : ''}`),
    ).toEqual(['merge:m2', 'refused:m3'])
    expect(graph.history(graph.profileOf(u('u2'))!).map((entry) => entry.kind)).toEqual(['refused'])
    expect(graph.history('prof_unknown')).toEqual([])
  })

  it('explains a link with the shortest chain of messages', () => {
    const graph = new IdentityGraph()
    graph.ingest(msg({ id: 'm1', minute: 0, anonymousId: 'web', email: 'ann@x.io' }))
    graph.ingest(msg({ id: 'm2', minute: 1, anonymousId: 'app', email: 'ann@x.io' }))
    graph.ingest(msg({ id: 'm3', minute: 2, userId: 'u1', anonymousId: 'app' }))
    graph.ingest(msg({ id: 'm4', minute: 3, userId: 'u2' }))
    const explanation = graph.explain(anon('web'), u('u1'))
    expect(explanation.sameProfile).toBe(true)
    expect(explanation.steps.map((s) => [s.from.value, s.to.value, s.messageId])).toEqual([
      ['web', 'ann@x.io', 'm1'],
      ['ann@x.io', 'app', 'm2'],
      ['app', 'u1', 'm3'],
    ])
    expect(graph.explain(anon('web'), u('u2'))).toEqual({
      sameProfile: false,
      profileId: undefined,
      steps: [],
    })
    expect(graph.explain(anon('web'), anon('web')).steps).toEqual([])
  })

  it('splits a bad merge back apart when the linking value is marked shared', () => {
    const graph = new IdentityGraph()
    graph.ingest(msg({ id: 'm1', minute: 0, email: 'ann@x.io', anonymousId: 'kiosk' }))
    graph.ingest(msg({ id: 'm2', minute: 1, email: 'bob@x.io', anonymousId: 'kiosk' }))
    expect(graph.profileOf(email('ann@x.io'))).toBe(graph.profileOf(email('bob@x.io')))
    const merged = graph.profileOf(email('bob@x.io'))!
    graph.markShared(anon('kiosk'))
    expect(graph.profileOf(email('ann@x.io'))).not.toBe(graph.profileOf(email('bob@x.io')))
    expect(graph.profile(graph.profileOf(email('bob@x.io'))!)?.messageIds).toEqual(['m2'])
    // The kiosk id stays visible on the profile that first held it.
    expect(graph.profileOf(anon('kiosk'))).toBe(graph.profileOf(email('ann@x.io')))
    expect(graph.history(merged).map((e) => e.kind)).toContain('recomputed')
    // Later messages through the kiosk no longer merge anyone.
    graph.ingest(msg({ id: 'm3', minute: 2, email: 'cy@x.io', anonymousId: 'kiosk' }))
    expect(graph.profileOf(email('cy@x.io'))).not.toBe(graph.profileOf(email('ann@x.io')))
  })

  it('recomputes without a blocked value', () => {
    const graph = new IdentityGraph()
    graph.ingest(msg({ id: 'm1', minute: 0, userId: 'u1', anonymousId: 'abc123' }))
    graph.ingest(msg({ id: 'm2', minute: 1, anonymousId: 'abc123', email: 'x@y.io' }))
    graph.block(anon('abc123'))
    expect(graph.profileOf(anon('abc123'))).toBeUndefined()
    expect(graph.profiles().map((p) => p.messageIds)).toEqual([['m1'], ['m2']])
  })

  it('erases a person and keeps them erased when old or late messages replay', () => {
    const graph = new IdentityGraph()
    const messages = [
      msg({ id: 'm1', minute: 0, anonymousId: 'a1' }),
      msg({ id: 'm2', minute: 1, userId: 'u1', anonymousId: 'a1', email: 'ann@x.io' }),
      msg({ id: 'm3', minute: 2, userId: 'u2' }),
    ]
    for (const message of messages) graph.ingest(message)
    const erased = graph.erase(graph.profileOf(u('u1'))!)
    expect(erased?.messageIds).toEqual(['m1', 'm2'])
    expect(graph.profileOf(u('u1'))).toBeUndefined()
    expect(graph.profile(erased!.id)).toBeUndefined()
    for (const message of messages) graph.ingest(message)
    const late = graph.ingest(msg({ id: 'm0', minute: -10, anonymousId: 'new', email: 'ANN@x.io' }))
    expect(late.suppressed).toBe(true)
    expect(graph.profiles().map((p) => p.messageIds)).toEqual([['m3']])
    expect(graph.erase('prof_unknown')).toBeUndefined()
  })

  it('removes messages and splits what only they linked', () => {
    const graph = new IdentityGraph()
    graph.ingest(msg({ id: 'm1', minute: 0, anonymousId: 'a1' }))
    graph.ingest(msg({ id: 'm2', minute: 1, userId: 'u1', anonymousId: 'a1' }))
    graph.ingest(msg({ id: 'm3', minute: 2, userId: 'u1' }))
    const before = graph.profileOf(u('u1'))!
    graph.removeMessages(['m2'])
    expect(graph.profileOf(anon('a1'))).not.toBe(graph.profileOf(u('u1')))
    // The old id follows its earliest surviving message.
    expect(graph.profile(before)?.messageIds).toEqual(['m1'])
    expect(
      graph.ingest(msg({ id: 'm2', minute: 1, userId: 'u1', anonymousId: 'a1' })).suppressed,
    ).toBe(true)
  })

  it('rebuilds the same profiles, marks and forwards from its store', () => {
    const store = createMemoryIdentityStore()
    const graph = new IdentityGraph({ store })
    graph.ingest(msg({ id: 'm1', minute: 0, anonymousId: 'a1' }))
    const absorbed = graph.ingest(msg({ id: 'm2', minute: 1, userId: 'u1' })).profileId!
    graph.ingest(msg({ id: 'm3', minute: 2, userId: 'u1', anonymousId: 'a1' }))
    graph.ingest(msg({ id: 'm4', minute: 3, userId: 'u9', anonymousId: 'kiosk' }))
    graph.markShared(anon('kiosk'))
    graph.removeMessages(['m4'])
    const reopened = new IdentityGraph({ store })
    expect(reopened.profiles()).toEqual(graph.profiles())
    expect(reopened.profile(absorbed)?.id).toBe(graph.profileOf(u('u1')))
    expect(reopened.ingest(msg({ id: 'm4', minute: 3, userId: 'u9' })).suppressed).toBe(true)
  })

  it('skips audit records when audit is off', () => {
    const graph = new IdentityGraph({ audit: false })
    graph.ingest(msg({ id: 'm1', minute: 0, anonymousId: 'a1' }))
    const result = graph.ingest(msg({ id: 'm2', minute: 1, userId: 'u1', anonymousId: 'a1' }))
    expect(result.merged).toEqual([])
    expect(graph.history(result.profileId!)).toEqual([])
    expect(graph.profiles()).toHaveLength(1)
  })
})

describe('IdentityGraph options', () => {
  it('validates options like resolveIdentities', () => {
    expect(() => new IdentityGraph({ maxMerges: -1 })).toThrow(/maxMerges/)
  })

  it('looks phones up in E.164 with the configured default country', () => {
    const graph = new IdentityGraph({ phone: { defaultCountry: 'US' } })
    const { profileId } = graph.ingest(msg({ id: 'm1', minute: 0, phone: '415-555-2671' }))
    expect(graph.profileOf({ type: 'phone', value: '+1 (415) 555 2671' })).toBe(profileId)
  })

  it('applies limits to custom identifier types', () => {
    const graph = new IdentityGraph({ types: { loyalty_id: { limit: 1, priority: 2 } } })
    graph.ingest(
      msg({
        id: 'm1',
        minute: 0,
        anonymousId: 'a1',
        externalIds: [{ id: 'L1', type: 'loyalty_id' }],
      }),
    )
    const result = graph.ingest(
      msg({
        id: 'm2',
        minute: 1,
        anonymousId: 'a1',
        externalIds: [{ id: 'L2', type: 'loyalty_id' }],
      }),
    )
    expect(result.refused.map((r) => r.reason)).toEqual([
      { rule: 'limit', type: 'loyalty_id', limit: 1 },
    ])
    expect(graph.profileOf({ type: 'loyalty_id', value: 'L2' })).toBe(result.profileId)
  })
})
