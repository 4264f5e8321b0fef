import { afterEach, describe, expect, it } from 'vitest'
import { createWorkspace } from '@itinera/collector'
import { basic, post, startHarness, track, type Harness } from './harness.js'

let harness: Harness | undefined
afterEach(async () => {
  await harness?.close()
  harness = undefined
})

describe('write key authentication', () => {
  it('answers 401 and stores nothing when the write key is missing or unknown', async () => {
    harness = await startHarness()
    const { url, collector, workspace } = harness
    const missing = await post(`${url}/v1/batch`, { batch: [track()] })
    const unknown = await post(`${url}/v1/batch`, { batch: [track()] }, { writeKey: 'wk_nope' })
    expect(missing.status).toBe(401)
    expect(missing.body).toMatchObject({ success: false, error: { code: 'missing_write_key' } })
    expect(unknown.status).toBe(401)
    expect(unknown.body).toMatchObject({ success: false, error: { code: 'invalid_write_key' } })
    expect(await collector.store.countMessages(workspace.workspace.id)).toBe(0)
  })

  it('refuses a secret key for ingestion and a write key for reading', async () => {
    harness = await startHarness()
    const { url, collector, workspace } = harness
    collector.route('GET', '/v1/whoami', async (ctx) => ({
      id: (await ctx.authenticateSecret()).id,
    }))
    const ingest = await post(
      `${url}/v1/batch`,
      { batch: [track()] },
      { writeKey: workspace.secretKey },
    )
    expect(ingest.status).toBe(401)
    const read = await fetch(`${url}/v1/whoami`, {
      headers: { authorization: `Bearer ${workspace.writeKey}` },
    })
    expect(read.status).toBe(401)
    const ok = await fetch(`${url}/v1/whoami`, {
      headers: { authorization: `Bearer ${workspace.secretKey}` },
    })
    expect(await ok.json()).toEqual({ id: workspace.workspace.id })
  })
})

describe('workspace isolation', () => {
  it('keeps the messages and keys of each workspace apart', async () => {
    harness = await startHarness()
    const { url, collector, workspace: first } = harness
    const second = await createWorkspace(collector.store, { name: 'other' })
    const shared = track()
    await post(`${url}/v1/batch`, { batch: [shared] }, { writeKey: first.writeKey })
    // The same messageId in another workspace is not a duplicate there.
    const answer = await post(
      `${url}/v1/batch`,
      { batch: [shared, track()] },
      { writeKey: second.writeKey },
    )
    expect(answer.body).toEqual({ success: true })
    expect(await collector.store.countMessages(first.workspace.id)).toBe(1)
    expect(await collector.store.countMessages(second.workspace.id)).toBe(2)
    collector.route('GET', '/v1/count', async (ctx) => {
      const ws = await ctx.authenticateSecret()
      return { count: await collector.store.countMessages(ws.id) }
    })
    const read = (key: string) =>
      fetch(`${url}/v1/count`, { headers: { authorization: `Bearer ${key}` } }).then((r) =>
        r.json(),
      )
    expect(await read(first.secretKey)).toEqual({ count: 1 })
    expect(await read(second.secretKey)).toEqual({ count: 2 })
  })
})

describe('CORS', () => {
  it('answers a preflight and echoes an allowed origin', async () => {
    harness = await startHarness()
    const { url, workspace } = harness
    const preflight = await fetch(`${url}/v1/batch`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://shop.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type, authorization',
      },
    })
    expect(preflight.status).toBe(204)
    expect(preflight.headers.get('access-control-allow-origin')).toBe('https://shop.example')
    expect(preflight.headers.get('access-control-allow-methods')).toContain('POST')
    const answer = await post(
      `${url}/v1/batch`,
      { batch: [track()] },
      {
        writeKey: workspace.writeKey,
        headers: { origin: 'https://shop.example' },
      },
    )
    expect(answer.status).toBe(200)
    expect(answer.headers.get('access-control-allow-origin')).toBe('https://shop.example')
  })

  it('refuses an origin the workspace does not allow and stores nothing', async () => {
    harness = await startHarness()
    const { url, collector } = harness
    const strict = await createWorkspace(collector.store, {
      name: 'strict',
      allowedOrigins: ['https://shop.example'],
    })
    const refused = await post(
      `${url}/v1/batch`,
      { batch: [track()] },
      {
        writeKey: strict.writeKey,
        headers: { origin: 'https://evil.example' },
      },
    )
    expect(refused.status).toBe(403)
    expect(refused.body).toMatchObject({ error: { code: 'origin_not_allowed' } })
    const allowed = await post(
      `${url}/v1/batch`,
      { batch: [track()] },
      {
        writeKey: strict.writeKey,
        headers: { origin: 'https://shop.example' },
      },
    )
    expect(allowed.status).toBe(200)
    expect(await collector.store.countMessages(strict.workspace.id)).toBe(1)
  })
})

describe('limits', () => {
  it('answers 413 for a body over 500 KB', async () => {
    harness = await startHarness()
    const { url, workspace, collector } = harness
    const big = Array.from({ length: 40 }, () =>
      track({ properties: { blob: 'x'.repeat(14_000) } }),
    )
    const answer = await post(`${url}/v1/batch`, { batch: big }, { writeKey: workspace.writeKey })
    expect(answer.status).toBe(413)
    expect(answer.body).toMatchObject({ success: false, error: { code: 'payload_too_large' } })
    expect(await collector.store.countMessages(workspace.workspace.id)).toBe(0)
  })

  it('answers 413 when a gzip body inflates past 500 KB', async () => {
    harness = await startHarness()
    const { url, workspace } = harness
    const big = Array.from({ length: 40 }, () =>
      track({ properties: { blob: 'x'.repeat(14_000) } }),
    )
    const answer = await post(
      `${url}/v1/batch`,
      { batch: big },
      { writeKey: workspace.writeKey, gzip: true },
    )
    expect(answer.status).toBe(413)
  })

  it('answers 413 for more than 2,500 messages', async () => {
    harness = await startHarness()
    const { url, workspace } = harness
    const many = Array.from({ length: 2501 }, () => ({ type: 'track', event: 'e', userId: 'u' }))
    const answer = await post(`${url}/v1/batch`, { batch: many }, { writeKey: workspace.writeKey })
    expect(answer.status).toBe(413)
    expect(answer.body).toMatchObject({ error: { code: 'too_many_messages' } })
  })

  it('answers 413 for a single call over 32 KB and rejects an oversized message inside a batch', async () => {
    harness = await startHarness()
    const { url, workspace } = harness
    const huge = track({ properties: { blob: 'x'.repeat(33_000) } })
    const single = await post(`${url}/v1/track`, huge, { writeKey: workspace.writeKey })
    expect(single.status).toBe(413)
    const batch = await post(
      `${url}/v1/batch`,
      { batch: [huge, track()] },
      { writeKey: workspace.writeKey },
    )
    expect(batch.status).toBe(400)
    expect(batch.body).toMatchObject({ accepted: 1, rejected: [{ index: 0 }] })
  })

  it('answers 429 with Retry-After past the per-key rate limit', async () => {
    harness = await startHarness({ rateLimit: { requestsPerSecond: 1, burst: 2 } })
    const { url, workspace } = harness
    const statuses: number[] = []
    let retryAfter: string | null = null
    for (let i = 0; i < 4; i++) {
      const answer = await post(
        `${url}/v1/batch`,
        { batch: [track()] },
        { writeKey: workspace.writeKey },
      )
      statuses.push(answer.status)
      if (answer.status === 429) retryAfter = answer.headers.get('retry-after')
    }
    expect(statuses.slice(0, 2)).toEqual([200, 200])
    expect(statuses).toContain(429)
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1)
  })
})

describe('Basic auth', () => {
  it('accepts the write key without the trailing colon', async () => {
    harness = await startHarness()
    const { url, workspace } = harness
    const answer = await post(
      `${url}/v1/batch`,
      { batch: [track()] },
      {
        headers: { authorization: `Basic ${Buffer.from(workspace.writeKey).toString('base64')}` },
      },
    )
    expect(answer.status).toBe(200)
    expect(basic('k')).toBe(`Basic ${Buffer.from('k:').toString('base64')}`)
  })
})

describe('error answers', () => {
  it('answers 500 without the message or a stack trace when a route throws', async () => {
    const reported: unknown[] = []
    harness = await startHarness({ onError: (error) => reported.push(error) })
    harness.collector.route('GET', '/v1/boom', () => {
      throw new Error('secret internal detail at /srv/app.ts:12')
    })
    const response = await fetch(`${harness.url}/v1/boom`)
    expect(response.status).toBe(500)
    const text = await response.text()
    expect(JSON.parse(text)).toEqual({
      success: false,
      error: { code: 'internal', message: 'the collector could not handle this request' },
    })
    expect(text).not.toContain('secret internal detail')
    expect(reported).toHaveLength(1)
  })
})
