import { describe, expect, it, vi } from 'vitest'
import { createAnalytics, type BrowserMessage, type Plugin } from '../index'
import { HOST, installBrowser, startCollector, useServer } from '../test-env'

let keys = 0
useServer()

function setup(plugins: Plugin[], granted: Record<string, boolean> = {}) {
  installBrowser()
  const writeKey = `wk_plugins_${++keys}`
  const collector = startCollector(writeKey)
  const analytics = createAnalytics({
    writeKey,
    host: HOST,
    trackPages: false,
    flushInterval: 60_000,
    plugins,
    consent: { granted },
  })
  return { analytics, events: collector.events }
}

describe('plugins', () => {
  it('lets enrichment plugins change or drop a message before it is stored', async () => {
    const { analytics, events } = setup([
      {
        name: 'add-plan',
        type: 'enrichment',
        track: (m) => ({ ...m, properties: { ...m.properties, plan: 'pro' } }),
      },
      {
        name: 'drop-internal',
        type: 'enrichment',
        message: (m) => (m.event === 'Internal' ? null : m),
      },
      {
        name: 'async',
        type: 'enrichment',
        track: (m) => Promise.resolve({ ...m, event: `${m.event}!` }),
      },
    ])
    expect((await analytics.track('A'))!.properties).toEqual({ plan: 'pro' })
    expect(await analytics.track('Internal')).toBeUndefined()
    await analytics.flush()
    expect(events()).toEqual(['A!'])
  })

  it('gives destinations every stored message, respecting their consent categories', async () => {
    const all: BrowserMessage[] = []
    const ads: BrowserMessage[] = []
    const { analytics } = setup(
      [
        { name: 'all', type: 'destination', message: (m) => void all.push(m) },
        { name: 'ads', type: 'destination', consent: ['ads'], track: (m) => void ads.push(m) },
      ],
      { ads: false },
    )
    await analytics.track('A')
    analytics.setConsent({ ads: true })
    await analytics.track('B')
    expect(all.map((m) => m.event)).toEqual(['A', 'B'])
    expect(ads.map((m) => m.event)).toEqual(['B'])
  })

  it('isolates a failing plugin: it is removed and reported, the others keep running', async () => {
    const seen: string[] = []
    const { analytics, events } = setup([])
    const errors: string[] = []
    analytics.on('error', (e) => errors.push(e.message))
    await analytics.use({
      name: 'broken',
      type: 'enrichment',
      track: () => {
        throw new Error('boom')
      },
    })
    await analytics.use({
      name: 'rejecting',
      type: 'destination',
      track: () => Promise.reject(new Error('down')),
    })
    await analytics.use({
      name: 'bad-load',
      type: 'destination',
      load: () => Promise.reject(new Error('x')),
    })
    await analytics.use({
      name: 'fine',
      type: 'destination',
      track: (m) => void seen.push(m.event!),
    })
    await analytics.track('A')
    await analytics.track('B')
    await analytics.flush()
    expect(seen).toEqual(['A', 'B'])
    expect(events()).toEqual(['A', 'B'])
    expect(errors).toEqual([
      'plugin "bad-load" failed and was removed',
      'plugin "broken" failed and was removed',
      'plugin "rejecting" failed and was removed',
    ])
  })

  it('calls load with the tracker', async () => {
    const load = vi.fn()
    const { analytics } = setup([{ name: 'l', type: 'destination', load }])
    await analytics.flush()
    expect(load).toHaveBeenCalledWith(analytics)
  })
})
