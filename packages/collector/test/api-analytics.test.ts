import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  buildJourney,
  computeAttribution,
  computeFunnel,
  computePaths,
  computeStageDistribution,
  type FunnelDefinition,
  type FunnelStepResult,
  type ProfileEvents,
} from '@itinera/core'
import { generateDemoMessages } from '@itinera/collector'
import { startApiHarness, type ApiHarness } from './api-harness.js'

let h: ApiHarness
/** The stored profiles as the core's analytics take them: stitched by the identity graph. */
let profiles: ProfileEvents[]
let latestArrival: Map<string, number>

beforeAll(async () => {
  h = await startApiHarness()
  const { messages } = generateDemoMessages({ profiles: 120, seed: 7, now: '2026-03-01T00:00:00Z' })
  for (let i = 0; i < messages.length; i += 300) {
    await h.send(messages.slice(i, i + 300) as unknown as Record<string, unknown>[])
  }
  const workspaceId = h.workspace.workspace.id
  const graph = await h.collector.projector.graph(workspaceId)
  profiles = []
  latestArrival = new Map()
  for (const resolved of graph.profiles()) {
    const stored = await h.collector.store.getMessagesByIds(workspaceId, resolved.messageIds)
    profiles.push({ id: resolved.id, messages: stored.map((m) => m.message) })
    latestArrival.set(resolved.id, Math.max(...stored.map((m) => Date.parse(m.receivedAt))))
  }
  // The API reads profiles in id order; the same order keeps floating-point sums identical.
  profiles.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
})
afterAll(async () => {
  await h.close()
})

const wireStep = (step: FunnelStepResult) => ({
  event: step.label,
  count: step.reached,
  conversion: step.conversionFromFirst,
  conversionFromPrevious: step.conversionFromPrevious,
  medianMsFromPrevious: step.medianMsFromPrevious,
  p90MsFromPrevious: step.p90MsFromPrevious,
})

const DAY = 86_400_000

describe('workspace analytics over stored profiles', () => {
  it('has demo data with stitched profiles to analyse', () => {
    expect(profiles.length).toBeGreaterThan(50)
    expect(profiles.some((p) => p.messages.length > 10)).toBe(true)
  })

  it('answers a 4-step funnel equal to computeFunnel on the same profiles', async () => {
    const definition: FunnelDefinition = {
      steps: [
        { event: 'Product Viewed' },
        { event: 'Product Added' },
        { event: 'Checkout Started' },
        { event: 'Order Completed' },
      ],
      windowMs: 7 * DAY,
    }
    const answer = await h.api('POST', '/v1/funnels', { body: definition })
    expect(answer.status).toBe(200)
    const expected = computeFunnel(profiles, definition)
    expect(answer.body.steps).toEqual(expected.steps.map(wireStep))
    expect(answer.body.steps[0].count).toBeGreaterThan(0)
    expect(answer.body.steps[3].count).toBeGreaterThan(0)
  })

  it('matches the core for strict order, property conditions, exclusions and breakdowns', async () => {
    const definitions: FunnelDefinition[] = [
      { steps: [{ event: 'Cart Viewed' }, { event: 'Checkout Started' }], order: 'strict' },
      {
        steps: [
          { event: 'Product Viewed' },
          {
            event: 'Order Completed',
            where: [{ path: 'properties.revenue', op: 'gt', value: 50 }],
          },
        ],
        windowMs: 30 * DAY,
      },
      {
        steps: [{ event: 'Product Viewed' }, { event: 'Order Completed' }],
        exclusions: [{ event: 'Product Shared' }],
        breakdown: { by: 'channel' },
      },
      {
        steps: [{ event: 'Product Viewed' }, { event: 'Order Completed' }],
        breakdown: { by: 'first_touch', field: 'source' },
        from: '2026-02-01T00:00:00Z',
      },
    ]
    for (const definition of definitions) {
      const answer = await h.api('POST', '/v1/funnels', { body: definition })
      expect(answer.status).toBe(200)
      const expected = computeFunnel(profiles, definition)
      expect(answer.body.steps).toEqual(expected.steps.map(wireStep))
      expect(answer.body.excludedProfiles).toBe(expected.excludedProfileIds.length)
      expect(answer.body.breakdown).toEqual(
        expected.breakdown?.map((g) => ({ value: g.value, steps: g.steps.map(wireStep) })),
      )
    }
  })

  it('answers paths equal to computePaths, maxSteps being the core depth', async () => {
    const answer = await h.api('POST', '/v1/paths', {
      body: { start: 'Product Viewed', maxSteps: 3, limit: 10 },
    })
    expect(answer.status).toBe(200)
    expect(answer.body).toEqual(
      computePaths(profiles, { start: 'Product Viewed', depth: 3, limit: 10 }),
    )
    expect(answer.body.paths.length).toBeGreaterThan(0)
    const backwards = await h.api('POST', '/v1/paths', {
      body: { end: 'Order Completed', maxSteps: 2 },
    })
    expect(backwards.body).toEqual(computePaths(profiles, { end: 'Order Completed', depth: 2 }))
  })

  it('bounds paths by from and to on the messages read', async () => {
    const from = '2026-02-10T00:00:00.000Z'
    const answer = await h.api('POST', '/v1/paths', { body: { maxSteps: 4, from } })
    const inRange = profiles
      .map((p) => ({ id: p.id, messages: p.messages.filter((m) => (m.timestamp ?? '') >= from) }))
      .filter((p) => p.messages.length > 0)
    expect(answer.body).toEqual(computePaths(inRange, { depth: 4 }))
  })

  it('answers attribution equal to computeAttribution with credit by channel', async () => {
    for (const model of [
      'first_touch',
      'last_touch',
      'linear',
      'time_decay',
      'u_shaped',
    ] as const) {
      const answer = await h.api('POST', '/v1/attribution', {
        body: { conversion: 'Order Completed', model, lookbackMs: 30 * DAY },
      })
      expect(answer.status, model).toBe(200)
      const expected = computeAttribution(profiles, {
        conversionEvent: 'Order Completed',
        model: model === 'u_shaped' ? 'position_based' : model,
        lookbackDays: 30,
        dimension: 'channel',
      })
      expect(answer.body).toEqual({
        model,
        conversions: expected.conversions,
        unattributed: expected.unattributed,
        value: expected.value,
        channels: expected.credits.map((c) => ({
          channel: c.key,
          credit: c.credit,
          value: c.value,
          touchpoints: c.touchpoints,
        })),
      })
      expect(answer.body.conversions).toBeGreaterThan(0)
    }
  })

  it('answers the stage distribution of the stored journeys', async () => {
    const answer = await h.api('GET', '/v1/stages')
    expect(answer.status).toBe(200)
    const journeys = profiles.map((p) => buildJourney(p.messages, { now: latestArrival.get(p.id) }))
    const expected = computeStageDistribution(journeys)
    expect(answer.body.total).toBe(profiles.length)
    expect(answer.body.noStage).toBe(expected.noStage)
    expect(
      answer.body.data.map((s: { stage: string; profiles: number }) => [s.stage, s.profiles]),
    ).toEqual(expected.stages.map((s) => [s.stage, s.current]))
  })

  it('answers 400 naming the field when a definition is invalid', async () => {
    const cases: [string, unknown, string][] = [
      ['/v1/funnels', { steps: [] }, 'steps'],
      ['/v1/funnels', { steps: [{ event: 'A' }], windowMs: -1 }, 'windowMs'],
      ['/v1/funnels', { steps: [{ event: 'A' }], colour: 'red' }, 'colour'],
      ['/v1/funnels', [1, 2], 'body'],
      ['/v1/paths', { maxSteps: 0 }, 'maxSteps'],
      ['/v1/paths', { start: 'A', end: 'B' }, 'end'],
      ['/v1/paths', { from: 'yesterday' }, 'from'],
      ['/v1/attribution', { conversion: 'Order Completed', model: 'magic' }, 'model'],
      ['/v1/attribution', { model: 'linear' }, 'conversion'],
      ['/v1/attribution', { conversion: 'X', model: 'linear', lookbackMs: 0 }, 'lookbackMs'],
    ]
    for (const [path, body, param] of cases) {
      const answer = await h.api('POST', path, { body })
      expect(answer.status, `${path} ${JSON.stringify(body)}`).toBe(400)
      expect(answer.body.error).toMatchObject({ code: 'invalid_request', param })
    }
  })

  it('keeps analytics inside the workspace of the secret key', async () => {
    const funnel = await h.api('POST', '/v1/funnels', {
      key: h.other.secretKey,
      body: { steps: [{ event: 'Product Viewed' }] },
    })
    expect(funnel.body.steps[0].count).toBe(0)
    const stages = await h.api('GET', '/v1/stages', { key: h.other.secretKey })
    expect(stages.body.total).toBe(0)
    expect((await h.api('GET', '/v1/stages', { key: h.workspace.writeKey })).status).toBe(401)
  })
})

describe('workspace analytics while profiles change', () => {
  it('stays equal to the core after new profiles, merges, earlier events and a deletion', async () => {
    const c = await startApiHarness()
    try {
      const workspaceId = c.workspace.workspace.id
      const stitched = async () => {
        const graph = await c.collector.projector.graph(workspaceId)
        const list: ProfileEvents[] = []
        for (const resolved of graph.profiles()) {
          const stored = await c.collector.store.getMessagesByIds(workspaceId, resolved.messageIds)
          list.push({ id: resolved.id, messages: stored.map((m) => m.message) })
        }
        return list
      }
      const definition: FunnelDefinition = {
        steps: [{ event: 'Viewed' }, { event: 'Added' }, { event: 'Bought' }],
      }
      const check = async () => {
        const answer = await c.api('POST', '/v1/funnels', { body: definition })
        expect(answer.body.steps).toEqual(
          computeFunnel(await stitched(), definition).steps.map(wireStep),
        )
        const paths = await c.api('POST', '/v1/paths', { body: { maxSteps: 3 } })
        expect(paths.body).toEqual(computePaths(await stitched(), { depth: 3 }))
        return answer.body.steps.map((s: { count: number }) => s.count) as number[]
      }
      const t = (minute: number) => new Date(Date.UTC(2026, 1, 1, 9, minute)).toISOString()
      const ev = (who: Record<string, string>, id: string, event: string, minute: number) => ({
        type: 'track',
        ...who,
        messageId: id,
        event,
        timestamp: t(minute),
      })
      await c.send([
        ev({ anonymousId: 'a1' }, 'm1', 'Viewed', 1),
        ev({ userId: 'u1' }, 'm2', 'Added', 2),
        ev({ userId: 'u2' }, 'm3', 'Viewed', 1),
      ])
      expect(await check()).toEqual([2, 0, 0])
      // a1 and u1 become one person; u2 gets an earlier event; a new person arrives.
      await c.send([
        { type: 'identify', anonymousId: 'a1', userId: 'u1', messageId: 'm4', timestamp: t(3) },
        ev({ userId: 'u1' }, 'm5', 'Bought', 4),
        ev({ userId: 'u2' }, 'm6', 'Added', 0),
        ev({ userId: 'u3' }, 'm7', 'Viewed', 5),
      ])
      expect(await check()).toEqual([3, 1, 1])
      expect((await c.api('DELETE', '/v1/profiles/user_id%3Au1')).status).toBe(200)
      expect(await check()).toEqual([2, 0, 0])
    } finally {
      await c.close()
    }
  })
})

describe('paths over pages without a name', () => {
  it('names them by their path, read or cached, as computePaths does', async () => {
    const c = await startApiHarness()
    try {
      const t = (minute: number) => new Date(Date.UTC(2026, 1, 1, 9, minute)).toISOString()
      // analytics.js's page() sends no name: only the page's path, url and title.
      const visit = (who: string, paths: string[], start: number) =>
        paths.map((path, i) => ({
          type: 'page',
          anonymousId: who,
          messageId: `${who}-${i}`,
          timestamp: t(start + i),
          properties: i % 2 === 0 ? { path, url: `https://shop.test${path}` } : {},
          context: i % 2 === 0 ? {} : { page: { url: `https://shop.test${path}?ref=mail` } },
        }))
      await c.send([
        ...visit('a', ['/', '/pricing', '/signup'], 0),
        ...visit('b', ['/', '/pricing', '/docs'], 10),
        ...visit('c', ['/blog', '/pricing'], 20),
        { type: 'page', anonymousId: 'c', messageId: 'c-x', timestamp: t(30), properties: {} },
        { type: 'page', anonymousId: 'c', messageId: 'c-y', timestamp: t(31), name: 'Home' },
      ])
      const workspaceId = c.workspace.workspace.id
      const graph = await c.collector.projector.graph(workspaceId)
      const profiles: ProfileEvents[] = []
      for (const resolved of graph.profiles()) {
        const stored = await c.collector.store.getMessagesByIds(workspaceId, resolved.messageIds)
        profiles.push({ id: resolved.id, messages: stored.map((m) => m.message) })
      }
      profiles.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      for (const query of [{ maxSteps: 4 }, { start: '/pricing', maxSteps: 2 }]) {
        // Twice: the first answer reads the rows, the second the workspace's cached timelines.
        for (let i = 0; i < 2; i++) {
          const answer = await c.api('POST', '/v1/paths', { body: query })
          expect(answer.status).toBe(200)
          const { maxSteps, ...rest } = query
          expect(answer.body).toEqual(computePaths(profiles, { ...rest, depth: maxSteps }))
        }
      }
      const all = await c.api('POST', '/v1/paths', { body: { maxSteps: 4 } })
      expect(all.body.paths).toContainEqual({ steps: ['/', '/pricing', '/signup'], count: 1 })
      expect(all.body.paths).toContainEqual({
        steps: ['/blog', '/pricing', '(page)', 'Home'],
        count: 1,
      })
      const fromPricing = await c.api('POST', '/v1/paths', { body: { start: '/pricing' } })
      expect(fromPricing.body.profiles).toBe(3)
    } finally {
      await c.close()
    }
  })
})
