import { PostHog } from 'posthog-node'
import { gzipSync } from 'node:zlib'
import { afterEach, describe, expect, it } from 'vitest'
import { post, startHarness, type Harness } from './harness.js'

let harness: Harness | undefined
afterEach(async () => {
  await harness?.close()
  harness = undefined
})

const profileOf = (ref: { type: string; value: string }) =>
  harness!.collector.store.findProfileIdByIdentifier(harness!.workspace.workspace.id, ref)

let counter = 0
/** An event as posthog-node sends it, with a unique uuid. */
function event(name: string, properties: Record<string, unknown> = {}, distinctId = 'ph-user') {
  counter += 1
  return {
    event: name,
    distinct_id: distinctId,
    uuid: `0190a000-0000-7000-8000-${String(counter).padStart(12, '0')}`,
    timestamp: '2026-03-01T10:00:00.000Z',
    properties: { $lib: 'posthog-node', $lib_version: '5.70.0', ...properties },
  }
}

/** A rejected event's receipt in a 400 answer. */
interface Receipt {
  index: number
  messageId?: string
  errors: { path: string; message: string }[]
}

/** POSTs raw bytes with headers, returning status and parsed answer. */
async function send(path: string, body: string | Buffer, headers: Record<string, string> = {}) {
  const response = await fetch(`${harness!.url}${path}`, { method: 'POST', headers, body })
  return { status: response.status, body: (await response.json()) as Record<string, unknown> }
}

describe('posthog-node against the collector', () => {
  it('sends unchanged; every call is stored once as its Segment message and resolves into profiles', async () => {
    harness = await startHarness()
    const { url, workspace } = harness
    const client = new PostHog(workspace.writeKey, { host: url, flushAt: 100, flushInterval: 0 })
    const failures: unknown[] = []
    client.on('error', (error) => failures.push(error))
    client.capture({ distinctId: 'ph-user', event: 'Order Completed', properties: { revenue: 30 } })
    client.identify({
      distinctId: 'ph-user',
      properties: { email: 'PH@Example.com', $anon_distinct_id: 'ph-anon' },
    })
    client.alias({ distinctId: 'ph-user', alias: 'ph-legacy' })
    client.groupIdentify({ groupType: 'company', groupKey: 'acme', properties: { name: 'Acme' } })
    client.groupIdentify({ groupType: 'company', groupKey: 'acme', distinctId: 'ph-user' })
    client.capture({ distinctId: 'ph-user', event: 'Seat Added', groups: { company: 'acme' } })
    await client.shutdown()
    expect(failures).toEqual([])

    const stored = await harness!.stored()
    expect(stored.map((m) => m.type)).toEqual([
      'track',
      'identify',
      'alias',
      'group',
      'group',
      'track',
    ])
    expect(new Set(stored.map((m) => m.messageId)).size).toBe(6)
    const [order, identify, alias, placeholder, group, seat] = stored.map((m) => m.message)
    expect(order).toMatchObject({
      event: 'Order Completed',
      userId: 'ph-user',
      properties: { revenue: 30, $is_server: true },
      context: { library: { name: 'posthog-node', version: '5.70.0' } },
    })
    expect(identify).toMatchObject({
      userId: 'ph-user',
      anonymousId: 'ph-anon',
      traits: { email: 'PH@Example.com' },
    })
    expect(alias).toMatchObject({ userId: 'ph-user', previousId: 'ph-legacy' })
    // Group properties without a person: the group's own profile, never a user.
    expect(placeholder).toMatchObject({ anonymousId: '$company_acme', groupId: 'acme' })
    expect(placeholder).not.toHaveProperty('userId')
    expect(placeholder?.traits).toEqual({ name: 'Acme', $group_type: 'company' })
    expect(group).toMatchObject({ userId: 'ph-user', groupId: 'acme' })
    expect(seat).toMatchObject({
      event: 'Seat Added',
      properties: { $groups: { company: 'acme' } },
    })
    for (const { message } of stored) {
      expect(JSON.stringify(message)).not.toContain(workspace.writeKey)
    }

    await harness.collector.projector.flush()
    const user = await profileOf({ type: 'user_id', value: 'ph-user' })
    expect(user).toBeDefined()
    for (const ref of [
      { type: 'anonymous_id', value: 'ph-anon' },
      { type: 'anonymous_id', value: 'ph-legacy' },
      { type: 'email', value: 'ph@example.com' },
    ]) {
      expect(await profileOf(ref), ref.value).toBe(user)
    }
    expect(await profileOf({ type: 'anonymous_id', value: '$company_acme' })).not.toBe(user)
  })

  it('stores a batch sent twice once: a retry is acknowledged as duplicates', async () => {
    harness = await startHarness()
    const batch = {
      api_key: harness.workspace.writeKey,
      batch: [event('Order Completed', { revenue: 30 }), event('Seat Added')],
      sent_at: new Date().toISOString(),
    }
    const gzip = { 'content-type': 'application/json', 'content-encoding': 'gzip' }
    const first = await send('/batch/', gzipSync(JSON.stringify(batch)), gzip)
    expect(first).toEqual({ status: 200, body: { success: true } })
    const again = await send('/batch/', gzipSync(JSON.stringify(batch)), gzip)
    expect(again).toEqual({
      status: 200,
      body: { success: true, duplicates: batch.batch.map((e) => e.uuid) },
    })
    expect(await harness!.stored()).toHaveLength(2)
  })
})

describe('PostHog capture API (POST /e/, /batch/, /i/v0/e/, /capture/, /track/)', () => {
  it('reads plain JSON, gzip, gzip-js, base64 forms and JSON forms, batches, single events and arrays', async () => {
    harness = await startHarness()
    const key = harness.workspace.writeKey
    const json = { 'content-type': 'application/json' }
    const form = { 'content-type': 'application/x-www-form-urlencoded' }
    const text = { 'content-type': 'text/plain' }
    const batchOf = (name: string) => JSON.stringify({ api_key: key, batch: [event(name)] })
    const base64 = (value: string) => Buffer.from(value).toString('base64')
    // Each way sends one event named for it.
    const ways: Record<string, [string, string | Buffer, Record<string, string>]> = {
      json: ['/e/', batchOf('json'), json],
      gzip: ['/batch/', gzipSync(batchOf('gzip')), { ...json, 'content-encoding': 'gzip' }],
      'gzip-js': ['/e/', gzipSync(batchOf('gzip-js')), text],
      'gzip-js named': ['/e/?compression=gzip-js', gzipSync(batchOf('gzip-js named')), text],
      base64: [
        '/e/?compression=base64',
        `data=${encodeURIComponent(base64(batchOf('base64')))}`,
        form,
      ],
      'form json': ['/i/v0/e/', `data=${encodeURIComponent(batchOf('form json'))}`, form],
      single: ['/capture/', JSON.stringify({ ...event('single'), api_key: key }), json],
      array: ['/track', JSON.stringify([event('array', { token: key })]), json],
    }
    for (const [name, [path, body, headers]] of Object.entries(ways)) {
      const answer = await send(path, body, headers)
      expect(answer, name).toEqual({ status: 200, body: { success: true } })
    }
    const stored = await harness.stored()
    expect(stored.map((m) => m.message.event)).toEqual(Object.keys(ways))
  })

  it('stores the valid events of a batch and names each invalid one by its index and field', async () => {
    harness = await startHarness()
    const valid = event('Order Completed')
    const noDistinctId = { ...event('Seat Added'), distinct_id: undefined }
    const badTime = { ...event('Seat Removed'), timestamp: 'yesterday' }
    const answer = await post(`${harness.url}/e/`, {
      api_key: harness.workspace.writeKey,
      batch: [noDistinctId, valid, badTime],
    })
    expect(answer.status).toBe(400)
    expect(answer.body).toMatchObject({ success: false, accepted: 1 })
    const rejected = answer.body.rejected as Receipt[]
    expect(rejected.map(({ index, messageId, errors }) => [index, messageId, errors])).toEqual([
      [
        0,
        noDistinctId.uuid,
        [{ path: 'distinct_id', message: expect.stringMatching(/^required/) }],
      ],
      [2, badTime.uuid, [{ path: 'timestamp', message: expect.stringMatching(/^must be an ISO/) }]],
    ])
    expect((await harness!.stored()).map((m) => m.messageId)).toEqual([valid.uuid])
    // Fields of the envelope are named as PostHog names them too.
    const late = await post(`${harness.url}/e/`, {
      api_key: harness.workspace.writeKey,
      sent_at: 'soon',
      batch: [event('Seat Moved')],
    })
    expect((late.body.rejected as Receipt[])[0]?.errors).toEqual([
      { path: 'sent_at', message: expect.stringMatching(/^must be an ISO/) },
    ])
  })

  it('answers a body it cannot decode with 400 or 415 and stores nothing', async () => {
    harness = await startHarness()
    const key = harness.workspace.writeKey
    const gzip = gzipSync(JSON.stringify({ api_key: key, batch: [event('e')] }))
    const cases: [string, string | Buffer, Record<string, string>][] = [
      ['/e/', gzip.subarray(0, gzip.length - 8), { 'content-type': 'text/plain' }],
      ['/e/?compression=base64', 'data=%%%not-base64', {}],
      ['/e/?compression=base64', 'events=e30', {}],
      ['/e/', '{"api_key": ', { 'content-type': 'application/json' }],
      ['/e/', '{"api_key": "k", "events": []}', { 'content-type': 'application/json' }],
      ['/e/?compression=lz64', 'data=abc', {}],
    ]
    const answers = []
    for (const [path, body, headers] of cases) {
      const { status, body: answer } = await send(path, body, headers)
      answers.push([status, (answer.error as { message: string }).message])
    }
    expect(answers).toMatchInlineSnapshot(`
      [
        [
          400,
          "the gzip request body could not be decompressed",
        ],
        [
          400,
          "the form's "data" field is neither JSON nor base64",
        ],
        [
          400,
          "the form body has no "data" field holding the events",
        ],
        [
          400,
          "the request body is not valid JSON",
        ],
        [
          400,
          "the body is neither a PostHog batch ({"api_key", "batch": [...]}) nor an event ({"event", "distinct_id", "properties"})",
        ],
        [
          415,
          "compression "lz64" is not supported; send gzip-js, base64 or plain JSON",
        ],
      ]
    `)
    expect(await harness!.stored()).toEqual([])
  })

  it('answers 401 without a token, with an unknown one, or with two in one request', async () => {
    harness = await startHarness()
    const key = harness.workspace.writeKey
    const cases = [
      { batch: [event('e')] },
      { api_key: 'wk_unknown', batch: [event('e')] },
      { api_key: key, batch: [event('e'), event('f', { token: 'wk_other' })] },
    ]
    const answers = []
    for (const body of cases) {
      const answer = await post(`${harness.url}/batch/`, body)
      answers.push([answer.status, answer.body.error])
    }
    expect(answers).toMatchInlineSnapshot(`
      [
        [
          401,
          {
            "code": "missing_write_key",
            "message": "the PostHog project token is missing: initialize the SDK with the workspace write key as its token",
          },
        ],
        [
          401,
          {
            "code": "invalid_write_key",
            "message": "the write key is not valid",
          },
        ],
        [
          401,
          {
            "code": "invalid_write_key",
            "message": "the events of one request name different tokens",
          },
        ],
      ]
    `)
    expect(await harness!.stored()).toEqual([])
  })

  it('applies the body limit after decompression, refusing a gzip bomb with 413', async () => {
    harness = await startHarness({ limits: { maxBatchBytes: 10_000 } })
    const padding = 'x'.repeat(200_000)
    const bomb = gzipSync(
      JSON.stringify({ api_key: harness.workspace.writeKey, batch: [event('e', { padding })] }),
    )
    expect(bomb.length).toBeLessThan(10_000)
    for (const [path, headers] of [
      ['/e/', { 'content-type': 'text/plain' }],
      ['/batch/', { 'content-type': 'application/json', 'content-encoding': 'gzip' }],
    ] as const) {
      const answer = await send(path, bomb, headers)
      expect(answer.status, path).toBe(413)
      expect(answer.body).toMatchObject({ error: { code: 'payload_too_large' } })
    }
    expect(await harness!.stored()).toEqual([])
  })

  it('answers CORS for a browser on another origin', async () => {
    harness = await startHarness()
    const origin = 'https://shop.example'
    const preflight = await fetch(`${harness.url}/e/`, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST' },
    })
    expect(preflight.status).toBe(204)
    expect(preflight.headers.get('access-control-allow-origin')).toBe(origin)
    const answer = await send(
      '/e/',
      JSON.stringify({ api_key: harness.workspace.writeKey, batch: [event('e')] }),
      { origin, 'content-type': 'text/plain' },
    )
    expect(answer.status).toBe(200)
  })
})

describe("posthog-js' configuration and flags (/array/{token}/config, /flags, /decide)", () => {
  it('answers the configuration with everything the collector does not serve turned off', async () => {
    harness = await startHarness()
    const key = harness.workspace.writeKey
    const response = await fetch(`${harness.url}/array/${key}/config`)
    expect(response.headers.get('cache-control')).toBe('no-store')
    const config = (await response.json()) as Record<string, unknown>
    expect(config).toMatchObject({
      hasFeatureFlags: false,
      sessionRecording: false,
      heatmaps: false,
      autocaptureExceptions: false,
      siteApps: [],
    })
    expect(config).not.toHaveProperty('surveys')

    const script = await fetch(`${harness.url}/array/${key}/config.js`)
    expect(script.headers.get('content-type')).toBe('application/javascript; charset=utf-8')
    const window: { _POSTHOG_REMOTE_CONFIG?: Record<string, { config: unknown }> } = {}
    new Function('window', await script.text())(window)
    expect(window._POSTHOG_REMOTE_CONFIG?.[key]?.config).toEqual(config)
  })

  it('answers 404 for the configuration of an unknown token', async () => {
    harness = await startHarness()
    for (const path of ['/array/wk_unknown/config', '/array/wk_unknown/config.js']) {
      expect((await fetch(`${harness.url}${path}`)).status, path).toBe(404)
    }
  })

  it('answers /flags and /decide with no feature flags', async () => {
    harness = await startHarness()
    for (const path of ['/flags/?v=2', '/decide/?v=3']) {
      const answer = await post(`${harness.url}${path}`, { token: 'any', distinct_id: 'u1' })
      expect(answer.status, path).toBe(200)
      expect(answer.body).toMatchObject({
        flags: {},
        featureFlags: {},
        errorsWhileComputingFlags: false,
      })
    }
  })
})
