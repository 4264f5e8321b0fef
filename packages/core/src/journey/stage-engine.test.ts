import { describe, expect, it } from 'vitest'
import { aarrrStageModel, buildJourney, defaultStageModel, type StageModel } from '@itinera/core'
import { at, identify, page, track } from './journey.fixture.js'

const now = Date.parse(at(60))
const stagesOf = (messages: Parameters<typeof buildJourney>[0], model?: StageModel) =>
  buildJourney(messages, { now, model }).stages.map((entry) => [entry.stage, entry.messageId])

describe('defaultStageModel', () => {
  it('enters awareness at the first message of any type', () => {
    expect(stagesOf([identify('m1', at(1), { email: 'a@example.com' })])).toEqual([
      ['awareness', 'm1'],
    ])
  })

  it.each([
    'Products Searched',
    'Product List Viewed',
    'Product Viewed',
    'Product Clicked',
    'Product Added',
    'Cart Viewed',
    'Checkout Started',
    'search',
    'view_item_list',
    'view_item',
    'select_item',
    'add_to_cart',
    'view_cart',
    'begin_checkout',
  ])('enters consideration on %s', (event) => {
    expect(stagesOf([page('m1', at(1), 'Home'), track('m2', at(2), event)])).toEqual([
      ['awareness', 'm1'],
      ['consideration', 'm2'],
    ])
  })

  it('ignores a page named like a consideration event, as rules ask for track', () => {
    expect(stagesOf([page('m1', at(1), 'Product Viewed')])).toEqual([['awareness', 'm1']])
  })

  it('enters purchase on the first Order Completed, skipping consideration when it never happened', () => {
    expect(stagesOf([page('m1', at(1), 'Home'), track('m2', at(2), 'Order Completed')])).toEqual([
      ['awareness', 'm1'],
      ['purchase', 'm2'],
    ])
  })

  it('enters awareness and purchase at once when the first message is an order', () => {
    expect(stagesOf([track('m1', at(1), 'Order Completed')])).toEqual([
      ['awareness', 'm1'],
      ['purchase', 'm1'],
    ])
  })

  it.each([
    ['Order Completed', 'Order Completed'],
    ['Order Completed', 'purchase'],
  ])('enters retention on the second order (%s, then %s)', (first, second) => {
    expect(stagesOf([track('m1', at(1), first), track('m2', at(9), second)])).toEqual([
      ['awareness', 'm1'],
      ['purchase', 'm1'],
      ['retention', 'm2'],
    ])
  })

  it.each([
    ['Signed In', 'Order Completed'],
    ['Application Opened', 'Order Completed'],
    ['login', 'purchase'],
    ['signed_in', 'order_completed'],
  ])('enters retention on %s after the first order (%s), not before it', (event, order) => {
    expect(
      stagesOf([track('m1', at(1), event), track('m2', at(2), order), track('m3', at(3), event)]),
    ).toEqual([
      ['awareness', 'm1'],
      ['purchase', 'm2'],
      ['retention', 'm3'],
    ])
  })

  it.each([
    'Product Reviewed',
    'Review Submitted',
    'Product Shared',
    'Cart Shared',
    'Referral Sent',
    'share',
  ])('enters advocacy on %s', (event) => {
    expect(stagesOf([page('m1', at(1), 'Home'), track('m2', at(2), event)])).toContainEqual([
      'advocacy',
      'm2',
    ])
  })

  it('enters advocacy on a survey answer with a score of 9 or more only', () => {
    const survey = (id: string, day: number, score: unknown) =>
      track(id, at(day), 'Survey Answered', { properties: { score } })
    expect(stagesOf([survey('m1', 1, 8), survey('m2', 2, '9')])).toEqual([
      ['awareness', 'm1'],
      ['advocacy', 'm2'],
    ])
  })

  it('stays in the furthest stage when an earlier stage is reached later', () => {
    const journey = buildJourney(
      [track('m1', at(1), 'Product Reviewed'), track('m2', at(2), 'Order Completed')],
      { now },
    )
    expect(journey.currentStage).toBe('advocacy')
    expect(journey.stages.map((entry) => entry.stage)).toEqual(['awareness', 'advocacy'])
  })

  it('reads after conditions from stages reached even when the profile moved past them', () => {
    const journey = buildJourney(
      [
        track('m1', at(1), 'Product Reviewed'),
        track('m2', at(2), 'Order Completed'),
        track('m3', at(3), 'Signed In'),
      ],
      { now },
    )
    expect(journey.currentStage).toBe('advocacy')
    const model: StageModel = {
      name: 'after',
      stages: [
        { id: 'seen', rules: [{}] },
        { id: 'bought', rules: [{ event: 'Order Completed' }] },
        { id: 'back', rules: [{ event: 'Signed In', after: 'bought' }] },
      ],
    }
    expect(
      stagesOf(
        journey.timeline.map((entry) => entry.message),
        model,
      ),
    ).toEqual([
      ['seen', 'm1'],
      ['bought', 'm2'],
      ['back', 'm3'],
    ])
  })
})

describe('aarrrStageModel', () => {
  it.each([
    ['Signed Up', 'Signed In', 'Subscription Started', 'Invite Sent'],
    ['sign_up', 'login', 'purchase', 'share'],
  ])(
    'walks acquisition, activation, retention, revenue and referral (%s, %s, %s, %s)',
    (...names) => {
      expect(
        stagesOf(
          [
            page('m1', at(1), 'Pricing'),
            ...names.map((name, i) => track(`m${i + 2}`, at(i + 2), name)),
          ],
          aarrrStageModel,
        ),
      ).toEqual([
        ['acquisition', 'm1'],
        ['activation', 'm2'],
        ['retention', 'm3'],
        ['revenue', 'm4'],
        ['referral', 'm5'],
      ])
    },
  )

  it('does not count a sign-in before activation as retention', () => {
    expect(stagesOf([track('m1', at(1), 'Signed In')], aarrrStageModel)).toEqual([
      ['acquisition', 'm1'],
    ])
  })
})

describe('stage models with other naming conventions', () => {
  const conventions = {
    segment: [
      'Product Viewed',
      'Product Added',
      'Checkout Started',
      'Order Completed',
      'Product Shared',
    ],
    snake_case: [
      'product_viewed',
      'product_added',
      'checkout_started',
      'order_completed',
      'product_shared',
    ],
    ga4: ['view_item', 'add_to_cart', 'begin_checkout', 'purchase', 'share'],
  }

  it.each(Object.entries(conventions))(
    'walks a profile sending %s names through every stage of the default model',
    (_, [viewed, added, checkout, order, shared]) => {
      const names = [viewed, added, checkout, order, order, shared] as string[]
      expect(stagesOf(names.map((name, i) => track(`m${i + 1}`, at(i + 1), name)))).toEqual([
        ['awareness', 'm1'],
        ['consideration', 'm1'],
        ['purchase', 'm4'],
        ['retention', 'm5'],
        ['advocacy', 'm6'],
      ])
    },
  )

  it('keeps the names as they were sent on the timeline', () => {
    const journey = buildJourney([track('m1', at(1), 'order_completed')], { now })
    expect(journey.currentStage).toBe('purchase')
    expect(journey.timeline[0]?.event).toBe('order_completed')
  })
})

describe('buildJourney with lapse rules', () => {
  const model: StageModel = {
    ...defaultStageModel,
    lapse: [
      { stage: 'lapsed', afterDays: 30 },
      { stage: 'at_risk', afterDays: 14 },
    ],
  }

  it('moves the profile to lapse stages after days without messages, counted to now', () => {
    const journey = buildJourney([track('m1', at(1), 'Order Completed')], {
      model,
      now: Date.parse(at(40)),
    })
    expect(journey.stages).toEqual([
      { stage: 'awareness', enteredAt: at(1), messageId: 'm1' },
      { stage: 'purchase', enteredAt: at(1), messageId: 'm1' },
      { stage: 'at_risk', enteredAt: at(15), messageId: 'm1' },
      { stage: 'lapsed', enteredAt: at(31), messageId: 'm1' },
    ])
    expect(journey.currentStage).toBe('lapsed')
    expect(journey.stageDurations).toEqual({
      awareness: 0,
      purchase: 14 * 86_400_000,
      at_risk: 16 * 86_400_000,
      lapsed: 9 * 86_400_000,
    })
  })

  it('sums durations of stages whose ids are Object.prototype member names', () => {
    const named: StageModel = {
      name: 'odd-ids',
      stages: [
        { id: 'constructor', rules: [{}] },
        { id: 'toString', rules: [{ type: 'track', event: 'Order Completed' }] },
      ],
    }
    const journey = buildJourney(
      [page('m1', at(1), 'Home'), track('m2', at(3), 'Order Completed')],
      {
        model: named,
        now: Date.parse(at(4)),
      },
    )
    expect({ ...journey.stageDurations }).toEqual({
      constructor: Date.parse(at(3)) - Date.parse(at(1)),
      toString: Date.parse(at(4)) - Date.parse(at(3)),
    })
  })

  it('brings the profile back to its furthest stage at its next message', () => {
    const journey = buildJourney(
      [track('m1', at(1), 'Order Completed'), page('m2', at(20), 'Home')],
      { model, now: Date.parse(at(21)) },
    )
    expect(journey.stages.map((entry) => [entry.stage, entry.enteredAt])).toEqual([
      ['awareness', at(1)],
      ['purchase', at(1)],
      ['at_risk', at(15)],
      ['purchase', at(20)],
    ])
    expect(journey.currentStage).toBe('purchase')
  })

  it('does not lapse before the period has passed', () => {
    const journey = buildJourney([page('m1', at(1), 'Home')], { model, now: Date.parse(at(14)) })
    expect(journey.currentStage).toBe('awareness')
  })
})

describe('buildJourney with a custom stage model', () => {
  it('matches property predicates, type lists and occurrence counts', () => {
    const model: StageModel = {
      name: 'custom',
      stages: [
        { id: 'visitor', rules: [{ type: ['page', 'screen'] }] },
        {
          id: 'big-spender',
          rules: [
            {
              event: 'Order Completed',
              where: [
                { path: 'properties.revenue', op: 'gte', value: 100 },
                { path: 'properties.currency', op: 'in', value: ['EUR', 'USD'] },
              ],
            },
          ],
        },
        { id: 'regular', rules: [{ event: 'Order Completed', occurrence: 3 }] },
      ],
    }
    const order = (id: string, day: number, revenue: number, currency = 'EUR') =>
      track(id, at(day), 'Order Completed', { properties: { revenue, currency } })
    expect(
      stagesOf(
        [
          identify('m0', at(1), {}),
          page('m1', at(1, '01:00'), 'Home'),
          order('m2', 2, 150, 'GBP'),
          order('m3', 3, 20),
          order('m4', 4, 120),
        ],
        model,
      ),
    ).toEqual([
      ['visitor', 'm1'],
      ['big-spender', 'm4'],
      ['regular', 'm4'],
    ])
  })

  it.each([
    [{ path: 'properties.plan', op: 'eq', value: 'pro' }, { plan: 'pro' }, true],
    [{ path: 'properties.plan', op: 'neq', value: 'pro' }, { plan: 'pro' }, false],
    [{ path: 'properties.n', op: 'gt', value: 1 }, { n: 2 }, true],
    [{ path: 'properties.n', op: 'lt', value: 1 }, { n: 2 }, false],
    [{ path: 'properties.n', op: 'lte', value: 2 }, { n: '2' }, true],
    [{ path: 'properties.tags', op: 'contains', value: 'vip' }, { tags: ['vip'] }, true],
    [{ path: 'properties.name', op: 'contains', value: 'ell' }, { name: 'hello' }, true],
    [{ path: 'properties.plan', op: 'not_in', value: ['pro'] }, { plan: 'free' }, true],
    [{ path: 'properties.plan', op: 'exists' }, {}, false],
    [{ path: 'properties.plan', op: 'not_exists' }, {}, true],
    [{ path: 'channel', op: 'eq', value: 'other' }, {}, true],
  ] as const)('evaluates the predicate %o on %o as %s', (predicate, properties, expected) => {
    const model: StageModel = {
      name: 'p',
      stages: [
        { id: 'first', rules: [{ type: 'identify' }] },
        { id: 'hit', rules: [{ type: 'track', where: [predicate] }] },
      ],
    }
    const stages = stagesOf(
      [identify('m0', at(1), {}), track('m1', at(2), 'X', { properties })],
      model,
    )
    expect(stages.some(([stage]) => stage === 'hit')).toBe(expected)
  })

  it('accepts where as an object of property equalities', () => {
    const model: StageModel = {
      name: 'eq',
      stages: [{ id: 'pro', rules: [{ event: 'Plan Chosen', where: { plan: 'pro' } }] }],
    }
    expect(
      stagesOf(
        [
          track('m1', at(1), 'Plan Chosen', { properties: { plan: 'free' } }),
          track('m2', at(2), 'Plan Chosen', { properties: { plan: 'pro' } }),
        ],
        model,
      ),
    ).toEqual([['pro', 'm2']])
  })

  it('leaves the profile in no stage when nothing matches', () => {
    const model: StageModel = {
      name: 'n',
      stages: [{ id: 'buyer', rules: [{ event: 'Order Completed' }] }],
    }
    const journey = buildJourney([page('m1', at(1), 'Home')], { now, model })
    expect(journey.currentStage).toBeUndefined()
    expect(journey.stages).toEqual([])
  })
})
