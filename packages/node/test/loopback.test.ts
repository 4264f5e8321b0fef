import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { Analytics, type RetryEvent } from '@itinera/node'
import { startLoopbackSink, type LoopbackSink } from './loopback-sink.js'

describe('Analytics over loopback HTTP', () => {
  let sink: LoopbackSink
  beforeEach(async () => {
    sink = await startLoopbackSink()
  })
  afterEach(() => sink.close())

  it('delivers every message exactly once in gzip batches of flushAt', async () => {
    const analytics = new Analytics({ writeKey: 'wk', host: sink.url, flushAt: 100 })
    for (let i = 0; i < 1000; i++) {
      analytics.track({ userId: `u${i % 7}`, event: 'Order Completed', properties: { i } })
    }
    await analytics.close()
    expect(sink.acknowledged.size).toBe(1000)
    expect([...sink.acknowledged.values()].every((n) => n === 1)).toBe(true)
    expect(sink.requests).toHaveLength(10)
    for (const request of sink.requests) {
      expect(request.headers['content-encoding']).toBe('gzip')
      expect(request.headers.authorization).toBe(`Basic ${Buffer.from('wk:').toString('base64')}`)
      expect(request.body.batch).toHaveLength(100)
      // Repetitive JSON compresses well; the bound only guards that gzip is really applied.
      expect(request.compressedBytes).toBeLessThan(JSON.stringify(request.body).length / 3)
    }
  })

  it('rides out 500s and 429s from a real server without loss or duplicates', async () => {
    sink.setFault((_, index) =>
      index % 3 === 0
        ? index % 2 === 0
          ? { status: 500 }
          : { status: 429, headers: { 'retry-after': '0' } }
        : undefined,
    )
    const analytics = new Analytics({
      writeKey: 'wk',
      host: sink.url,
      flushAt: 50,
      retryBaseDelay: 5,
    })
    const retries: RetryEvent[] = []
    analytics.on('retry', (event) => retries.push(event))
    for (let i = 0; i < 500; i++) analytics.track({ userId: 'u', event: 'E', messageId: `r${i}` })
    await analytics.close()
    expect(sink.acknowledged.size).toBe(500)
    expect([...sink.acknowledged.values()].every((n) => n === 1)).toBe(true)
    expect(retries.map((r) => r.error.status)).toEqual(expect.arrayContaining([500, 429]))
  })
})
