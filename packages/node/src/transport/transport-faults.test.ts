import { gunzipSync } from 'node:zlib'
import { HttpResponse, delay, http } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { Analytics, type DropEvent, type RetryEvent } from '@itinera/node'

const HOST = 'http://collector.test'
const server = setupServer()
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => server.resetHandlers())
afterAll(() => server.close())

interface Received {
  headers: Headers
  batch: { messageId: string; event?: string }[]
  context: unknown
  sentAt: string
}

async function decode(request: Request): Promise<Received> {
  const raw = Buffer.from(await request.arrayBuffer())
  const text =
    request.headers.get('content-encoding') === 'gzip' ? gunzipSync(raw).toString() : raw.toString()
  const body = JSON.parse(text) as Omit<Received, 'headers'>
  return { headers: request.headers, ...body }
}

/** Answers each request with `answer(n)` (n from 0) and records the acknowledged messageIds. */
function collector(answer: (n: number, received: Received) => Promise<Response> | Response) {
  const acked = new Map<string, number>()
  const received: Received[] = []
  server.use(
    http.post(`${HOST}/v1/batch`, async ({ request }) => {
      const body = await decode(request)
      received.push(body)
      const response = await answer(received.length - 1, body)
      if (response.status === 200) {
        for (const m of body.batch) acked.set(m.messageId, (acked.get(m.messageId) ?? 0) + 1)
      }
      return response
    }),
  )
  return { acked, received }
}

const ok = () => HttpResponse.json({ success: true })

function client(options: Partial<ConstructorParameters<typeof Analytics>[0]> = {}) {
  const analytics = new Analytics({
    writeKey: 'wk_test',
    host: HOST,
    retryBaseDelay: 1,
    flushOnExit: false,
    ...options,
  })
  const drops: DropEvent[] = []
  const retries: RetryEvent[] = []
  const errors: Error[] = []
  analytics.on('drop', (event) => drops.push(event))
  analytics.on('retry', (event) => retries.push(event))
  analytics.on('error', (error) => errors.push(error))
  return { analytics, drops, retries, errors }
}

const track = (analytics: Analytics, n: number, prefix = 'm') =>
  Array.from({ length: n }, (_, i) => {
    analytics.track({ userId: `u${i}`, event: 'Order Completed', messageId: `${prefix}${i}` })
    return `${prefix}${i}`
  })

describe('Analytics transport', () => {
  it('sends each message as JSON.stringify would write it: unicode, escapes, dates, nesting', async () => {
    const { received } = collector(ok)
    const { analytics } = client()
    const properties = {
      name: 'Zoë 😀 "quoted" \\ line\nbreak \u0000',
      lone: '\ud800 alone',
      at: new Date('2024-05-01T10:00:00.000Z'),
      nested: { list: [1, -2.5, null, undefined, { deep: [true, false] }], skip: undefined },
      numbers: [0, -0, 2 ** 31, 1e21, Number.NaN, Number.POSITIVE_INFINITY],
      custom: { toJSON: (key: string) => `toJSON(${key})` },
    }
    const timestamp = '2024-05-01T10:00:00.000Z'
    const call = { userId: 'u1', event: 'Wire', messageId: 'w1', timestamp, properties }
    analytics.track(call)
    await analytics.flush()
    expect(received[0]?.batch[0]).toEqual(JSON.parse(JSON.stringify({ ...call, type: 'track' })))
    await analytics.close()
  })

  it('sends gzip JSON with Basic auth, the library context and sentAt when it flushes', async () => {
    const { received } = collector(ok)
    const { analytics } = client()
    track(analytics, 3)
    await analytics.flush()
    expect(received).toHaveLength(1)
    const [request] = received
    expect(request?.headers.get('content-encoding')).toBe('gzip')
    expect(request?.headers.get('authorization')).toBe(
      `Basic ${Buffer.from('wk_test:').toString('base64')}`,
    )
    expect(request?.batch.map((m) => m.messageId)).toEqual(['m0', 'm1', 'm2'])
    expect(request?.context).toEqual({ library: { name: '@itinera/node', version: '0.1.0' } })
    expect(Date.parse(request?.sentAt ?? '')).not.toBeNaN()
    await analytics.close()
  })

  it('sends uncompressed JSON when gzip is off', async () => {
    const { received } = collector(ok)
    const { analytics } = client({ gzip: false })
    track(analytics, 1)
    await analytics.close()
    expect(received[0]?.headers.get('content-encoding')).toBeNull()
    expect(received[0]?.batch).toHaveLength(1)
  })

  it('splits batches by flushAt when more messages are queued', async () => {
    const { received, acked } = collector(ok)
    const { analytics } = client({ flushAt: 10 })
    track(analytics, 25)
    await analytics.close()
    expect(received.map((r) => r.batch.length).sort((a, b) => a - b)).toEqual([5, 10, 10])
    expect(acked.size).toBe(25)
  })

  it.each([true, false])(
    'delivers a burst that outruns compression exactly once (gzip %s)',
    async (gzip) => {
      const { received, acked } = collector(ok)
      const { analytics } = client({ flushAt: 5, gzip })
      const ids = track(analytics, 100)
      await analytics.close()
      expect(received.every((r) => r.batch.length === 5)).toBe(true)
      expect([...acked.keys()].sort()).toEqual([...ids].sort())
      expect([...acked.values()].every((n) => n === 1)).toBe(true)
    },
  )

  it('keeps every request under maxBatchBytes when messages are large', async () => {
    const { received, acked } = collector(ok)
    const { analytics } = client({ maxBatchBytes: 20_000 })
    for (let i = 0; i < 20; i++) {
      analytics.track({
        userId: 'u',
        event: 'Big',
        messageId: `b${i}`,
        properties: { blob: 'x'.repeat(3000) },
      })
    }
    await analytics.close()
    for (const request of received) {
      expect(Buffer.byteLength(JSON.stringify(request))).toBeLessThanOrEqual(20_000)
    }
    expect(received.length).toBeGreaterThan(3)
    expect(acked.size).toBe(20)
  })

  it('retries a 5xx storm until the collector recovers, without loss or duplicates', async () => {
    const { acked } = collector((n) =>
      n < 6 ? new HttpResponse('overloaded', { status: 503 }) : ok(),
    )
    const { analytics, retries, drops } = client({ flushAt: 5 })
    const ids = track(analytics, 20)
    await analytics.close()
    expect([...acked.keys()].sort()).toEqual([...ids].sort())
    expect([...acked.values()].every((times) => times === 1)).toBe(true)
    expect(retries).toHaveLength(6)
    expect(retries[0]?.error.status).toBe(503)
    expect(drops).toEqual([])
  })

  it('waits for Retry-After when the collector answers 429', async () => {
    const { acked } = collector((n) =>
      n === 0
        ? HttpResponse.json(
            { error: { message: 'slow down' } },
            { status: 429, headers: { 'retry-after': '1' } },
          )
        : ok(),
    )
    const { analytics, retries } = client()
    track(analytics, 2)
    await analytics.flush()
    expect(retries).toHaveLength(1)
    expect(retries[0]?.delayMs).toBe(1000)
    expect(retries[0]?.error.message).toBe('collector answered 429: slow down')
    expect(acked.size).toBe(2)
    await analytics.close()
  })

  it('retries a request that times out', async () => {
    const { acked } = collector(async (n) => {
      if (n === 0) await delay(2_000)
      return ok()
    })
    const { analytics, retries } = client({ timeout: 100 })
    track(analytics, 3)
    await analytics.flush()
    expect(retries[0]?.error.message).toBe('request timed out after 100 ms')
    expect(acked.size).toBe(3)
    await analytics.close()
  })

  it('drops only the rejected messages when the collector answers a partial 400', async () => {
    collector((_, received) =>
      HttpResponse.json(
        {
          success: false,
          accepted: received.batch.length - 1,
          rejected: [
            {
              index: 1,
              messageId: received.batch[1]?.messageId,
              errors: [{ index: 1, path: 'properties.total', message: 'must be a number' }],
            },
          ],
        },
        { status: 400 },
      ),
    )
    const { analytics, drops, retries } = client()
    const results: [string, string | undefined][] = []
    for (let i = 0; i < 3; i++) {
      analytics.track({ userId: 'u', event: 'E', messageId: `p${i}` }, (error, message) =>
        results.push([String(message?.messageId), error?.message]),
      )
    }
    const flushed = new Promise((resolve) => analytics.once('flush', resolve))
    await analytics.flush()
    expect(await flushed).toMatchObject({ sent: 2, rejected: 1, status: 400 })
    await new Promise((resolve) => setImmediate(resolve))
    expect(results.sort()).toEqual([
      ['p0', undefined],
      ['p1', 'batch[1].properties.total: must be a number'],
      ['p2', undefined],
    ])
    expect(drops).toEqual([expect.objectContaining({ reason: 'rejected', messageIds: ['p1'] })])
    expect(retries).toEqual([])
    await analytics.close()
  })

  it('drops the whole batch with the server message when it answers 401', async () => {
    collector(() => HttpResponse.json({ error: { message: 'unknown write key' } }, { status: 401 }))
    const { analytics, drops, retries } = client()
    track(analytics, 2)
    await analytics.close()
    expect(retries).toEqual([])
    expect(drops).toHaveLength(1)
    expect(drops[0]).toMatchObject({ reason: 'rejected', messageIds: ['m0', 'm1'] })
    expect(drops[0]?.error.message).toBe('collector answered 401: unknown write key')
  })

  it('reports retries_exhausted when every attempt fails', async () => {
    collector(() => new HttpResponse(null, { status: 500 }))
    const { analytics, drops, retries } = client({ maxRetries: 2 })
    track(analytics, 1)
    await analytics.flush()
    expect(retries).toHaveLength(2)
    expect(drops).toEqual([
      expect.objectContaining({ reason: 'retries_exhausted', messageIds: ['m0'] }),
    ])
    expect(analytics.stats.dropped.retries_exhausted).toBe(1)
    await analytics.close()
  })

  it('retries at once, without waiting out its backoff, when another request succeeds', async () => {
    const { acked } = collector(async (_, received) => {
      if (received.batch[0]?.messageId === 'm0' && !acked.has('m0') && retriesSeen === 0) {
        return new HttpResponse(null, { status: 503 })
      }
      // The healthy answer comes after the failure, so the failed request is already waiting.
      await delay(100)
      return ok()
    })
    let retriesSeen = 0
    // A one-minute backoff ceiling: without the early wake-up this flush would take seconds.
    const { analytics, retries } = client({ flushAt: 1, retryBaseDelay: 60_000 })
    analytics.on('retry', () => retriesSeen++)
    track(analytics, 2)
    await analytics.flush()
    expect(retries).toHaveLength(1)
    expect(acked.size).toBe(2)
    await analytics.close()
  })

  it('retries network errors and keeps the messages', async () => {
    const { acked } = collector((n) => (n < 2 ? HttpResponse.error() : ok()))
    const { analytics, retries } = client()
    track(analytics, 4)
    await analytics.close()
    expect(retries).toHaveLength(2)
    expect(acked.size).toBe(4)
  })
})
