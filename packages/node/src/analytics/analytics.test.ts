import { HttpResponse, delay, http } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { ConfigError, DeliveryError, ValidationError, type ItineraError } from '@itinera/core'
import { Analytics, type DropEvent } from '@itinera/node'

const HOST = 'http://collector.test'
const server = setupServer()
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => server.resetHandlers())
afterAll(() => server.close())

/** A collector whose answers are held until `release()` is called. */
function heldCollector() {
  const releases: (() => void)[] = []
  let requests = 0
  server.use(
    http.post(`${HOST}/v1/batch`, async () => {
      requests++
      await new Promise<void>((resolve) => releases.push(resolve))
      return HttpResponse.json({ success: true })
    }),
  )
  return {
    get requests() {
      return requests
    },
    release: () => releases.splice(0).forEach((resolve) => resolve()),
  }
}

const okCollector = () =>
  server.use(http.post(`${HOST}/v1/batch`, () => HttpResponse.json({ success: true })))

const create = (options: Partial<ConstructorParameters<typeof Analytics>[0]> = {}) =>
  new Analytics({ writeKey: 'wk', host: HOST, flushOnExit: false, ...options })

const until = async (check: () => boolean) => {
  while (!check()) await new Promise((resolve) => setTimeout(resolve, 5))
}

describe('Analytics', () => {
  it('throws a ConfigError naming each bad option when constructed wrongly', () => {
    expect(() => new Analytics({ writeKey: '', host: 'ftp://x', flushAt: 0 })).toThrow(ConfigError)
    try {
      new Analytics({ writeKey: '', host: 'ftp://x', flushAt: 0 })
    } catch (error) {
      expect((error as ConfigError).issues.map((issue) => issue.path)).toEqual([
        'writeKey',
        'flushAt',
        'host',
      ])
    }
  })

  it('sets messageId and timestamp at call time when the caller gives none', async () => {
    okCollector()
    const analytics = create()
    const before = Date.now()
    const seen = new Promise<unknown>((resolve) =>
      analytics.identify({ userId: 'u1', traits: { plan: 'pro' } }, (_, message) =>
        resolve(message),
      ),
    )
    await analytics.close()
    const message = (await seen) as { messageId: string; timestamp: string; type: string }
    expect(message.type).toBe('identify')
    expect(message.messageId).toMatch(/^[0-9a-f-]{36}$/)
    expect(Date.parse(message.timestamp)).toBeGreaterThanOrEqual(before - 1)
  })

  it('sends the same message for a call with or without a callback, stamps aside', async () => {
    const received: Record<string, unknown>[] = []
    server.use(
      http.post(`${HOST}/v1/batch`, async ({ request }) => {
        const body = JSON.parse(await request.text()) as { batch: Record<string, unknown>[] }
        received.push(...body.batch)
        return HttpResponse.json({ success: true })
      }),
    )
    const analytics = create({ gzip: false })
    const before = Date.now()
    const call = {
      userId: 'u1',
      event: 'Order Completed',
      type: 'identify',
      properties: { total: 129.99, items: [{ sku: 'MUG-1' }], at: new Date(0), gone: undefined },
      context: { library: { name: 'app', version: '1' } },
    }
    // Without a callback the call is written straight into the queue; with one, its message is
    // built first (the callback receives it).
    analytics.track(call)
    analytics.track(call, () => undefined)
    analytics.track({ ...call, messageId: 'm-given', timestamp: '2026-01-01T00:00:00.000Z' })
    await analytics.close()
    expect(received).toHaveLength(3)
    const [direct, built, given] = received
    const stamps = ({ messageId, timestamp, ...rest }: Record<string, unknown>) => {
      expect(messageId).toMatch(
        /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      )
      expect(Date.parse(String(timestamp))).toBeGreaterThanOrEqual(before - 1)
      return rest
    }
    expect(stamps(direct!)).toEqual(stamps(built!))
    expect(direct).not.toEqual(built)
    expect(stamps(direct!)).toEqual({
      userId: 'u1',
      event: 'Order Completed',
      type: 'track',
      properties: { total: 129.99, items: [{ sku: 'MUG-1' }], at: '1970-01-01T00:00:00.000Z' },
      context: { library: { name: 'app', version: '1' } },
    })
    expect(given).toMatchObject({ messageId: 'm-given', timestamp: '2026-01-01T00:00:00.000Z' })
    // The caller's object is left as it was.
    expect(call).not.toHaveProperty('messageId')
  })

  it('refuses a call whose fields come from its prototype, as a message built from it would lack them', async () => {
    okCollector()
    const analytics = create()
    const errors: ItineraError[] = []
    analytics.on('error', (error) => errors.push(error))
    class Call {
      get event() {
        return 'Order Completed'
      }
      get userId() {
        return 'u1'
      }
    }
    const inherited = Object.create({ event: 'Order Completed', userId: 'u1' }) as object
    // Refused at once, or held for the full validator and refused then (see the class).
    analytics.track(new Call() as never)
    analytics.track(inherited as never)
    await analytics.close()
    expect(errors.map((error) => error instanceof ValidationError)).toEqual([true, true])
    expect(analytics.stats).toMatchObject({ sent: 0, dropped: { invalid: 2 } })
  })

  it('accepts every Segment call shape', async () => {
    okCollector()
    const analytics = create()
    const results = [
      analytics.track({ userId: 'u', event: 'E', properties: { a: 1 } }),
      analytics.identify({ userId: 'u', traits: { email: 'a@b.co' } }),
      analytics.page({ anonymousId: 'a', name: 'Home', properties: { url: 'https://x.co' } }),
      analytics.screen({ userId: 'u', name: 'Settings' }),
      analytics.group({ userId: 'u', groupId: 'g1', traits: { name: 'Acme' } }),
      analytics.alias({ userId: 'u', previousId: 'a' }),
      analytics.track({ userId: 'u', event: 'E', timestamp: new Date('2026-01-01T00:00:00Z') }),
    ]
    await analytics.close()
    expect(results.every(Boolean)).toBe(true)
    expect(analytics.stats).toMatchObject({ enqueued: 7, sent: 7, queued: 0, inFlight: 0 })
  })

  it('reports an invalid call through the callback, error and drop without affecting others', async () => {
    okCollector()
    const analytics = create()
    const errors: ItineraError[] = []
    const drops: DropEvent[] = []
    analytics.on('error', (error) => errors.push(error))
    analytics.on('drop', (event) => drops.push(event))
    const callbackError = new Promise<ItineraError | undefined>((resolve) =>
      analytics.track({ userId: 'u' } as never, (error) => resolve(error)),
    )
    // Calls the quick check cannot accept are validated in the background, in call order.
    expect(analytics.track({ event: 'No one' } as never)).toBe(true)
    // A well-formed message over 32 KB is refused at once.
    expect(
      analytics.track({ userId: 'u', event: 'Huge', properties: { blob: 'x'.repeat(40_000) } }),
    ).toBe(false)
    // A call with nulls is valid: it is queued once the full validator has read it.
    expect(analytics.track({ userId: 'u', event: 'Nulls', properties: null } as never)).toBe(true)
    expect(analytics.track({ userId: 'u', event: 'Fine' })).toBe(true)
    const error = await callbackError
    expect(error).toBeInstanceOf(ValidationError)
    expect(error?.message).toMatchInlineSnapshot(`"event: required for type "track""`)
    await analytics.close()
    expect(errors.map((e) => e.message)).toEqual([
      expect.stringMatching(/the limit is 32768 bytes/),
      'event: required for type "track"',
      'userId: a message needs a userId or an anonymousId',
    ])
    expect(drops.map((d) => d.reason)).toEqual(['invalid', 'invalid', 'invalid'])
    expect(analytics.stats.sent).toBe(2)
    expect(analytics.stats.dropped.invalid).toBe(3)
  })

  it('keeps call order, takes each call as it was when made, and counts held calls against the caps', async () => {
    const received: { event?: string; type: string; properties?: { i?: number } }[] = []
    server.use(
      http.post(`${HOST}/v1/batch`, async ({ request }) => {
        const body = JSON.parse(await request.text()) as { batch: typeof received }
        received.push(...body.batch)
        return HttpResponse.json({ success: true })
      }),
    )
    const analytics = create({ gzip: false, maxQueueSize: 4 })
    const drops: DropEvent[] = []
    analytics.on('drop', (event) => drops.push(event))
    // The alias needs the full validator (a null context); the track after it must not overtake it.
    expect(analytics.alias({ userId: 'u', previousId: 'a', context: null } as never)).toBe(true)
    const properties = { i: 0 }
    for (let i = 1; i <= 2; i++) {
      properties.i = i
      expect(analytics.track({ userId: 'u', event: `E${i}`, properties })).toBe(true)
    }
    properties.i = 99
    expect(analytics.track({ userId: 'u', event: 'E3', properties })).toBe(true)
    // Four calls wait for the validator: the cap of 4 refuses the fifth at once.
    expect(analytics.track({ userId: 'u', event: 'E4' })).toBe(false)
    expect(drops.map((drop) => drop.reason)).toEqual(['queue_full'])
    await analytics.close()
    expect(received.map((m) => m.event ?? m.type)).toEqual(['alias', 'E1', 'E2', 'E3'])
    expect(received.slice(1).map((m) => m.properties?.i)).toEqual([1, 2, 99])
  })

  it('flush() waits for calls still being validated', async () => {
    const received: string[] = []
    server.use(
      http.post(`${HOST}/v1/batch`, async ({ request }) => {
        const body = JSON.parse(await request.text()) as { batch: { event: string }[] }
        received.push(...body.batch.map((message) => message.event))
        return HttpResponse.json({ success: true })
      }),
    )
    const analytics = create({ gzip: false })
    expect(analytics.track({ userId: 7, event: 'Numeric id', context: null } as never)).toBe(true)
    expect(analytics.stats.queued).toBe(1)
    await analytics.flush()
    expect(received).toEqual(['Numeric id'])
    await analytics.close()
  })

  it('reports a call that cannot be serialized instead of throwing', async () => {
    const analytics = create()
    const cyclic: Record<string, unknown> = {}
    cyclic.self = cyclic
    const error = new Promise<ItineraError | undefined>((resolve) =>
      analytics.track({ userId: 'u', event: 'E', properties: cyclic }, resolve),
    )
    expect(analytics.track({ userId: 'u', event: 'E', properties: { n: 1n } })).toBe(false)
    expect(await error).toBeInstanceOf(ValidationError)
    expect((await error)?.message).toMatch(/^must be serializable to JSON/)
    await analytics.close()
  })

  it('calls back without an error once the collector acknowledged the message', async () => {
    okCollector()
    const analytics = create()
    const acknowledged = new Promise<[ItineraError | undefined, unknown]>((resolve) =>
      analytics.track({ userId: 'u', event: 'E', messageId: 'ack-1' }, (error, message) =>
        resolve([error, message]),
      ),
    )
    await analytics.flush()
    const [error, message] = await acknowledged
    expect(error).toBeUndefined()
    expect(message).toMatchObject({ messageId: 'ack-1', event: 'E' })
    await analytics.close()
  })

  it('resolves a flush() called right after another one resolved', async () => {
    okCollector()
    const analytics = create()
    analytics.track({ userId: 'u', event: 'E' })
    await analytics.flush()
    await analytics.flush()
    await analytics.close()
    expect(analytics.stats.sent).toBe(1)
  })

  it('drops the newest call and returns false when the queue is full', async () => {
    const collector = heldCollector()
    const analytics = create({ maxQueueSize: 3, flushAt: 2 })
    const drops: DropEvent[] = []
    analytics.on('drop', (event) => drops.push(event))
    const accepted = ['a', 'b', 'c', 'd'].map((id) =>
      analytics.track({ userId: 'u', event: 'E', messageId: id }),
    )
    expect(accepted).toEqual([true, true, true, false])
    expect(drops).toEqual([expect.objectContaining({ reason: 'queue_full', messageIds: ['d'] })])
    expect(drops[0]?.error).toBeInstanceOf(DeliveryError)
    await until(() => collector.requests > 0)
    collector.release()
    const closed = analytics.close()
    await until(() => collector.requests > 1)
    collector.release()
    await closed
    expect(analytics.stats).toMatchObject({ sent: 3, dropped: { queue_full: 1 } })
  })

  it('resolves flush() only when the messages enqueued before it are acknowledged', async () => {
    const collector = heldCollector()
    const analytics = create()
    analytics.track({ userId: 'u', event: 'Before' })
    let flushed = false
    const flush = analytics.flush().then(() => {
      flushed = true
    })
    analytics.track({ userId: 'u', event: 'After' })
    await until(() => collector.requests === 1)
    await delay(20)
    expect(flushed).toBe(false)
    collector.release()
    await flush
    expect(analytics.stats.sent).toBe(1)
    expect(analytics.stats.queued).toBe(1)
    const closing = analytics.close()
    await until(() => collector.requests === 2)
    collector.release()
    await closing
  })

  it('resolves flush() at once when nothing is pending', async () => {
    const analytics = create()
    await analytics.flush()
    expect(analytics.stats.queued).toBe(0)
    await analytics.close()
  })

  it('reports pending messages as closed and resolves when close() reaches its timeout', async () => {
    server.use(
      http.post(`${HOST}/v1/batch`, async () => {
        await delay('infinite')
        return HttpResponse.json({})
      }),
    )
    const analytics = create({ maxInFlight: 1, flushAt: 1 })
    const drops: DropEvent[] = []
    analytics.on('drop', (event) => drops.push(event))
    analytics.track({ userId: 'u', event: 'E', messageId: 'in-flight' })
    analytics.track({ userId: 'u', event: 'E', messageId: 'queued' })
    await analytics.close({ timeout: 100 })
    expect(drops.map((d) => [d.reason, d.messageIds])).toEqual(
      expect.arrayContaining([
        ['closed', ['queued']],
        ['closed', ['in-flight']],
      ]),
    )
    expect(analytics.stats).toMatchObject({ queued: 0, inFlight: 0 })
  })

  it('refuses calls after close() and reports them', async () => {
    const analytics = create()
    await analytics.close()
    const error = new Promise<ItineraError | undefined>((resolve) =>
      analytics.track({ userId: 'u', event: 'Late' }, resolve),
    )
    expect(await error).toBeInstanceOf(DeliveryError)
    expect(analytics.stats.dropped.closed).toBe(1)
  })

  it('returns the same promise when close() is called twice', async () => {
    const analytics = create()
    expect(analytics.close()).toBe(analytics.close())
    await analytics.closeAndFlush()
  })

  it('sends a partial batch after flushInterval without an explicit flush', async () => {
    okCollector()
    const analytics = create({ flushInterval: 10 })
    const done = new Promise((resolve) => analytics.once('flush', resolve))
    analytics.track({ userId: 'u', event: 'E' })
    expect(await done).toMatchObject({ sent: 1, status: 200, attempts: 1 })
    await analytics.close()
  })
})
