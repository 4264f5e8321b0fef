import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { load } from './iife'
import { HOST, installBrowser, server, startCollector } from './test-env'

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => {
  server.resetHandlers()
  vi.unstubAllGlobals()
})
afterAll(() => server.close())

describe('load', () => {
  it('does nothing outside a browser or without the snippet', () => {
    expect(load()).toBeUndefined()
    installBrowser()
    expect(load()).toBeUndefined()
  })

  it('replays the calls the snippet buffered, in order, with their call times', async () => {
    const env = installBrowser()
    const collector = startCollector('wk_iife')
    const stub = Object.assign(
      [
        ['identify', ['user-1', { plan: 'pro' }], Date.parse('2026-01-01T10:00:00.000Z')],
        ['track', ['Viewed', { sku: 'A-1' }], Date.parse('2026-01-01T10:00:01.000Z')],
        ['unknown', [], 0],
      ],
      { config: { writeKey: 'wk_iife', host: HOST, trackPages: false } },
    )
    env.win.itinera = stub
    const analytics = load()!
    expect(env.win.itinera).toBe(analytics)
    await analytics.flush()
    expect(
      collector.requests.flatMap((r) =>
        r.body.batch.map((m) => [
          (m as { type?: string }).type,
          (m as { timestamp?: string }).timestamp,
        ]),
      ),
    ).toEqual([
      ['identify', '2026-01-01T10:00:00.000Z'],
      ['track', '2026-01-01T10:00:01.000Z'],
    ])
    expect(analytics.user().userId).toBe('user-1')
  })
})
