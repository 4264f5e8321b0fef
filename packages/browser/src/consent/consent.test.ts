import { describe, expect, it } from 'vitest'
import { createAnalytics, type AnalyticsOptions } from '../index'
import { HOST, installBrowser, startCollector, useServer } from '../test-env'

let keys = 0
useServer()

function setup(options: Partial<AnalyticsOptions>) {
  const env = installBrowser()
  const writeKey = `wk_consent_${++keys}`
  const collector = startCollector(writeKey)
  const analytics = createAnalytics({
    writeKey,
    host: HOST,
    trackPages: false,
    flushInterval: 60_000,
    ...options,
  })
  return { env, analytics, collector, events: collector.events }
}

describe('consent', () => {
  it('holds messages until the required categories are granted, then sends them in order', async () => {
    const { env, analytics, events } = setup({ consent: { required: ['analytics'] } })
    void analytics.track('A')
    void analytics.track('B')
    await analytics.flush()
    expect(events()).toEqual([])
    expect(env.jar.size).toBe(0)
    analytics.setConsent({ analytics: true })
    await analytics.track('C')
    await analytics.flush()
    expect(events()).toEqual(['A', 'B', 'C'])
    expect(env.jar.get('itn_aid')).toBe(analytics.user().anonymousId)
  })

  it('writes nothing to localStorage before consent, and the session once it is given', async () => {
    const { env, analytics } = setup({ consent: { required: ['analytics'] } })
    void analytics.track('A')
    await analytics.flush()
    expect(env.localStorage.length).toBe(0)
    analytics.setConsent({ analytics: true })
    await analytics.track('B')
    expect(env.localStorage.getItem('itn_session')).not.toBeNull()
  })

  it('drops messages made before consent when configured to', async () => {
    const { analytics, events } = setup({ consent: { required: ['analytics'], pending: 'drop' } })
    expect(await analytics.track('A')).toBeUndefined()
    analytics.setConsent({ analytics: true })
    await analytics.track('B')
    await analytics.flush()
    expect(events()).toEqual(['B'])
  })

  it('stops sending and clears the outbox when consent is withdrawn', async () => {
    const { env, analytics, events } = setup({
      consent: { required: ['analytics'], granted: { analytics: true } },
    })
    env.navigator.onLine = false
    await analytics.track('A')
    analytics.setConsent({ analytics: false })
    env.setOnline(true)
    analytics.setConsent({ analytics: true })
    await analytics.track('B')
    await analytics.flush()
    expect(events()).toEqual(['B'])
  })

  it('records the categories in context.consent', async () => {
    const { analytics } = setup({ consent: { granted: { analytics: true, ads: false } } })
    const message = await analytics.track('A')
    expect(message!.context.consent).toEqual({
      categoryPreferences: { analytics: true, ads: false },
    })
  })
})
