import { describe, expect, it } from 'vitest'
import {
  attributionWeights,
  computeAttribution,
  safeParseAttributionDefinition,
  type AttributionDefinition,
  type Message,
} from '@itinera/core'
import { at, page, track } from './journey.fixture.js'

const visit = (id: string, day: number, source: string, medium = 'cpc'): Message =>
  page(id, at(day), 'Home', {
    context: { campaign: { source, medium }, library: { name: 'analytics.js' } },
  })
const order = (id: string, day: number, revenue = 100): Message =>
  track(id, at(day), 'Order Completed', { properties: { revenue } })

const journey = {
  id: 'p',
  messages: [
    visit('t1', 1, 'google'),
    visit('t2', 5, 'newsletter', 'email'),
    visit('t3', 9, 'facebook'),
    order('c', 10),
  ],
}
const credits = (query: Omit<AttributionDefinition, 'conversionEvent'>) =>
  Object.fromEntries(
    computeAttribution([journey], { conversionEvent: 'Order Completed', ...query }).credits.map(
      (row) => [row.key, Number(row.credit.toFixed(6))],
    ),
  )

describe('computeAttribution', () => {
  it('gives all credit to the first touch with first_touch', () => {
    expect(credits({ model: 'first_touch' })).toEqual({ google: 1, newsletter: 0, facebook: 0 })
  })

  it('gives all credit to the last touch with last_touch', () => {
    expect(credits({ model: 'last_touch' })).toEqual({ facebook: 1, google: 0, newsletter: 0 })
  })

  it('shares credit equally with linear', () => {
    expect(credits({ model: 'linear' })).toEqual({
      facebook: 0.333333,
      google: 0.333333,
      newsletter: 0.333333,
    })
  })

  it('halves the weight every half-life with time_decay', () => {
    // Ages 9, 5 and 1 days with a 4-day half-life: weights 2^-2.25, 2^-1.25, 2^-0.25.
    const raw = [2 ** -2.25, 2 ** -1.25, 2 ** -0.25]
    const sum = raw[0]! + raw[1]! + raw[2]!
    expect(credits({ model: 'time_decay', halfLifeDays: 4 })).toEqual({
      google: Number((raw[0]! / sum).toFixed(6)),
      newsletter: Number((raw[1]! / sum).toFixed(6)),
      facebook: Number((raw[2]! / sum).toFixed(6)),
    })
  })

  it('gives 40/20/40 with position_based', () => {
    expect(credits({ model: 'position_based' })).toEqual({
      google: 0.4,
      facebook: 0.4,
      newsletter: 0.2,
    })
  })

  it('finds conversions whatever naming convention the query uses', () => {
    const query = { model: 'last_touch' } as const
    expect(computeAttribution([journey], { ...query, conversionEvent: 'order_completed' })).toEqual(
      computeAttribution([journey], { ...query, conversionEvent: 'Order Completed' }),
    )
  })

  it('counts only touchpoints inside the lookback window', () => {
    expect(credits({ model: 'first_touch', lookbackDays: 6 })).toEqual({
      newsletter: 1,
      facebook: 0,
    })
  })

  it('credits conversions without touchpoints to (direct) so credits sum to conversions', () => {
    const result = computeAttribution([journey, { id: 'q', messages: [order('d', 3)] }], {
      conversionEvent: 'Order Completed',
      model: 'linear',
      valueProperty: 'revenue',
    })
    expect(result.conversions).toBe(2)
    expect(result.unattributed).toBe(1)
    expect(result.value).toBe(200)
    expect(result.credits[0]).toEqual({ key: '(direct)', credit: 1, value: 100, touchpoints: 0 })
    expect(result.credits.reduce((sum, row) => sum + row.credit, 0)).toBeCloseTo(2, 10)
  })

  it('groups by medium, source / medium or channel', () => {
    const query = { conversionEvent: 'Order Completed', model: 'last_touch' } as const
    const keys = (dimension: AttributionDefinition['dimension']) =>
      computeAttribution([journey], { ...query, dimension }).credits.map((row) => row.key)
    expect(keys('medium')).toEqual(['cpc', 'email'])
    expect(keys('source_medium')).toEqual(['facebook / cpc', 'google / cpc', 'newsletter / email'])
    expect(keys('channel')).toEqual(['web'])
  })

  it('counts a campaign repeated within one session once', () => {
    const repeated = {
      id: 'r',
      messages: [
        visit('v1', 1, 'google'),
        { ...visit('v2', 1, 'google'), timestamp: at(1, '00:10') },
        visit('v3', 2, 'bing'),
        order('o', 3),
      ],
    }
    const result = computeAttribution([repeated], {
      conversionEvent: 'Order Completed',
      model: 'linear',
    })
    expect(result.credits.map((row) => [row.key, row.credit, row.touchpoints])).toEqual([
      ['bing', 0.5, 1],
      ['google', 0.5, 1],
    ])
  })

  it('counts only conversions between from and to, matched by a matcher', () => {
    const orders = {
      id: 'o',
      messages: [visit('t', 1, 'google'), order('c1', 2, 10), order('c2', 5, 500)],
    }
    const result = computeAttribution([orders], {
      conversionEvent: {
        type: 'track',
        event: 'Order Completed',
        where: [{ path: 'properties.revenue', op: 'gte', value: 100 }],
      },
      model: 'first_touch',
      from: at(3),
      to: at(6),
      valueProperty: 'revenue',
    })
    expect(result).toEqual({
      model: 'first_touch',
      conversions: 1,
      value: 500,
      unattributed: 0,
      credits: [{ key: 'google', credit: 1, value: 500, touchpoints: 1 }],
    })
  })

  it('reports invalid queries', () => {
    const result = safeParseAttributionDefinition({
      conversionEvent: '',
      model: 'u_shape',
      lookbackDays: 0,
    })
    expect(result.ok ? [] : result.error.map((issue) => issue.path).sort()).toEqual([
      'conversionEvent',
      'lookbackDays',
      'model',
    ])
  })
})

describe('attributionWeights', () => {
  it('splits position_based 50/50 for two touches and gives one touch everything', () => {
    expect(attributionWeights('position_based', [2, 1], 1)).toEqual([0.5, 0.5])
    expect(attributionWeights('position_based', [1], 1)).toEqual([1])
    expect(attributionWeights('linear', [], 1)).toEqual([])
  })
})
