import { HttpResponse, delay } from 'msw'
import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  createAnalytics,
  type Analytics,
  type AnalyticsEventName,
  type AnalyticsEvents,
  type AnalyticsOptions,
} from '../index'
import { HOST, installBrowser, startCollector, useServer } from '../test-env'

let keys = 0

useServer()
afterEach(() => {
  vi.useRealTimers()
})

function make(writeKey: string, options: Partial<AnalyticsOptions> = {}) {
  return createAnalytics({
    writeKey,
    host: HOST,
    trackPages: false,
    flushInterval: 60_000,
    flushAt: 1000,
    retryBaseDelay: 1,
    retryMaxDelay: 5,
    ...options,
  })
}

/** Resolves with the arguments of the next emission of `event`. */
function next<E extends AnalyticsEventName>(analytics: Analytics, event: E) {
  return new Promise<AnalyticsEvents[E]>((resolve) => {
    const off = analytics.on(event, (...args) => {
      off()
      resolve(args)
    })
  })
}

const json = (status: number, body: Record<string, unknown>, headers?: Record<string, string>) =>
  HttpResponse.json(body, { status, headers })

describe('delivery', () => {
  it('sends the write key as HTTP Basic auth and in the body, to {host}/v1/batch', async () => {
    installBrowser()
    const key = `wk_d_${++keys}`
    const collector = startCollector(key)
    const analytics = make(key)
    await analytics.track('A')
    await analytics.flush()
    const [request] = collector.requests
    expect(request!.headers.get('authorization')).toBe(`Basic ${btoa(`${key}:`)}`)
    expect(request!.headers.get('content-type')).toBe('application/json')
    expect(request!.body.writeKey).toBe(key)
    expect(request!.body.sentAt).toEqual(expect.any(String))
  })

  it('keeps a message in the outbox through 5xx answers until the server acknowledges it', async () => {
    installBrowser()
    const key = `wk_d_${++keys}`
    const collector = startCollector(key, (_, n) =>
      n < 3 ? new HttpResponse(null, { status: 503 }) : json(200, { success: true }),
    )
    const analytics = make(key)
    const retries: number[] = []
    analytics.on('retry', (d) => retries.push(d.error.status!))
    const delivered = next(analytics, 'delivered')
    const message = await analytics.track('A')
    await analytics.flush()
    expect((await delivered)[0]).toEqual([message])
    expect(retries).toEqual([503, 503])
    expect(collector.ids()).toEqual([message!.messageId, message!.messageId, message!.messageId])
    await analytics.flush()
    expect(collector.requests).toHaveLength(3)
  })

  it('backs off exponentially with full jitter between retries', async () => {
    installBrowser()
    vi.spyOn(Math, 'random').mockReturnValue(0.5)
    const key = `wk_d_${++keys}`
    startCollector(key, () => new HttpResponse(null, { status: 500 }))
    const analytics = make(key, { retryBaseDelay: 10, retryMaxDelay: 40 })
    const delays: number[] = []
    const fourth = new Promise<void>((resolve) =>
      analytics.on('retry', (d) => {
        delays.push(d.delayMs)
        if (delays.length === 4) resolve()
      }),
    )
    await analytics.track('A')
    await analytics.flush()
    await fourth
    analytics.setConsent({})
    expect(delays).toEqual([5, 10, 20, 20])
  })

  it('waits for Retry-After after a 429 before sending again', async () => {
    installBrowser()
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] })
    const key = `wk_d_${++keys}`
    const collector = startCollector(key, (_, n) =>
      n === 1 ? json(429, {}, { 'Retry-After': '2' }) : json(200, { success: true }),
    )
    const analytics = make(key, { retryMaxDelay: 300_000 })
    const retry = next(analytics, 'retry')
    await analytics.track('A')
    await analytics.flush()
    const [detail] = await retry
    expect(detail).toMatchObject({ delayMs: 2000, error: { status: 429, retryAfterMs: 2000 } })
    await analytics.flush()
    expect(collector.requests).toHaveLength(1)
    const delivered = next(analytics, 'delivered')
    await vi.advanceTimersByTimeAsync(2100)
    await delivered
    expect(collector.requests).toHaveLength(2)
  })

  it('retries a request that times out', async () => {
    installBrowser()
    const key = `wk_d_${++keys}`
    const collector = startCollector(key, async (_, n) => {
      if (n === 1) await delay('infinite')
      return json(200, { success: true })
    })
    const analytics = make(key, { requestTimeout: 20 })
    const retry = next(analytics, 'retry')
    const delivered = next(analytics, 'delivered')
    await analytics.track('A')
    await analytics.flush()
    expect((await retry)[0].error.message).toBe('network error or timeout')
    await delivered
    expect(collector.requests).toHaveLength(2)
  })

  it('counts a 2xx with a malformed body as an acknowledgement', async () => {
    installBrowser()
    const key = `wk_d_${++keys}`
    const collector = startCollector(key, () => new HttpResponse('<html>ok', { status: 200 }))
    const analytics = make(key)
    const delivered = next(analytics, 'delivered')
    await analytics.track('A')
    await analytics.flush()
    await delivered
    await analytics.flush()
    expect(collector.requests).toHaveLength(1)
  })

  it('drops only the messages a partial 400 rejects, and reports them', async () => {
    installBrowser()
    const key = `wk_d_${++keys}`
    const collector = startCollector(key, ({ body }) =>
      json(400, {
        success: false,
        accepted: 2,
        rejected: [
          {
            index: 1,
            messageId: body.batch[1]!.messageId,
            errors: [{ path: 'properties.total', message: 'must be a number' }],
          },
        ],
      }),
    )
    const analytics = make(key)
    const rejected = next(analytics, 'rejected')
    const delivered = next(analytics, 'delivered')
    const a = await analytics.track('A')
    const b = await analytics.track('B')
    const c = await analytics.track('C')
    await analytics.flush()
    expect((await rejected)[0]).toEqual([
      { message: b, errors: ['properties.total: must be a number'] },
    ])
    expect((await delivered)[0]).toEqual([a, c])
    await analytics.flush()
    expect(collector.requests).toHaveLength(1)
  })

  it('drops a whole batch on a 4xx without a rejection list', async () => {
    installBrowser()
    const key = `wk_d_${++keys}`
    const collector = startCollector(key, () => new HttpResponse('{not json', { status: 400 }))
    const analytics = make(key)
    const rejected = next(analytics, 'rejected')
    await analytics.track('A')
    await analytics.track('B')
    await analytics.flush()
    expect((await rejected)[0].map((r) => r.errors)).toEqual([
      ['rejected with HTTP 400'],
      ['rejected with HTTP 400'],
    ])
    await analytics.flush()
    expect(collector.requests).toHaveLength(1)
  })

  it('splits a batch the server refuses as too large, and drops a single oversized message', async () => {
    installBrowser()
    const key = `wk_d_${++keys}`
    const collector = startCollector(key, ({ body }) =>
      body.batch.length > 1 || body.batch[0]!.event === 'Huge'
        ? new HttpResponse(null, { status: 413 })
        : json(200, { success: true }),
    )
    const analytics = make(key)
    const rejected = next(analytics, 'rejected')
    for (const event of ['A', 'B', 'Huge', 'C']) await analytics.track(event)
    await analytics.flush()
    expect((await rejected)[0].map((r) => r.message.event)).toEqual(['Huge'])
    expect(collector.batches()).toEqual(['A,B,Huge,C', 'A,B', 'A', 'B', 'Huge', 'C'])
  })

  it('splits batches by message count and by bytes', async () => {
    installBrowser()
    const key = `wk_d_${++keys}`
    const collector = startCollector(key)
    const byCount = make(key, { maxBatchSize: 2 })
    for (let i = 0; i < 5; i++) await byCount.track(`E${i}`)
    await byCount.flush()
    expect(collector.requests.map((r) => r.body.batch.length)).toEqual([2, 2, 1])
    const key2 = `wk_d_${++keys}`
    const collector2 = startCollector(key2)
    const byBytes = make(key2, { maxBatchBytes: 4000 })
    for (let i = 0; i < 5; i++) await byBytes.track(`E${i}`, { pad: 'x'.repeat(1000) })
    await byBytes.flush()
    const sizes = collector2.requests.map((r) => JSON.stringify(r.body).length)
    expect(Math.max(...sizes)).toBeLessThanOrEqual(4000)
    expect(collector2.ids()).toHaveLength(5)
  })

  it('pauses while offline and sends when the browser is back online', async () => {
    const env = installBrowser({ online: false })
    const key = `wk_d_${++keys}`
    const collector = startCollector(key)
    const analytics = make(key)
    await analytics.track('A')
    await analytics.flush()
    expect(collector.requests).toHaveLength(0)
    const delivered = next(analytics, 'delivered')
    env.setOnline(true)
    await delivered
    expect(collector.ids()).toHaveLength(1)
  })

  it('evicts the oldest messages when the outbox is full, and reports them', async () => {
    const env = installBrowser({ online: false })
    const key = `wk_d_${++keys}`
    const collector = startCollector(key)
    const analytics = make(key, { maxOutboxMessages: 3 })
    const evicted: string[] = []
    analytics.on('evicted', (messages) => evicted.push(...messages.map((m) => m.event!)))
    for (const event of ['A', 'B', 'C', 'D', 'E']) await analytics.track(event)
    expect(evicted).toEqual(['A', 'B'])
    env.setOnline(true)
    await analytics.flush()
    expect(collector.events()).toEqual(['C', 'D', 'E'])
  })

  it('evicts by bytes too', async () => {
    installBrowser({ online: false })
    const key = `wk_d_${++keys}`
    startCollector(key)
    const analytics = make(key, { maxOutboxBytes: 6000 })
    const evicted: string[] = []
    analytics.on('evicted', (messages) => evicted.push(...messages.map((m) => m.event!)))
    for (const event of ['A', 'B', 'C']) await analytics.track(event, { pad: 'x'.repeat(2000) })
    expect(evicted).toEqual(['A'])
  })

  it('falls back to memory and warns once when IndexedDB is missing', async () => {
    installBrowser({ indexedDB: false })
    const key = `wk_d_${++keys}`
    const collector = startCollector(key)
    const analytics = make(key)
    const warnings: string[] = []
    analytics.on('warning', (w) => warnings.push(w))
    await analytics.track('A')
    await analytics.track('B')
    await analytics.flush()
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatch(/no IndexedDB/)
    expect(collector.ids()).toHaveLength(2)
  })

  it('sends after a reload what the previous page stored', async () => {
    const env = installBrowser({ online: false })
    const key = `wk_d_${++keys}`
    const collector = startCollector(key)
    const before = make(key)
    const a = await before.track('A')
    env.navigator.onLine = true
    const after = make(key)
    await after.flush()
    expect(collector.ids()).toEqual([a!.messageId])
  })
})

describe('page exit', () => {
  it('hands pending messages to one CORS-simple keepalive request without the auth header', async () => {
    const env = installBrowser()
    const key = `wk_d_${++keys}`
    const collector = startCollector(key, async () => {
      await delay('infinite')
      return json(200, {})
    })
    const analytics = make(key)
    await analytics.track('A')
    await analytics.track('B')
    env.pagehide()
    await vi.waitFor(() => expect(collector.requests).toHaveLength(1))
    const [request] = collector.requests
    expect(request!.headers.get('authorization')).toBeNull()
    expect(request!.headers.get('content-type')).toBe('text/plain')
    expect(request!.body.batch.map((m) => m.event)).toEqual(['A', 'B'])
    expect(request!.body.writeKey).toBe(key)
  })

  it('does not resend on the next load what was handed off at page exit', async () => {
    const env = installBrowser()
    const key = `wk_d_${++keys}`
    const collector = startCollector(key, async (_, n) => {
      if (n === 1) await delay('infinite')
      return json(200, {})
    })
    const first = make(key)
    await first.track('A')
    env.pagehide()
    await vi.waitFor(() => expect(collector.requests).toHaveLength(1))
    const second = make(key)
    await second.track('B')
    await second.flush()
    expect(collector.batches()).toEqual(['A', 'B'])
  })

  it('resends a handed-off message whose request failed while the page lived on', async () => {
    const env = installBrowser()
    const key = `wk_d_${++keys}`
    const collector = startCollector(key, (_, n) =>
      n === 1 ? new HttpResponse(null, { status: 500 }) : json(200, {}),
    )
    const analytics = make(key)
    const delivered = next(analytics, 'delivered')
    const a = await analytics.track('A')
    env.doc.visibilityState = 'hidden'
    env.doc.dispatchEvent(new Event('visibilitychange'))
    expect((await delivered)[0]).toEqual([a])
    expect(collector.ids()).toEqual([a!.messageId, a!.messageId])
  })

  it('never hands off what another tab already delivered', async () => {
    const env = installBrowser()
    const key = `wk_d_${++keys}`
    const collector = startCollector(key)
    const tabA = make(key)
    const tabB = make(key)
    await tabA.track('A')
    await tabB.flush()
    env.pagehide()
    await tabA.flush()
    expect(collector.batches()).toEqual(['A'])
  })
})

describe('several tabs', () => {
  it('never sends the same message twice when two trackers share the outbox', async () => {
    installBrowser()
    const key = `wk_d_${++keys}`
    const collector = startCollector(key, async () => {
      await delay(5)
      return json(200, {})
    })
    const tabs = [make(key, { maxBatchSize: 3 }), make(key, { maxBatchSize: 3 })]
    const ids: string[] = []
    for (let i = 0; i < 10; i++) {
      for (const tab of tabs) ids.push((await tab.track(`E${i}`))!.messageId)
      void tabs[i % 2]!.flush()
    }
    await vi.waitFor(async () => {
      await Promise.all(tabs.map((t) => t.flush()))
      expect(new Set(collector.ids()).size).toBe(20)
    })
    expect(collector.ids().sort()).toEqual(ids.sort())
  })
})
