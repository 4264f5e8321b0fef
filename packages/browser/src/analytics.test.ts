import { HttpResponse, http } from 'msw'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createAnalytics, type AnalyticsOptions, type BrowserMessage } from './index'
import { HOST, installBrowser, server, useServer } from './test-env'

interface Received {
  batch: BrowserMessage[]
  writeKey: string
  sentAt: string
}

let keys = 0
const received: Received[] = []

useServer()
afterEach(() => {
  received.length = 0
})

function accept() {
  server.use(
    http.post(`${HOST}/v1/batch`, async ({ request }) => {
      received.push((await request.json()) as Received)
      return HttpResponse.json({ success: true })
    }),
  )
}

function make(options: Partial<AnalyticsOptions> = {}) {
  accept()
  return createAnalytics({
    writeKey: `wk_analytics_${++keys}`,
    host: HOST,
    trackPages: false,
    flushInterval: 60_000,
    ...options,
  })
}

// Trackers of earlier tests may still be sending: keep only the current write key's messages.
const sent = () =>
  received.filter((r) => r.writeKey === `wk_analytics_${keys}`).flatMap((r) => r.batch)

describe('createAnalytics', () => {
  it('sends a track message with Segment fields and the full browser context when flushed', async () => {
    installBrowser()
    const analytics = make()
    await analytics.track('Order Completed', { total: 42 })
    await analytics.flush()
    const [message] = sent()
    expect(message).toMatchObject({
      type: 'track',
      event: 'Order Completed',
      properties: { total: 42 },
      anonymousId: analytics.user().anonymousId,
      context: {
        library: { name: '@itinera/browser' },
        page: {
          path: '/products',
          url: 'https://shop.example.com/products?utm_source=news&gclid=abc',
          title: 'Shop',
          referrer: 'https://search.example/',
          search: '?utm_source=news&gclid=abc',
        },
        campaign: { source: 'news', gclid: 'abc' },
        userAgent: expect.stringContaining('Chrome'),
        locale: 'en-US',
        timezone: expect.any(String),
        screen: { width: 1440, height: 900 },
        channel: 'web',
        session: { id: expect.any(String) },
      },
    })
    expect(message!.messageId).toMatch(/^[0-9a-f-]{36}$/)
    expect(Date.parse(message!.sentAt!)).toBeGreaterThanOrEqual(Date.parse(message!.timestamp))
  })

  it('accepts the analytics.js argument shapes of page, identify, group and alias', async () => {
    installBrowser()
    const analytics = make()
    const callback = vi.fn()
    await analytics.page()
    await analytics.page('Pricing')
    await analytics.page('Docs', 'Intro', { section: 2 }, { context: { ip: '1.2.3.4' } }, callback)
    await analytics.page({ custom: true })
    await analytics.identify('user-1', { plan: 'pro' })
    await analytics.identify({ email: 'a@example.com' })
    await analytics.group('acme', { seats: 5 })
    await analytics.alias('user-2')
    await analytics.track('Clicked', callback)
    await analytics.flush()
    const [p0, p1, p2, p3, i0, i1, g, a, t] = sent()
    expect(p0).toMatchObject({ type: 'page', properties: { path: '/products' } })
    expect(p1).toMatchObject({ name: 'Pricing', properties: { name: 'Pricing' } })
    expect(p2).toMatchObject({ category: 'Docs', name: 'Intro', properties: { section: 2 } })
    expect(p2!.context.ip).toBe('1.2.3.4')
    expect(p3!.properties).toMatchObject({ custom: true })
    expect(i0).toMatchObject({ type: 'identify', userId: 'user-1', traits: { plan: 'pro' } })
    expect(i1).toMatchObject({ userId: 'user-1', traits: { plan: 'pro', email: 'a@example.com' } })
    expect(g).toMatchObject({ type: 'group', groupId: 'acme', traits: { seats: 5 } })
    expect(a).toMatchObject({ type: 'alias', userId: 'user-2', previousId: 'user-1' })
    expect(t).toMatchObject({ event: 'Clicked', userId: 'user-1' })
    expect(callback).toHaveBeenCalledTimes(2)
    expect(analytics.user()).toMatchObject({ userId: 'user-1', traits: { email: 'a@example.com' } })
  })

  it('reports bad arguments through the error event and never throws', async () => {
    installBrowser()
    const analytics = make()
    const errors: string[] = []
    analytics.on('error', (error) => errors.push(error.message))
    const untyped = analytics as unknown as { track: (...args: unknown[]) => Promise<unknown> }
    await expect(untyped.track()).resolves.toBeUndefined()
    await expect(untyped.track('X', 'not an object')).resolves.toBeUndefined()
    await expect(analytics.track('Big', { blob: 'x'.repeat(40_000) })).resolves.toBeUndefined()
    expect(errors).toEqual([
      'event: track needs an event name',
      'properties: must be an object',
      expect.stringMatching(/^message is \d+ bytes; the limit is 32768$/),
    ])
  })

  it('reports on the console only in debug mode', async () => {
    installBrowser()
    const spy = vi.spyOn(console, 'error').mockImplementation(() => undefined)
    const quiet = make()
    await (quiet as unknown as { track: () => Promise<unknown> }).track()
    expect(spy).not.toHaveBeenCalled()
    const loud = make({ debug: true })
    await (loud as unknown as { track: () => Promise<unknown> }).track()
    expect(spy).toHaveBeenCalledWith(
      '[itinera]',
      'event: track needs an event name',
      expect.any(Error),
    )
  })

  it('does nothing and throws nothing outside a browser (SSR)', async () => {
    const analytics = createAnalytics({ writeKey: 'wk_ssr', host: HOST })
    await expect(analytics.track('X')).resolves.toBeUndefined()
    await expect(analytics.flush()).resolves.toBeUndefined()
    expect(analytics.user().anonymousId).toBe('')
  })

  it('throws a ConfigError when the write key is missing', () => {
    expect(() => createAnalytics({} as AnalyticsOptions)).toThrowErrorMatchingInlineSnapshot(
      `[ConfigError: createAnalytics needs a writeKey]`,
    )
  })

  it('does not track bots or headless browsers unless allowBots is set', async () => {
    installBrowser({ userAgent: 'Mozilla/5.0 (compatible; Googlebot/2.1)' })
    expect(await make().track('X')).toBeUndefined()
    installBrowser({ userAgent: 'Mozilla/5.0 HeadlessChrome/130.0' })
    const allowed = make({ allowBots: true })
    expect(await allowed.track('X')).toMatchObject({ event: 'X' })
  })

  it('honors Global Privacy Control and Do Not Track when configured', async () => {
    installBrowser({ nav: { globalPrivacyControl: true, doNotTrack: '1' } })
    expect(await make().track('X')).toMatchObject({ event: 'X' })
    expect(await make({ honorGpc: true }).track('X')).toBeUndefined()
    expect(await make({ honorDnt: true }).track('X')).toBeUndefined()
  })
})

describe('identity', () => {
  it('keeps the anonymous id in a first-party cookie mirrored in localStorage', () => {
    const env = installBrowser()
    const first = make({ cookieDomain: '.example.com' })
    const { anonymousId } = first.user()
    expect(env.jar.get('itn_aid')).toBe(anonymousId)
    env.jar.clear()
    expect(make().user().anonymousId).toBe(anonymousId)
    expect(env.jar.get('itn_aid')).toBe(anonymousId)
  })

  it('prefers the cookie, shared across subdomains, over localStorage', () => {
    const env = installBrowser()
    env.localStorage.setItem('itn_aid', JSON.stringify({ a: 'from-storage' }))
    env.jar.set('itn_aid', 'from-cookie')
    expect(make().user().anonymousId).toBe('from-cookie')
  })

  it('persists the user id and traits, and reset clears them and rotates the anonymous id', async () => {
    installBrowser()
    const analytics = make()
    await analytics.identify('u1', { plan: 'pro' })
    const before = analytics.user()
    expect(make().user()).toEqual(before)
    analytics.reset()
    const after = make().user()
    expect(after.userId).toBeUndefined()
    expect(after.traits).toEqual({})
    expect(after.anonymousId).not.toBe(before.anonymousId)
  })

  it('starts from fresh traits when a different user identifies', async () => {
    installBrowser()
    const analytics = make()
    await analytics.identify('u1', { plan: 'pro' })
    await analytics.identify('u2', { role: 'admin' })
    expect(analytics.user().traits).toEqual({ role: 'admin' })
  })
})

describe('sessions and page views', () => {
  it('applies an identify made right at start-up to the first automatic page view', async () => {
    installBrowser()
    const analytics = make({ trackPages: true })
    void analytics.identify('user-1')
    await analytics.flush()
    expect(sent().map((m) => [m.type, m.userId])).toEqual([
      ['identify', 'user-1'],
      ['page', 'user-1'],
    ])
  })

  it('keeps the session id across calls and starts a new one after 30 minutes of inactivity', async () => {
    installBrowser()
    const now = vi.spyOn(Date, 'now')
    now.mockReturnValue(1_000_000)
    const analytics = make()
    const a = await analytics.track('A')
    now.mockReturnValue(1_000_000 + 29 * 60_000)
    const b = await analytics.track('B')
    now.mockReturnValue(1_000_000 + 60 * 60_000)
    const c = await analytics.track('C')
    expect(b!.context.session).toEqual(a!.context.session)
    expect(c!.context.session).not.toEqual(a!.context.session)
  })

  it('keeps campaign parameters for the rest of the session', async () => {
    const env = installBrowser()
    const analytics = make()
    env.history.pushState(null, '', '/cart')
    const message = await analytics.track('Viewed Cart')
    expect(message!.context.campaign).toEqual({ source: 'news', gclid: 'abc' })
    expect(message!.context.page).toMatchObject({ path: '/cart', search: '' })
  })

  it('sends a page view at start and on pushState, replaceState and popstate navigations', async () => {
    const env = installBrowser()
    const analytics = make({ trackPages: true })
    await Promise.resolve()
    history.pushState(null, '', '/a')
    history.replaceState(null, '', '/a')
    history.replaceState(null, '', '/a?tab=2')
    env.back('/products')
    await analytics.flush()
    expect(sent().map((m) => `${m.type} ${m.properties!.path}${m.properties!.search}`)).toEqual([
      'page /products?utm_source=news&gclid=abc',
      'page /a',
      'page /a?tab=2',
      'page /products',
    ])
  })
})
