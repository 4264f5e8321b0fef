import { Identify, Revenue, createInstance } from '@amplitude/analytics-node'
import { afterEach, describe, expect, it } from 'vitest'
import { post, profileIdsOf, startHarness, type Harness } from './harness.js'

let harness: Harness | undefined
afterEach(async () => {
  await harness?.close()
  harness = undefined
})

let counter = 0
/** An event as Amplitude's Node SDK sends it, with a unique insert_id. */
function event(eventType: string, fields: Record<string, unknown> = {}) {
  counter += 1
  return {
    event_type: eventType,
    user_id: 'amp-user',
    time: Date.parse('2026-03-01T10:00:00.000Z'),
    insert_id: `3f2a9c1e-0000-4000-8000-${String(counter).padStart(12, '0')}`,
    event_id: counter,
    library: 'amplitude-node-ts/1.5.73',
    ...fields,
  }
}

/** Sends an Amplitude request body to `path` and returns the status and answer. */
const send = (path: string, body: unknown) => post(`${harness!.url}${path}`, body)

describe('Amplitude Node SDK (@amplitude/analytics-node) against the collector', () => {
  it.each([
    ['the HTTP API', '/2/httpapi', false],
    ['the Batch API', '/batch', true],
  ])(
    'sends unchanged through %s; every call is stored once and resolves into one profile',
    async (_, path, useBatch) => {
      harness = await startHarness()
      const { url, workspace, collector } = harness
      const client = createInstance()
      await client.init(workspace.writeKey, {
        serverUrl: `${url}${path}`,
        useBatch,
        flushIntervalMillis: 50,
        logLevel: 0,
      }).promise
      const visitor = { device_id: 'amp-device-1' }
      const user = { user_id: 'amp-user', device_id: 'amp-device-1' }
      const results = await Promise.all([
        client.track('Product Viewed', { sku: 'MUG-1', price: 12.5 }, visitor).promise,
        client.identify(
          new Identify().set('email', 'Amp@Example.com').setOnce('plan', 'free'),
          user,
        ).promise,
        client.track('Order Completed', { revenue: 12.5 }, user).promise,
        client.groupIdentify('company', 'acme', new Identify().set('name', 'Acme'), user).promise,
        client.revenue(new Revenue().setProductId('MUG-1').setPrice(12.5).setQuantity(1), user)
          .promise,
      ])
      expect(results.map((result) => result.code)).toEqual([200, 200, 200, 200, 200])
      await client.flush().promise

      const stored = await harness.stored()
      expect(stored.map((m) => m.type)).toEqual(['track', 'identify', 'track', 'group', 'track'])
      expect(new Set(stored.map((m) => m.messageId)).size).toBe(5)
      const [viewed, identify, order, group, revenue] = stored.map((m) => m.message)
      expect(viewed).toMatchObject({
        event: 'Product Viewed',
        anonymousId: 'amp-device-1',
        properties: { sku: 'MUG-1', price: 12.5 },
        context: { library: { name: 'amplitude-node-ts' } },
      })
      expect(viewed).not.toHaveProperty('userId')
      expect(identify).toMatchObject({
        userId: 'amp-user',
        anonymousId: 'amp-device-1',
        traits: { email: 'Amp@Example.com', plan: 'free' },
      })
      expect(order).toMatchObject({ userId: 'amp-user', properties: { revenue: 12.5 } })
      expect(group).toMatchObject({
        groupId: 'acme',
        traits: { name: 'Acme', group_type: 'company' },
      })
      expect(revenue).toMatchObject({
        event: 'revenue_amount',
        properties: { $productId: 'MUG-1', $price: 12.5, $quantity: 1 },
      })
      for (const { message } of stored) {
        expect(JSON.stringify(message)).not.toContain(workspace.writeKey)
      }

      await collector.projector.flush()
      const profiles = await profileIdsOf(collector, workspace.workspace.id, [
        { type: 'user_id', value: 'amp-user' },
        { type: 'anonymous_id', value: 'amp-device-1' },
        { type: 'email', value: 'amp@example.com' },
      ])
      expect(profiles[0]).toBeDefined()
      expect(new Set(profiles).size).toBe(1)
    },
  )

  it('drops the events of an unknown API key once, without sending them again', async () => {
    harness = await startHarness()
    let requests = 0
    harness.server.server.on('request', () => requests++)
    const client = createInstance()
    await client.init('wk_unknown', {
      serverUrl: `${harness.url}/2/httpapi`,
      flushIntervalMillis: 50,
      logLevel: 0,
    }).promise
    const result = await client.track('Product Viewed', {}, { user_id: 'amp-user' }).promise
    expect(result.code).toBe(401)
    expect(result.message).toMatch(/^Invalid API key/)
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(requests).toBe(1)
    expect(await harness.stored()).toEqual([])
  })
})

describe('Amplitude HTTP API (POST /2/httpapi, /batch)', () => {
  it('stores a request sent twice once: the retry is ingested as duplicates', async () => {
    harness = await startHarness()
    const body = {
      api_key: harness.workspace.writeKey,
      events: [event('Order Completed', { revenue: 30 }), event('Seat Added')],
      client_upload_time: new Date().toISOString(),
    }
    const first = await send('/2/httpapi', body)
    expect(first.status).toBe(200)
    expect(first.body).toMatchObject({ code: 200, events_ingested: 2 })
    const again = await send('/batch', body)
    expect(again.body).toMatchObject({ code: 200, events_ingested: 2 })
    expect(await harness.stored()).toHaveLength(2)
  })

  it('answers 400 naming each invalid event by field, and stores the valid ones', async () => {
    harness = await startHarness()
    const valid = event('Product Viewed')
    const body = {
      api_key: harness.workspace.writeKey,
      events: [
        event(''),
        valid,
        event('Product Viewed', { user_id: undefined }),
        event('Product Viewed', { time: 'yesterday' }),
        event('Product Viewed', { event_properties: 'MUG-1' }),
      ],
    }
    const { status, body: answer } = await send('/2/httpapi', body)
    expect(status).toBe(400)
    expect(answer).toMatchObject({
      code: 400,
      events_with_missing_fields: { event_type: [0], user_id: [2] },
      events_with_invalid_fields: { time: [3], event_properties: [4] },
    })
    expect(answer).not.toHaveProperty('missing_field')
    expect(String(answer.error)).toContain('events[0].event_type: required')
    expect((await harness.stored()).map((m) => m.messageId)).toEqual([valid.insert_id])
  })

  it('names the Amplitude field when the collector refuses a mapped event', async () => {
    harness = await startHarness()
    const tooLong = event('x'.repeat(40_000))
    const { status, body } = await send('/2/httpapi', {
      api_key: harness.workspace.writeKey,
      events: [event('Product Viewed'), tooLong],
    })
    expect(status).toBe(400)
    const rejected = body.rejected as { index: number; errors: { field: string }[] }[]
    expect(rejected.map((entry) => entry.index)).toEqual([1])
    const fields = Object.keys(body.events_with_invalid_fields as object)
    expect(fields.length).toBeGreaterThan(0)
    for (const field of fields) expect(['event', 'event_type']).toContain(field)
    expect(await harness.stored()).toHaveLength(1)
  })

  it("answers a missing or unknown api_key, and a body without events, in Amplitude's shape", async () => {
    harness = await startHarness()
    const missing = await send('/2/httpapi', { events: [event('Product Viewed')] })
    expect(missing.status).toBe(401)
    expect(missing.body).toMatchObject({ code: 401 })
    expect(String(missing.body.error)).toMatch(/^Invalid API key: the api_key is missing/)
    const unknown = await send('/2/httpapi', { api_key: 'wk_unknown', events: [] })
    expect(unknown.body).toMatchObject({ code: 401 })
    const shapeless = await send('/2/httpapi', { api_key: harness.workspace.writeKey, event: {} })
    expect(shapeless).toMatchObject({ status: 400, body: { code: 400, missing_field: 'events' } })
    const notJson = await post(`${harness.url}/2/httpapi`, undefined, { raw: '{"api_key":' })
    expect(notJson).toMatchObject({ status: 400, body: { code: 400 } })
  })

  it('asks a rate-limited sender to wait with every event of the request', async () => {
    harness = await startHarness({ rateLimit: { requestsPerSecond: 1, burst: 1 } })
    const body = () => ({
      api_key: harness!.workspace.writeKey,
      events: [event('Product Viewed'), event('Seat Added')],
    })
    expect((await send('/2/httpapi', body())).status).toBe(200)
    const limited = await send('/2/httpapi', body())
    expect(limited.status).toBe(429)
    expect(limited.body).toMatchObject({ code: 429, throttled_events: [0, 1] })
  })

  it("answers the browser SDK's remote configuration with nothing changed, for known keys only", async () => {
    harness = await startHarness()
    const config = await fetch(
      `${harness.url}/amplitude/config/${harness.workspace.writeKey}?config_group=browser`,
    )
    expect(config.status).toBe(200)
    expect(await config.json()).toEqual({ configs: {} })
    const unknown = await fetch(`${harness.url}/amplitude/config/wk_unknown?config_group=browser`)
    expect(unknown.status).toBe(404)
  })
})
