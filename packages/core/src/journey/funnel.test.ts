import { describe, expect, it } from 'vitest'
import {
  buildJourney,
  computeFunnel,
  ConfigError,
  safeParseFunnelDefinition,
  type FunnelDefinition,
  type Message,
  type ProfileEvents,
} from '@itinera/core'
import { at, identify, page, track } from './journey.fixture.js'

const DAY = 86_400_000
const steps = [
  { event: 'Product Viewed' },
  { event: 'Product Added' },
  { event: 'Order Completed' },
]
const profile = (id: string, ...messages: Message[]): ProfileEvents => ({ id, messages })
const reached = (profiles: ProfileEvents[], definition: FunnelDefinition) =>
  computeFunnel(profiles, definition).steps.map((step) => step.reached)

describe('computeFunnel', () => {
  const profiles = [
    profile(
      'full',
      track('a1', at(1), 'Product Viewed'),
      track('a2', at(2), 'Product Added'),
      track('a3', at(3), 'Order Completed'),
    ),
    profile(
      'two',
      track('b1', at(1), 'Product Viewed'),
      track('b2', at(1, '06:00'), 'Product Added'),
    ),
    profile('one', track('c1', at(1), 'Product Viewed')),
    profile('none', track('d1', at(1), 'Order Completed')),
  ]

  it('counts profiles per step with conversion from previous and from first', () => {
    const result = computeFunnel(profiles, { steps })
    expect(
      result.steps.map(({ reached, conversionFromPrevious, conversionFromFirst }) => [
        reached,
        conversionFromPrevious,
        conversionFromFirst,
      ]),
    ).toEqual([
      [3, 1, 1],
      [2, 2 / 3, 2 / 3],
      [1, 1 / 2, 1 / 3],
    ])
    expect(result.steps.map((step) => step.label)).toEqual([
      'Product Viewed',
      'Product Added',
      'Order Completed',
    ])
  })

  it('lists the profiles that dropped off before each step', () => {
    const result = computeFunnel(profiles, { steps })
    expect(result.steps.map((step) => step.droppedOff)).toEqual([[], ['one'], ['two']])
    expect(computeFunnel(profiles, { steps, maxDroppedOffIds: 0 }).steps[1]?.droppedOff).toEqual([])
  })

  it('reports median and p90 time to convert from the previous and the first step', () => {
    const result = computeFunnel(profiles, { steps })
    expect(result.steps[0]).toMatchObject({ medianMsFromPrevious: null, p90MsFromFirst: null })
    // Two profiles: 1 day and 6 hours from viewing to adding.
    expect(result.steps[1]).toMatchObject({
      medianMsFromPrevious: (DAY + DAY / 4) / 2,
      p90MsFromPrevious: DAY / 4 + 0.9 * (DAY - DAY / 4),
      medianMsFromFirst: (DAY + DAY / 4) / 2,
    })
    expect(result.steps[2]).toMatchObject({ medianMsFromPrevious: DAY, medianMsFromFirst: 2 * DAY })
  })

  it('counts a step only within the conversion window of the first step', () => {
    expect(reached(profiles, { steps, windowMs: DAY })).toEqual([3, 2, 0])
  })

  it('keeps the deepest attempt when a later first step converts', () => {
    const retried = profile(
      'p',
      track('m1', at(1), 'Product Viewed'),
      track('m2', at(10), 'Product Viewed'),
      track('m3', at(11), 'Product Added'),
    )
    expect(reached([retried], { steps: steps.slice(0, 2), windowMs: 2 * DAY })).toEqual([1, 1])
  })

  it('needs the steps in order in ordered mode and accepts any order in any mode', () => {
    const reversed = profile(
      'r',
      track('m1', at(1), 'Product Added'),
      track('m2', at(2), 'Product Viewed'),
    )
    const two = steps.slice(0, 2)
    expect(reached([reversed], { steps: two })).toEqual([1, 0])
    expect(reached([reversed], { steps: two, order: 'any' })).toEqual([1, 1])
    expect(reached([reversed], { steps: two, order: 'any', windowMs: DAY / 2 })).toEqual([1, 0])
  })

  it('needs consecutive events in strict mode, ignoring identify calls', () => {
    const between = profile(
      's',
      track('m1', at(1), 'Product Viewed'),
      identify('m2', at(1, '01:00'), { plan: 'x' }),
      track('m3', at(1, '02:00'), 'Product Added'),
      page('m4', at(1, '03:00'), 'Home'),
      track('m5', at(1, '04:00'), 'Order Completed'),
    )
    expect(reached([between], { steps, order: 'strict' })).toEqual([1, 1, 0])
    expect(reached([between], { steps })).toEqual([1, 1, 1])
  })

  it('leaves out profiles whose attempt has an exclusion event between the steps', () => {
    const removed = profile(
      'x',
      track('m1', at(1), 'Product Viewed'),
      track('m2', at(2), 'Product Removed'),
      track('m3', at(3), 'Product Added'),
    )
    const after = profile(
      'y',
      track('n1', at(1), 'Product Viewed'),
      track('n2', at(2), 'Product Added'),
      track('n3', at(3), 'Product Removed'),
    )
    const result = computeFunnel([removed, after], {
      steps: steps.slice(0, 2),
      exclusions: [{ event: 'Product Removed' }],
    })
    expect(result.steps.map((step) => step.reached)).toEqual([1, 1])
    expect(result.excludedProfileIds).toEqual(['x'])
  })

  it('applies an exclusion until the window closes when the last step was not reached', () => {
    const stalled = profile(
      'z',
      track('m1', at(1), 'Product Viewed'),
      track('m2', at(2), 'Product Removed'),
    )
    const result = computeFunnel([stalled], {
      steps: steps.slice(0, 2),
      exclusions: [{ event: 'Product Removed', from: 0, to: 1 }],
    })
    expect(result.excludedProfileIds).toEqual(['z'])
  })

  it('applies exclusions in strict and any order too', () => {
    const list = [
      profile(
        'x',
        track('m1', at(1), 'Product Viewed'),
        track('m2', at(1, '01:00'), 'Product Added'),
        track('m3', at(1, '02:00'), 'Product Removed'),
      ),
    ]
    const exclusions = [{ event: 'Product Removed' }]
    const definition = { steps: steps.slice(0, 2), exclusions }
    expect(computeFunnel(list, { ...definition, order: 'strict' }).excludedProfileIds).toEqual([])
    expect(computeFunnel(list, { ...definition, order: 'any' }).excludedProfileIds).toEqual([])
    const removedFirst = [
      profile(
        'y',
        track('n1', at(1), 'Product Viewed'),
        track('n2', at(1, '01:00'), 'Product Removed'),
        track('n3', at(1, '02:00'), 'Product Added'),
      ),
    ]
    expect(computeFunnel(removedFirst, { ...definition, order: 'any' }).excludedProfileIds).toEqual(
      ['y'],
    )
    expect(computeFunnel(removedFirst, { ...definition, order: 'strict' }).steps[1]?.reached).toBe(
      0,
    )
  })

  it('filters steps by properties and by message type', () => {
    const shopper = profile(
      'p',
      page('m1', at(1), 'Pricing'),
      track('m2', at(2), 'Order Completed', { properties: { revenue: 5 } }),
      track('m3', at(3), 'Order Completed', { properties: { revenue: 50 } }),
    )
    const definition: FunnelDefinition = {
      steps: [
        { event: 'Pricing', type: 'page' },
        { event: 'Order Completed', where: [{ path: 'properties.revenue', op: 'gt', value: 10 }] },
      ],
    }
    const result = computeFunnel([shopper], definition)
    expect(result.steps.map((step) => step.reached)).toEqual([1, 1])
    expect(result.steps[1]?.medianMsFromPrevious).toBe(2 * DAY)
    expect(reached([shopper], { steps: [{ event: 'Pricing' }] })).toEqual([0])
  })

  it('counts only first steps between from and to', () => {
    expect(reached(profiles, { steps, from: at(1, '00:00'), to: at(1, '00:01') })).toEqual([
      3, 2, 1,
    ])
    expect(reached(profiles, { steps, from: at(2) })).toEqual([0, 0, 0])
  })

  it('breaks down by the channel of the first step', () => {
    const web = { context: { library: { name: 'analytics.js' } } }
    const ios = { context: { library: { name: 'analytics-ios' } } }
    const result = computeFunnel(
      [
        profile(
          'w1',
          track('a', at(1), 'Product Viewed', web),
          track('b', at(2), 'Product Added', ios),
        ),
        profile('w2', track('c', at(1), 'Product Viewed', web)),
        profile('m1', track('d', at(1), 'Product Viewed', ios)),
      ],
      { steps: steps.slice(0, 2), breakdown: { by: 'channel' } },
    )
    expect(
      result.breakdown?.map((group) => [group.value, group.steps.map((step) => step.reached)]),
    ).toEqual([
      ['web', [2, 1]],
      ['mobile', [1, 0]],
    ])
  })

  it('breaks down by first-touch campaign source and by a property', () => {
    const campaign = (source: string) => ({ context: { campaign: { source } } })
    const list = [
      profile(
        'a',
        page('a0', at(1), 'Home', campaign('ads')),
        page('a1', at(2), 'Home', campaign('mail')),
        track('a2', at(3), 'Product Viewed', { properties: { category: 'shoes' } }),
      ),
      profile('b', track('b1', at(1), 'Product Viewed')),
    ]
    const bySource = computeFunnel(list, {
      steps: steps.slice(0, 1),
      breakdown: { by: 'first_touch', field: 'source' },
    })
    expect(bySource.breakdown?.map((group) => group.value)).toEqual(['(none)', 'ads'])
    const byCategory = computeFunnel(list, {
      steps: steps.slice(0, 1),
      breakdown: { by: 'property', path: 'properties.category' },
    })
    expect(byCategory.breakdown?.map((group) => [group.value, group.steps[0]?.reached])).toEqual([
      ['(none)', 1],
      ['shoes', 1],
    ])
  })

  it('reads timeline annotations in a property breakdown', () => {
    const result = computeFunnel(
      [
        profile(
          'a',
          track('a1', at(1), 'Product Viewed', { context: { campaign: { source: 'ads' } } }),
        ),
      ],
      {
        steps: steps.slice(0, 1),
        breakdown: { by: 'property', path: 'touchpoint.campaign.source' },
      },
    )
    expect(result.breakdown?.map((group) => group.value)).toEqual(['ads'])
  })

  it('gives the same result from built timelines as from messages', () => {
    const timelines = profiles.map(({ id, messages }) => ({
      id,
      ...buildJourney(messages, { now: 0 }),
    }))
    expect(computeFunnel(timelines, { steps })).toEqual(computeFunnel(profiles, { steps }))
  })

  it('matches steps across naming conventions and keeps the configured labels', () => {
    const events = (id: string, ...names: string[]) =>
      profile(id, ...names.map((name, i) => track(`${id}${i}`, at(i + 1), name)))
    const mixed = [
      events('segment', 'Product Viewed', 'Product Added', 'Order Completed'),
      events('snake', 'product_viewed', 'product_added', 'order_completed'),
      events('mixed', 'productViewed', 'PRODUCT-ADDED', 'Order completed'),
      events('removed', 'ProductViewed', 'product.removed'),
    ]
    const definition: FunnelDefinition = {
      steps: [{ event: 'Product Viewed' }, { event: 'product_added' }, { event: 'orderCompleted' }],
      exclusions: [{ event: 'Product Removed' }],
    }
    const result = computeFunnel(mixed, definition)
    expect(result.steps.map((step) => [step.label, step.reached])).toEqual([
      ['Product Viewed', 3],
      ['product_added', 3],
      ['orderCompleted', 3],
    ])
    expect(result.excludedProfileIds).toEqual(['removed'])
    const timelines = mixed.map(({ id, messages }) => ({
      id,
      ...buildJourney(messages, { now: 0 }),
    }))
    expect(computeFunnel(timelines, definition)).toEqual(result)
    expect(reached(mixed, { ...definition, order: 'strict' })).toEqual([3, 3, 3])
  })

  it('throws ConfigError on an invalid definition and reports issues in the safe variant', () => {
    expect(() => computeFunnel([], { steps: [] })).toThrow(ConfigError)
    const result = safeParseFunnelDefinition({
      steps: [{ event: 'A' }, { event: '' }],
      windowMs: -1,
      order: 'sideways',
      exclusions: [
        { event: 'X', from: 1, to: 1 },
        { event: 'Y', to: 5 },
      ],
    })
    expect(result.ok ? [] : result.error).toEqual([
      { path: 'steps[1].event', message: 'must not be empty' },
      { path: 'windowMs', message: 'must be more than 0' },
      { path: 'order', message: 'Invalid option: expected one of "ordered"|"strict"|"any"' },
    ])
  })

  it('checks exclusion step indexes', () => {
    const result = safeParseFunnelDefinition({
      steps: [{ event: 'A' }, { event: 'B' }],
      exclusions: [
        { event: 'X', from: 1, to: 1 },
        { event: 'Y', to: 5 },
      ],
    })
    expect(result.ok ? [] : result.error).toEqual([
      { path: 'exclusions[0].from', message: 'must be before `to`' },
      { path: 'exclusions[1].to', message: 'must be at most 1' },
    ])
  })
})
