import { describe, expect, it } from 'vitest'
import { buildJourney, ConfigError, type StageModel } from '@itinera/core'
import { at, group, identify, page, track } from './journey.fixture.js'

const now = Date.parse(at(30))

describe('buildJourney', () => {
  it('returns an empty journey when there are no messages', () => {
    const journey = buildJourney([], { now })
    expect(journey).toEqual({
      timeline: [],
      stages: [],
      currentStage: undefined,
      stageDurations: {},
      traits: {},
      groups: {},
      computed: {
        messageCount: 0,
        countsByType: {},
        countsByEvent: {},
        channels: [],
        sessionCount: 0,
        orderCount: 0,
        revenueTotal: 0,
      },
    })
  })

  it('orders the timeline by corrected timestamp then messageId whatever the arrival order', () => {
    const messages = [
      track('m3', at(2), 'Product Viewed'),
      track('m2', at(1), 'Product Viewed'),
      track('m1', at(1), 'Product Viewed'),
    ]
    expect(buildJourney(messages, { now }).timeline.map((entry) => entry.messageId)).toEqual([
      'm1',
      'm2',
      'm3',
    ])
  })

  it('falls back to originalTimestamp then receivedAt when timestamp is absent', () => {
    const messages = [
      track('a', at(3), 'X'),
      { ...track('b', at(1), 'X'), timestamp: undefined, originalTimestamp: at(2) },
      { ...track('c', at(1), 'X'), timestamp: undefined, receivedAt: at(4) },
    ]
    const timeline = buildJourney(messages, { now }).timeline
    expect(timeline.map((entry) => [entry.messageId, entry.timestamp])).toEqual([
      ['b', at(2)],
      ['a', at(3)],
      ['c', at(4)],
    ])
  })

  it('drops a retried copy of a messageId', () => {
    const messages = [track('m1', at(1), 'Order Completed'), track('m1', at(1), 'Order Completed')]
    expect(buildJourney(messages, { now }).computed.orderCount).toBe(1)
  })

  it('annotates each entry with event or name, channel, properties and touchpoint', () => {
    const viewed = page('p1', at(1), 'Home', {
      context: {
        library: { name: 'analytics.js' },
        page: {
          url: 'https://shop.example/?utm_source=news&utm_campaign=spring',
          referrer: 'https://news.example/',
        },
      },
      properties: { path: '/' },
    })
    const [entry] = buildJourney([viewed], { now }).timeline
    expect(entry).toMatchObject({
      messageId: 'p1',
      type: 'page',
      name: 'Home',
      timestamp: at(1),
      channel: 'web',
      sessionId: 'web:p1',
      properties: { path: '/' },
      touchpoint: {
        campaign: { source: 'news', name: 'spring' },
        referrer: 'https://news.example/',
      },
    })
    expect(entry?.message).toBe(viewed)
  })

  it('gives a message without messageId a stable content-hash id', () => {
    const message = { ...track('x', at(1), 'Signed In'), messageId: undefined }
    const first = buildJourney([message], { now }).timeline[0]?.messageId
    const again = buildJourney([{ ...message }], { now }).timeline[0]?.messageId
    expect(first).toMatch(/^h_[0-9a-f]{16}$/)
    expect(again).toBe(first)
  })

  it('records stage transitions with the message that caused them', () => {
    const journey = buildJourney(
      [
        page('m1', at(1), 'Home'),
        track('m2', at(2), 'Product Viewed'),
        track('m3', at(3), 'Order Completed', { properties: { revenue: 30 } }),
      ],
      { now },
    )
    expect(journey.stages).toEqual([
      { stage: 'awareness', enteredAt: at(1), messageId: 'm1' },
      { stage: 'consideration', enteredAt: at(2), messageId: 'm2' },
      { stage: 'purchase', enteredAt: at(3), messageId: 'm3' },
    ])
    expect(journey.currentStage).toBe('purchase')
    expect(journey.stageDurations).toEqual({
      awareness: 86_400_000,
      consideration: 86_400_000,
      purchase: now - Date.parse(at(3)),
    })
  })

  it('merges traits so the latest message time wins, whatever arrived last', () => {
    const messages = [
      identify('late', at(5), { plan: 'pro' }),
      identify('early', at(1), { plan: 'free', email: 'a@example.com' }),
      track('t', at(3), 'Signed In', { context: { traits: { email: 'b@example.com' } } }),
    ]
    const { traits } = buildJourney(messages, { now })
    expect(traits).toEqual({
      plan: { value: 'pro', messageId: 'late', timestamp: at(5) },
      email: { value: 'b@example.com', messageId: 't', timestamp: at(3) },
    })
  })

  it('breaks a tie in time by messageId and lets identify traits beat context.traits of the same message', () => {
    const messages = [
      identify('b', at(2), { plan: 'team' }),
      identify('a', at(2), { plan: 'solo' }, { context: { traits: { plan: 'context', seat: 3 } } }),
    ]
    expect(buildJourney(messages, { now }).traits).toEqual({
      plan: { value: 'team', messageId: 'b', timestamp: at(2) },
      seat: { value: 3, messageId: 'a', timestamp: at(2) },
    })
    expect(buildJourney([messages[1]!], { now }).traits['plan']?.value).toBe('solo')
  })

  it('keeps group traits with the group', () => {
    const journey = buildJourney(
      [
        group('g1', at(1), 'acme', { name: 'Acme', plan: 'team' }),
        group('g2', at(2), 'acme', { plan: 'enterprise' }),
      ],
      { now },
    )
    expect(journey.traits).toEqual({})
    expect(journey.groups).toEqual({
      acme: {
        groupId: 'acme',
        joinedAt: at(1),
        traits: {
          name: { value: 'Acme', messageId: 'g1', timestamp: at(1) },
          plan: { value: 'enterprise', messageId: 'g2', timestamp: at(2) },
        },
      },
    })
  })

  it('computes counts, channels, sessions, orders, revenue and days since last seen', () => {
    const mobile = { context: { library: { name: 'analytics-ios' } } }
    const journey = buildJourney(
      [
        page('m1', at(1, '10:00'), 'Home', { context: { library: { name: 'analytics.js' } } }),
        track('m2', at(1, '10:10'), 'Order Completed', { properties: { revenue: 20 } }),
        track('m3', at(2), 'Order Completed', { properties: { total: '15.5' }, ...mobile }),
        identify('m4', at(2, '00:05'), {}, mobile),
      ],
      { now },
    )
    expect(journey.computed).toEqual({
      firstSeen: at(1, '10:00'),
      lastSeen: at(2, '00:05'),
      messageCount: 4,
      countsByType: { page: 1, track: 2, identify: 1 },
      countsByEvent: { 'Order Completed': 2 },
      channels: ['mobile', 'other', 'web'],
      sessionCount: 3,
      orderCount: 2,
      revenueTotal: 35.5,
      daysSinceLastSeen: 27,
    })
  })

  it('counts orders sent in any naming convention, GA4 purchases and their value included', () => {
    const journey = buildJourney(
      [
        track('m1', at(1), 'order_completed', { properties: { revenue: 20 } }),
        track('m2', at(2), 'purchase', { properties: { value: '12.5', currency: 'EUR' } }),
        track('m3', at(3), 'OrderCompleted', { properties: { total: 5 } }),
        track('m4', at(4), 'Order Refunded', { properties: { revenue: 20 } }),
        page('m5', at(5), 'Purchase'),
      ],
      { now },
    )
    expect(journey.computed.orderCount).toBe(3)
    expect(journey.computed.revenueTotal).toBe(37.5)
    expect(journey.computed.countsByEvent).toEqual({
      order_completed: 1,
      purchase: 1,
      OrderCompleted: 1,
      'Order Refunded': 1,
    })
  })

  it('keeps traits, groups and events named like Object.prototype members as plain keys', () => {
    const journey = buildJourney(
      [
        group('g1', at(1), '__proto__', { name: 'Proto' }),
        group('g2', at(1), 'constructor', JSON.parse('{"__proto__": {"admin": true}}')),
        identify('i1', at(2), JSON.parse('{"__proto__": {"admin": true}, "toString": "x"}')),
        track('t1', at(3), 'constructor'),
        track('t2', at(4), 'constructor'),
      ],
      { now },
    )
    expect(Object.keys(journey.groups)).toEqual(['__proto__', 'constructor'])
    expect(journey.groups['__proto__']?.traits['name']?.value).toBe('Proto')
    expect(journey.groups['constructor']?.traits['__proto__']?.value).toEqual({ admin: true })
    expect(Object.keys(journey.traits)).toEqual(['__proto__', 'toString'])
    expect(journey.traits['__proto__']?.value).toEqual({ admin: true })
    expect(journey.computed.countsByEvent['constructor']).toBe(2)
    expect(({} as Record<string, unknown>)['admin']).toBeUndefined()
  })

  it('throws ConfigError with issues when the stage model is invalid', () => {
    const model = { name: 'x', stages: [{ id: 'a', rules: [] }] } as unknown as StageModel
    expect(() => buildJourney([], { model })).toThrow(ConfigError)
    expect(() => buildJourney([], { model })).toThrow(
      expect.objectContaining({
        issues: [{ path: 'stages[0].rules', message: 'needs at least one rule' }],
      }),
    )
  })
})
