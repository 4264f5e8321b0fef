import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  ATTRIBUTION_MODELS,
  aarrrStageModel,
  buildJourney,
  computeAttribution,
  computeFunnel,
  defaultStageModel,
  type Message,
  type StageModel,
} from '@itinera/core'

const EVENTS = [
  'Product Viewed',
  'Product Added',
  'Checkout Started',
  'Order Completed',
  'Signed In',
  'Product Reviewed',
  'Signed Up',
  'Survey Answered',
]
const SOURCES = ['google', 'newsletter', 'facebook']
const START = Date.parse('2024-01-01T00:00:00.000Z')

const messageArb: fc.Arbitrary<Message> = fc
  .record({
    id: fc.integer({ min: 0, max: 40 }),
    minutes: fc.integer({ min: 0, max: 30 * 24 * 60 }),
    kind: fc.constantFrom('track', 'track', 'track', 'page', 'identify'),
    event: fc.constantFrom(...EVENTS),
    score: fc.integer({ min: 0, max: 10 }),
    source: fc.option(fc.constantFrom(...SOURCES), { nil: undefined }),
    library: fc.constantFrom('analytics.js', 'analytics-ios', 'analytics-node'),
    plan: fc.constantFrom('free', 'pro'),
  })
  .map(({ id, minutes, kind, event, score, source, library, plan }) => {
    const context = {
      library: { name: library },
      ...(source === undefined ? {} : { campaign: { source } }),
    }
    const common = {
      messageId: `m${id}`,
      userId: 'u1',
      timestamp: new Date(START + minutes * 60_000).toISOString(),
      context,
    }
    if (kind === 'identify')
      return { ...common, type: 'identify', traits: { plan } } as unknown as Message
    if (kind === 'page') return { ...common, type: 'page', name: 'Home' } as unknown as Message
    return {
      ...common,
      type: 'track',
      event,
      properties: { score, revenue: score * 10 },
    } as unknown as Message
  })

const profilesArb = fc
  .array(fc.array(messageArb, { maxLength: 25 }), { maxLength: 12 })
  .map((lists) => lists.map((messages, i) => ({ id: `p${i}`, messages })))

const lapsing: StageModel = { ...defaultStageModel, lapse: [{ stage: 'lapsed', afterDays: 7 }] }
const now = START + 40 * 86_400_000

describe('buildJourney, computeFunnel and computeAttribution properties', () => {
  it('builds the same journey whatever the arrival order', () => {
    fc.assert(
      fc.property(
        fc.array(messageArb, { maxLength: 30 }),
        fc.constantFrom(defaultStageModel, aarrrStageModel, lapsing),
        fc.infiniteStream(fc.nat()),
        (messages, model, randoms) => {
          const shuffled = messages
            .map((message) => ({ message, key: randoms.next().value as number }))
            .sort((a, b) => a.key - b.key)
            .map(({ message }) => message)
          expect(buildJourney(shuffled, { model, now })).toEqual(
            buildJourney(messages, { model, now }),
          )
        },
      ),
    )
  })

  it('never lets funnel counts grow along the steps, in every order mode', () => {
    fc.assert(
      fc.property(
        profilesArb,
        fc.array(fc.constantFrom(...EVENTS), { minLength: 1, maxLength: 5 }),
        fc.constantFrom('ordered', 'strict', 'any') as fc.Arbitrary<'ordered' | 'strict' | 'any'>,
        fc.integer({ min: 1, max: 20 * 86_400_000 }),
        fc.boolean(),
        (profiles, events, order, windowMs, exclude) => {
          const result = computeFunnel(profiles, {
            steps: events.map((event) => ({ event })),
            order,
            windowMs,
            exclusions: exclude && events.length > 1 ? [{ event: 'Signed In' }] : undefined,
          })
          const counts = result.steps.map((step) => step.reached)
          for (let i = 1; i < counts.length; i++)
            expect(counts[i]).toBeLessThanOrEqual(counts[i - 1]!)
          for (let i = 1; i < counts.length; i++) {
            expect(result.steps[i]!.droppedOff.length).toBe(counts[i - 1]! - counts[i]!)
          }
          expect(counts[0]! + result.excludedProfileIds.length).toBeLessThanOrEqual(profiles.length)
        },
      ),
    )
  })

  it('shares out exactly the conversions with every attribution model', () => {
    fc.assert(
      fc.property(
        profilesArb,
        fc.constantFrom(...ATTRIBUTION_MODELS),
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 1, max: 14 }),
        (profiles, model, lookbackDays, halfLifeDays) => {
          const result = computeAttribution(profiles, {
            conversionEvent: 'Order Completed',
            model,
            lookbackDays,
            halfLifeDays,
            valueProperty: 'revenue',
          })
          const credit = result.credits.reduce((sum, row) => sum + row.credit, 0)
          const value = result.credits.reduce((sum, row) => sum + row.value, 0)
          expect(credit).toBeCloseTo(result.conversions, 9)
          expect(value).toBeCloseTo(result.value, 6)
          for (const row of result.credits) expect(row.credit).toBeGreaterThanOrEqual(0)
        },
      ),
    )
  })
})

describe('buildJourney over names and keys it has never seen', () => {
  // Names that are members of Object.prototype are the ones a plain `{}` record mishandles.
  const key = fc.oneof(
    fc.string({ maxLength: 12 }),
    fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'),
  )
  const record = fc
    .array(fc.tuple(key, fc.jsonValue({ maxDepth: 1 })), { maxLength: 4 })
    .map((entries) => Object.fromEntries(entries) as Record<string, unknown>)
  const strangeMessage = fc
    .record({
      minutes: fc.integer({ min: 0, max: 60 * 24 }),
      kind: fc.constantFrom('track', 'identify', 'group', 'page'),
      name: key.filter((name) => name.length > 0),
      traits: record,
      channel: key,
      query: key,
    })
    .map(({ minutes, kind, name, traits, channel, query }) => {
      const common = {
        messageId: 'renumbered',
        userId: 'u1',
        timestamp: new Date(START + minutes * 60_000).toISOString(),
        context: {
          channel,
          traits,
          page: { url: `https://shop.example/?${encodeURIComponent(query)}=x&utm_source=s` },
        },
      }
      if (kind === 'identify') return { ...common, type: 'identify', traits } as unknown as Message
      if (kind === 'group') return { ...common, type: 'group', groupId: name, traits }
      if (kind === 'page') return { ...common, type: 'page', name } as unknown as Message
      return { ...common, type: 'track', event: name, properties: traits } as unknown as Message
    }) as fc.Arbitrary<Message>

  it('never throws, and keeps every group, trait and event name as a plain key', () => {
    fc.assert(
      fc.property(fc.array(strangeMessage, { maxLength: 20 }), (generated) => {
        const messages = generated.map((m, i) => ({ ...m, messageId: `m${i}` }) as Message)
        const journey = buildJourney(messages, { now })
        const kept = new Map(messages.map((m) => [m.messageId, m]))
        for (const message of kept.values()) {
          if (message.type === 'group')
            expect(Object.hasOwn(journey.groups, message.groupId)).toBe(true)
          if (message.type === 'track') {
            expect(Object.hasOwn(journey.computed.countsByEvent, message.event)).toBe(true)
          }
          if (message.type === 'identify') {
            for (const [name, value] of Object.entries(message.traits ?? {})) {
              if (value !== undefined) expect(Object.hasOwn(journey.traits, name)).toBe(true)
            }
          }
        }
        const tracks = [...kept.values()].filter((m) => m.type === 'track').length
        const counted = Object.values(journey.computed.countsByEvent).reduce((a, b) => a + b, 0)
        expect(counted).toBe(tracks)
        for (const entry of journey.timeline) expect(typeof entry.channel).toBe('string')
      }),
      { numRuns: 300 },
    )
  })
})
