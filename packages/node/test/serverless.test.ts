import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { Analytics } from '@itinera/node'
import { startLoopbackSink, type LoopbackSink } from './loopback-sink.js'

describe('serverless usage', () => {
  let sink: LoopbackSink
  beforeEach(async () => {
    sink = await startLoopbackSink()
  })
  afterEach(() => sink.close())

  it('holds every event of an invocation at the collector when flush() resolves', async () => {
    // One client per container, reused across invocations, as the README recommends.
    const analytics = new Analytics({ writeKey: 'wk', host: sink.url, flushInterval: 60_000 })
    const handler = async (invocation: number) => {
      for (let i = 0; i < 30; i++) {
        analytics.track({ userId: 'u', event: 'Invoked', messageId: `i${invocation}-${i}` })
      }
      await analytics.flush()
    }
    // Every other request fails once, so flush() has to cover retries too.
    sink.setFault((_, index) => (index % 2 === 0 ? { status: 503 } : undefined))
    for (let invocation = 0; invocation < 5; invocation++) {
      await handler(invocation)
      // The function may be frozen right here: nothing of this invocation may still be pending.
      for (let i = 0; i < 30; i++) expect(sink.acknowledged.get(`i${invocation}-${i}`)).toBe(1)
      expect(analytics.stats).toMatchObject({ queued: 0, inFlight: 0 })
    }
    await analytics.close()
    expect(sink.acknowledged.size).toBe(150)
  })
})
