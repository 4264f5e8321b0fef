// Segment's, RudderStack's, Jitsu's, PostHog's and Amplitude's browser SDKs, unmodified, sending
// to the collector from real Chromium. analytics.js and RudderStack load their configuration from
// the collector (analytics.js: `cdnURL`, RudderStack: `configUrl`), then post their calls one by
// one or in batches; Jitsu needs no configuration and posts each call to `/api/s/{type}`;
// posthog-js loads its project configuration from its `api_host` and posts batches of events to
// `/e/`; Amplitude's SDK loads its remote configuration from `remoteConfig.serverUrl` and posts
// batches of events to its `serverUrl`.
import { readFileSync } from 'node:fs'
import { createServer, request, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createRequire } from 'node:module'
import { dirname, join, normalize } from 'node:path'
import { launchChromium } from '@itinera/test-utils'
import type { Browser } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { profileIdsOf, startHarness, type Harness } from './harness.js'

const require = createRequire(import.meta.url)
const SDK_DIRS: Record<string, string> = {
  segment: join(dirname(require.resolve('@segment/analytics-next/package.json')), 'dist/umd'),
  // The package exports no package.json; its CommonJS entry is dist/npm/modern/cjs/index.cjs.
  rudderstack: join(dirname(require.resolve('@rudderstack/analytics-js')), '../bundled/umd'),
  jitsu: join(dirname(require.resolve('@jitsu/js/package.json')), 'dist'),
  posthog: join(dirname(require.resolve('posthog-js/package.json')), 'dist'),
  amplitude: join(
    dirname(require.resolve('@amplitude/analytics-browser/package.json')),
    'lib/scripts',
  ),
}
/**
 * How a page loads each SDK: the UMD builds by script tag, and Jitsu's and PostHog's
 * self-contained ES module builds as their npm usage imports them (`import { jitsuAnalytics } from
 * '@jitsu/js'`, `import posthog from 'posthog-js'`); Jitsu's `p.js` would send to the origin it is
 * loaded from, this site. `/posthog-array/` loads posthog-js' script-tag build instead.
 */
const SDK_SCRIPTS: Record<string, string> = {
  segment: '<script src="/segment/index.js"></script>',
  rudderstack: '<script src="/rudderstack/index.js"></script>',
  jitsu:
    '<script type="module">import { jitsuAnalytics } from "/jitsu/jitsu.es.js"; window.jitsuAnalytics = jitsuAnalytics</script>',
  posthog:
    '<script type="module">import posthog from "/posthog/module.js"; window.posthog = posthog</script>',
  'posthog-array': '<script src="/posthog/array.js"></script>',
  amplitude: '<script src="/amplitude/amplitude-min.umd.js"></script>',
}

/** The part of analytics.js's UMD global the visit uses. */
interface AnalyticsJsGlobal {
  AnalyticsNext: {
    AnalyticsBrowser: {
      load(settings: object, options: object): Promise<[AnalyticsJs]>
    }
  }
}
interface AnalyticsJs {
  page(name: string): Promise<unknown>
  track(event: string, properties?: object): Promise<unknown>
  identify(userId: string, traits?: object): Promise<unknown>
}

/** The part of RudderStack's UMD global the visit uses. */
interface RudderstackGlobal {
  rudderanalytics: { RudderAnalytics: new () => Rudderstack }
}
interface Rudderstack {
  load(writeKey: string, dataPlaneUrl: string, options: object): void
  page(name: string): void
  track(event: string, properties?: object): void
  identify(userId: string, traits?: object): void
}

/** The part of Jitsu's ES module the visit uses, as the page exposes it. */
interface JitsuGlobal {
  jitsuAnalytics(options: { host: string; writeKey: string }): Jitsu
}
interface Jitsu {
  page(): Promise<unknown>
  track(event: string, properties?: object): Promise<unknown>
  identify(userId: string, traits?: object): Promise<unknown>
}

/** The part of posthog-js the visit uses, as the page exposes it. */
interface PostHogGlobal {
  posthog: {
    init(token: string, config: object): void
    get_distinct_id(): string
    on(name: 'eventCaptured', listener: (event: { event: string }) => void): () => void
    capture(event: string, properties?: object): void
    identify(distinctId: string, properties?: object): void
  }
}

/** The part of Amplitude's UMD global the visit uses. */
interface AmplitudeGlobal {
  amplitude: {
    init(apiKey: string, options: object): { promise: Promise<void> }
    track(eventType: string, properties?: object): { promise: Promise<{ code: number }> }
    identify(identify: object): { promise: Promise<{ code: number }> }
    setUserId(userId: string): void
    getDeviceId(): string
    Identify: new () => { set(key: string, value: unknown): object }
  }
}

/** Where a visit runs: the SDK's page on the site, and what it does there. */
interface Visit {
  sdk: 'segment' | 'rudderstack' | 'jitsu' | 'posthog' | 'posthog-array' | 'amplitude'
  /** Runs in the page with the workspace's write key, the collector's URL and the options. */
  run(args: { writeKey: string; collector: string; options: object }): Promise<unknown>
  options: object
  /** Messages stored once the calls are made. @default 4 */
  messages?: number
  /** Then the visit goes on to another page of the site, and has stored `messages` once left. */
  leave?: { to: string; messages: number }
}

let browser: Browser
let site: { server: Server; url: string }
let harness: Harness | undefined

/** A plain web site on its own origin, serving each SDK's files under /segment/, /rudderstack/, … */
async function serveSite(): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://site').pathname
    const [, sdk = '', ...rest] = path.split('/')
    const dir = SDK_DIRS[sdk.replace(/-array$/, '')]
    if (path.endsWith('/')) {
      res.writeHead(200, { 'content-type': 'text/html' })
      // No favicon request: every failed request of a visit is the collector's.
      res.end(
        `<!doctype html><title>shop</title><link rel="icon" href="data:,">${SDK_SCRIPTS[sdk] ?? ''}`,
      )
      return
    }
    const file = dir && normalize(join(dir, rest.join('/')))
    if (!dir || !file || !file.startsWith(dir)) {
      res.writeHead(404).end()
      return
    }
    res.writeHead(200, { 'content-type': 'text/javascript' }).end(readFileSync(file))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }
}

// Chromium can take a while to start on a busy machine (the suite runs files in parallel).
beforeAll(async () => {
  browser = await launchChromium()
  site = await serveSite()
}, 120_000)
afterAll(async () => {
  await browser?.close()
  await new Promise((resolve) => site?.server.close(resolve))
}, 60_000)
afterEach(async () => {
  await harness?.close()
  harness = undefined
})

/** Runs a visit in a fresh page and returns the requests it made and what the collector stored. */
async function visit({ sdk, run, options, messages = 4, leave }: Visit) {
  harness = await startHarness()
  const { url, workspace, collector } = harness
  const page = await browser.newPage()
  const requests: string[] = []
  const failures: string[] = []
  const consoleErrors: string[] = []
  // Requests to the collector not yet answered: the page closes only once there are none, or
  // closing it would abort a request whose messages are already stored, and count it as failed.
  const inFlight = new Set<unknown>()
  page.on('request', (request) => {
    if (!request.url().startsWith(url)) return
    requests.push(`${request.method()} ${new URL(request.url()).pathname}`)
    inFlight.add(request)
  })
  page.on('requestfinished', (request) => inFlight.delete(request))
  page.on('response', (response) => {
    if (response.status() >= 400) failures.push(`${response.status()} ${response.url()}`)
  })
  page.on('requestfailed', (request) => {
    inFlight.delete(request)
    failures.push(`failed ${request.url()}`)
  })
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text())
  })
  await page.goto(`${site.url}/${sdk}/`)
  const returned = await page.evaluate(run, {
    writeKey: workspace.writeKey,
    collector: url,
    options,
  })
  const ws = workspace.workspace.id
  const storedAtLeast = async (messages: number) => {
    let stored = await collector.store.readMessages({ workspaceId: ws, limit: 100 })
    for (let wait = 0; stored.length < messages && wait < 200; wait++) {
      await new Promise((resolve) => setTimeout(resolve, 50))
      stored = await collector.store.readMessages({ workspaceId: ws, limit: 100 })
    }
    return stored
  }
  let stored = await storedAtLeast(messages)
  if (leave) {
    await page.goto(`${site.url}${leave.to}`)
    stored = await storedAtLeast(leave.messages)
  }
  for (let wait = 0; inFlight.size > 0 && wait < 100; wait++) {
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  await page.close()
  await collector.projector.flush()
  return { stored, requests, failures, consoleErrors, returned, ws, collector }
}

/** Every call of the visit is stored once, and the anonymous visit joins the identified user. */
async function expectOneStitchedVisit(result: Awaited<ReturnType<typeof visit>>, library: string) {
  const { stored, ws, collector } = result
  expect(stored.map((m) => m.type).sort()).toEqual(['identify', 'page', 'track', 'track'])
  expect(new Set(stored.map((m) => m.messageId)).size).toBe(4)
  for (const { message } of stored) {
    expect(message.context?.library?.name).toBe(library)
    expect(message.anonymousId).toBeTypeOf('string')
  }
  const viewed = stored.find((m) => m.message.event === 'Product Viewed')
  expect(viewed?.message.properties).toMatchObject({ sku: 'MUG-1', price: 12.5 })
  const anonymousId = String(stored[0]?.message.anonymousId)
  const [byEmail, byAnonymousId] = await profileIdsOf(collector, ws, [
    { type: 'email', value: 'visitor@example.com' },
    { type: 'anonymous_id', value: anonymousId },
  ])
  expect(byEmail).toBeDefined()
  expect(byAnonymousId).toBe(byEmail)
}

const analyticsJsVisit = (integrations: object): Visit => ({
  sdk: 'segment',
  options: integrations,
  run: async ({ writeKey, collector, options }) => {
    const { AnalyticsBrowser } = (globalThis as unknown as AnalyticsJsGlobal).AnalyticsNext
    const [analytics] = await AnalyticsBrowser.load(
      { writeKey, cdnURL: collector },
      { integrations: options },
    )
    await analytics.page('Home')
    await analytics.track('Product Viewed', { sku: 'MUG-1', price: 12.5 })
    await analytics.identify('visitor', { email: 'Visitor@Example.com' })
    await analytics.track('Order Completed', { revenue: 12.5 })
  },
})

const rudderstackVisit = (loadOptions: object): Visit => ({
  sdk: 'rudderstack',
  options: loadOptions,
  run: async ({ writeKey, collector, options }) => {
    const { RudderAnalytics } = (globalThis as unknown as RudderstackGlobal).rudderanalytics
    const analytics = new RudderAnalytics()
    await new Promise((onLoaded) =>
      analytics.load(writeKey, collector, {
        configUrl: collector,
        logLevel: 'ERROR',
        onLoaded,
        ...options,
      }),
    )
    analytics.page('Home')
    analytics.track('Product Viewed', { sku: 'MUG-1', price: 12.5 })
    analytics.identify('visitor', { email: 'Visitor@Example.com' })
    analytics.track('Order Completed', { revenue: 12.5 })
  },
})

const jitsuVisit: Visit = {
  sdk: 'jitsu',
  options: {},
  run: async ({ writeKey, collector }) => {
    const { jitsuAnalytics } = globalThis as unknown as JitsuGlobal
    // The SDK wants Jitsu's `keyId:secret` key form; the collector reads the part before ':'.
    const analytics = jitsuAnalytics({ host: collector, writeKey: `${writeKey}:itinera` })
    await analytics.page()
    await analytics.track('Product Viewed', { sku: 'MUG-1', price: 12.5 })
    await analytics.identify('visitor', { email: 'Visitor@Example.com' })
    await analytics.track('Order Completed', { revenue: 12.5 })
  },
}

describe('analytics.js (@segment/analytics-next) in Chromium against the collector', () => {
  it.each([
    ['one request per call', {}, ['/v1/p', '/v1/t', '/v1/i']],
    [
      'its batching delivery',
      {
        'Segment.io': {
          deliveryStrategy: { strategy: 'batching', config: { size: 4, timeout: 200 } },
        },
      },
      ['/v1/b'],
    ],
  ])(
    'stores a visit sent with %s and stitches it into one profile',
    async (_, integrations, paths) => {
      const result = await visit(analyticsJsVisit(integrations))
      expect(result.requests).toContain(`GET /v1/projects/${harness!.workspace.writeKey}/settings`)
      for (const path of paths) expect(result.requests).toContain(`POST ${path}`)
      await expectOneStitchedVisit(result, 'analytics.js')
    },
  )

  it('points its settings at publicUrl when set, never to be cached', async () => {
    harness = await startHarness({ publicUrl: 'https://cdp.example.com/collect/' })
    const response = await fetch(
      `${harness.url}/v1/projects/${harness.workspace.writeKey}/settings`,
    )
    expect(response.headers.get('cache-control')).toBe('no-store')
    const settings = (await response.json()) as { integrations: Record<string, unknown> }
    expect(settings.integrations['Segment.io']).toMatchObject({
      apiKey: harness.workspace.writeKey,
      apiHost: 'cdp.example.com/collect/v1',
      protocol: 'https',
    })
  })

  it('without publicUrl, points its settings at the Host and forwarded scheme of the request', async () => {
    harness = await startHarness()
    const { port } = new URL(harness.url)
    const body = await new Promise<string>((resolve, reject) => {
      const path = `/v1/projects/${harness!.workspace.writeKey}/settings`
      const headers = { host: 'shop-cdp.example.org', 'x-forwarded-proto': 'https' }
      request({ host: '127.0.0.1', port, path, headers }, (res) => {
        let text = ''
        res.on('data', (chunk: Buffer) => (text += chunk.toString()))
        res.on('end', () => resolve(text))
      })
        .on('error', reject)
        .end()
    })
    const settings = JSON.parse(body) as { integrations: Record<string, unknown> }
    expect(settings.integrations['Segment.io']).toMatchObject({
      apiHost: 'shop-cdp.example.org/v1',
      protocol: 'https',
    })
  })

  it('answers 404 for the settings of an unknown write key', async () => {
    harness = await startHarness()
    const response = await fetch(`${harness.url}/v1/projects/wk_unknown/settings`)
    expect(response.status).toBe(404)
  })
})

describe('RudderStack JavaScript SDK (@rudderstack/analytics-js) in Chromium against the collector', () => {
  it.each([
    ['one request per call', {}, ['/v1/page', '/v1/track', '/v1/identify']],
    [
      'its batching queue',
      { queueOptions: { batch: { enabled: true, maxItems: 4, flushInterval: 200 } } },
      ['/v1/batch'],
    ],
    [
      'beacons',
      { useBeacon: true, beaconQueueOptions: { maxItems: 4, flushQueueInterval: 200 } },
      ['/beacon/v1/batch'],
    ],
  ])(
    'stores a visit sent with %s and stitches it into one profile',
    async (_, loadOptions, paths) => {
      const result = await visit(rudderstackVisit(loadOptions))
      expect(result.requests).toContain('GET /sourceConfig/')
      for (const path of paths) expect(result.requests).toContain(`POST ${path}`)
      await expectOneStitchedVisit(result, 'RudderLabs JavaScript SDK')
    },
  )

  it('answers 404 for the source configuration of an unknown write key', async () => {
    harness = await startHarness()
    const response = await fetch(`${harness.url}/sourceConfig/?writeKey=wk_unknown`)
    expect(response.status).toBe(404)
  })
})

describe('Jitsu (@jitsu/js) in Chromium against the collector', () => {
  it('stores a visit sent one call per request and stitches it into one profile', async () => {
    const result = await visit(jitsuVisit)
    for (const type of ['page', 'track', 'identify']) {
      expect(result.requests).toContain(`POST /api/s/${type}`)
    }
    await expectOneStitchedVisit(result, '@jitsu/js')
    const page = result.stored.find((m) => m.type === 'page')
    // The SDK fills a page call's properties from the location and document.
    expect(page?.message.properties).toMatchObject({
      url: `${site.url}/jitsu/`,
      path: '/jitsu/',
      title: 'shop',
    })
    expect(page?.message.context?.page).toMatchObject({ title: 'shop', path: '/jitsu/' })
  })
})

const posthogVisit = (sdk: 'posthog' | 'posthog-array', config: object): Visit => ({
  sdk,
  options: config,
  // The page view at start-up and the three calls; then the page leave.
  leave: { to: '/posthog/next/', messages: 5 },
  run: async ({ writeKey, collector, options }) => {
    const { posthog } = globalThis as unknown as PostHogGlobal
    // The SDK records the page view on the tick after init; the visitor acts after that.
    const viewed = new Promise((resolve) => {
      posthog.on('eventCaptured', (event) => event.event === '$pageview' && resolve(event))
    })
    // Headless Chromium says it is automated, and posthog-js drops a bot's events unless told.
    posthog.init(writeKey, { api_host: collector, opt_out_useragent_filter: true, ...options })
    await viewed
    const anonymousId = posthog.get_distinct_id()
    posthog.capture('Product Viewed', { sku: 'MUG-1', price: 12.5 })
    posthog.identify('visitor', { email: 'Visitor@Example.com' })
    posthog.capture('Order Completed', { revenue: 12.5 })
    return anonymousId
  },
})

describe('posthog-js in Chromium against the collector', () => {
  it.each([
    ['the npm module', 'posthog', {}],
    ['the script-tag build (array.js)', 'posthog-array', {}],
    [
      'remote configuration and flags off (advanced_disable_flags)',
      'posthog',
      { advanced_disable_flags: true },
    ],
    ['compression off (plain JSON, preflighted)', 'posthog', { disable_compression: true }],
  ] as const)(
    'stores a visit sent by %s once per event and stitches it into one profile',
    async (_, sdk, config) => {
      const result = await visit(posthogVisit(sdk, config))
      const { stored, ws, collector, requests } = result
      const anonymousId = String(result.returned)
      expect(stored.map((m) => m.type).sort()).toEqual([
        'identify',
        'page',
        'track',
        'track',
        'track',
      ])
      expect(new Set(stored.map((m) => m.messageId)).size).toBe(5)
      const byEvent = new Map(stored.map(({ message }) => [message.event ?? message.type, message]))
      expect(byEvent.get('page')).toMatchObject({
        anonymousId,
        properties: { url: `${site.url}/${sdk}/`, path: `/${sdk}/`, title: 'shop' },
        context: { library: { name: 'web' }, page: { title: 'shop', path: `/${sdk}/` } },
      })
      expect(byEvent.get('Product Viewed')).toMatchObject({
        anonymousId,
        properties: { sku: 'MUG-1', price: 12.5 },
      })
      expect(byEvent.get('identify')).toMatchObject({
        userId: 'visitor',
        anonymousId,
        traits: { email: 'Visitor@Example.com' },
      })
      expect(byEvent.get('Order Completed')).toMatchObject({
        userId: 'visitor',
        properties: { revenue: 12.5 },
      })
      expect(byEvent.get('$pageleave')).toMatchObject({ userId: 'visitor' })
      for (const { message } of stored) {
        expect(message.context?.library?.name).toBe('web')
        // The write key is the project token: it is never stored.
        expect(JSON.stringify(message)).not.toContain(harness!.workspace.writeKey)
      }

      const refs = [
        { type: 'user_id', value: 'visitor' },
        { type: 'anonymous_id', value: anonymousId },
        { type: 'email', value: 'visitor@example.com' },
      ]
      const profiles = await Promise.all(
        refs.map((ref) => collector.store.findProfileIdByIdentifier(ws, ref)),
      )
      expect(profiles[0]).toBeDefined()
      expect(new Set(profiles).size).toBe(1)
      expect((await collector.store.getProfile(ws, profiles[0] ?? ''))?.messageCount).toBe(5)

      // Configuration is loaded once, as a script, and nothing else is: no retries, no extensions.
      expect(requests).toContain('POST /e/')
      const configLoads = requests.filter((r) => /^GET \/array\/|\/static\//.test(r))
      const flagLoads = requests.filter((r) => /^POST \/(flags|decide)\//.test(r))
      if ('advanced_disable_flags' in config) {
        expect([...configLoads, ...flagLoads]).toEqual([])
      } else {
        expect(configLoads).toEqual([`GET /array/${harness!.workspace.writeKey}/config.js`])
        expect(flagLoads.length).toBeLessThanOrEqual(2)
      }
      expect(result.failures).toEqual([])
      expect(result.consoleErrors).toEqual([])
    },
  )

  it('gives up, without a loop, when the collector does not know its write key', async () => {
    const result = await visit({
      sdk: 'posthog',
      options: {},
      messages: 0,
      run: async ({ collector }) => {
        const { posthog } = globalThis as unknown as PostHogGlobal
        posthog.init('wk_unknown', { api_host: collector, opt_out_useragent_filter: true })
        posthog.capture('Product Viewed', { sku: 'MUG-1' })
        // Long enough for the SDK's queue (3 s) to send, and for any retry to show.
        await new Promise((resolve) => setTimeout(resolve, 4000))
      },
    })
    expect(result.stored).toEqual([])
    const count = (pattern: RegExp) => result.requests.filter((r) => pattern.test(r)).length
    // The configuration script, then its JSON form: 404 both, and never asked again.
    expect(count(/^GET \/array\//)).toBeLessThanOrEqual(2)
    expect(count(/^POST \/(flags|decide)\//)).toBeLessThanOrEqual(1)
    // A 401 is not retried: the page view and the capture, at most one request each.
    expect(count(/^POST \/e\//)).toBeGreaterThan(0)
    expect(count(/^POST \/e\//)).toBeLessThanOrEqual(2)
  })
})

describe("Amplitude's browser SDK (@amplitude/analytics-browser) in Chromium against the collector", () => {
  it('stores a visit with its default tracking once per event and stitches it into one profile', async () => {
    const result = await visit({
      sdk: 'amplitude',
      options: {},
      // At load: the attribution identify, the session start and the page view; then the calls.
      messages: 6,
      run: async ({ writeKey, collector }) => {
        const { amplitude } = globalThis as unknown as AmplitudeGlobal
        await amplitude.init(writeKey, {
          serverUrl: `${collector}/2/httpapi`,
          remoteConfig: { serverUrl: `${collector}/amplitude/config` },
          flushIntervalMillis: 100,
        }).promise
        const codes = [
          (await amplitude.track('Product Viewed', { sku: 'MUG-1', price: 12.5 }).promise).code,
        ]
        amplitude.setUserId('visitor')
        const identify = new amplitude.Identify().set('email', 'Visitor@Example.com')
        codes.push((await amplitude.identify(identify).promise).code)
        codes.push((await amplitude.track('Order Completed', { revenue: 12.5 }).promise).code)
        return { codes, deviceId: amplitude.getDeviceId() }
      },
    })
    const { stored, ws, collector, requests } = result
    const { codes, deviceId } = result.returned as { codes: number[]; deviceId: string }
    expect(codes).toEqual([200, 200, 200])
    expect(stored.map((m) => m.message.event ?? m.type).sort()).toEqual([
      'Order Completed',
      'Product Viewed',
      'identify',
      'identify',
      'page',
      'session_start',
    ])
    expect(new Set(stored.map((m) => m.messageId)).size).toBe(6)
    const byEvent = new Map(stored.map(({ message }) => [message.event ?? message.type, message]))
    expect(byEvent.get('Product Viewed')).toMatchObject({
      anonymousId: deviceId,
      properties: { sku: 'MUG-1', price: 12.5 },
      context: { library: { name: 'amplitude-ts' } },
    })
    expect(byEvent.get('Product Viewed')).not.toHaveProperty('userId')
    expect(byEvent.get('Order Completed')).toMatchObject({
      userId: 'visitor',
      anonymousId: deviceId,
      properties: { revenue: 12.5 },
    })
    expect(byEvent.get('page')).toMatchObject({
      anonymousId: deviceId,
      properties: { url: `${site.url}/amplitude/`, path: '/amplitude/', title: 'shop' },
      context: { page: { title: 'shop', path: '/amplitude/' } },
    })
    for (const { message } of stored) {
      expect(JSON.stringify(message)).not.toContain(harness!.workspace.writeKey)
    }
    const profiles = await profileIdsOf(collector, ws, [
      { type: 'user_id', value: 'visitor' },
      { type: 'anonymous_id', value: deviceId },
      { type: 'email', value: 'visitor@example.com' },
    ])
    expect(profiles[0]).toBeDefined()
    expect(new Set(profiles).size).toBe(1)

    expect(requests).toContain('POST /2/httpapi')
    // Its diagnostics and its analytics settings each ask once at most.
    const configLoads = requests.filter((r) => r.startsWith('GET /amplitude/config/'))
    expect(configLoads.length).toBeGreaterThan(0)
    expect(configLoads.length).toBeLessThanOrEqual(2)
    expect(result.failures).toEqual([])
    expect(result.consoleErrors).toEqual([])
  })
})
