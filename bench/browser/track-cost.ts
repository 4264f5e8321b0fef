// Main-thread cost of track() in real Chromium, for Itinera, Segment analytics-next and posthog-js
// in the same page setup: each SDK loads from a <script> on a loopback page, sends to the same
// loopback server (which answers 200 to everything), and tracks the same event.
import { readFileSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createRequire } from 'node:module'
import { dirname, join, normalize } from 'node:path'
import { launchChromium } from '@itinera/test-utils'
import type { Browser, Page } from 'playwright-core'

const require = createRequire(import.meta.url)
const segmentDir = join(
  dirname(require.resolve('@segment/analytics-next/package.json')),
  'dist/umd',
)
const posthogFile = join(dirname(require.resolve('posthog-js/package.json')), 'dist/array.js')

/** How each SDK is loaded and called; `ready` resolves once it can track. */
interface Setup {
  sdk: string
  script: string
  init: string
  track: string
}

const SETUPS: Setup[] = [
  {
    sdk: '@itinera/browser',
    script: '/itinera.min.js',
    init: `window.sdk = Itinera.createAnalytics({ writeKey: 'wk', host: location.origin, trackPages: false }); window.ready = true`,
    track: `window.sdk.track('Product Viewed', props)`,
  },
  {
    sdk: '@segment/analytics-next',
    script: '/segment/index.js',
    init: `AnalyticsNext.AnalyticsBrowser.load(
      { writeKey: 'wk', cdnSettings: { integrations: { 'Segment.io': { apiKey: 'wk', apiHost: location.host + '/v1', protocol: 'http' } } } },
      { initialPageview: false },
    ).then(([analytics]) => { window.sdk = analytics; window.ready = true })`,
    track: `window.sdk.track('Product Viewed', props)`,
  },
  {
    sdk: 'posthog-js',
    script: '/posthog/array.js',
    init: `posthog.init('phc_bench', { api_host: location.origin, autocapture: false, capture_pageview: false,
      capture_pageleave: false, disable_session_recording: true, disable_surveys: true,
      advanced_disable_flags: true, disable_external_dependency_loading: true, opt_out_useragent_filter: true,
      loaded: () => { window.sdk = posthog; window.ready = true } })`,
    track: `window.sdk.capture('Product Viewed', props)`,
  },
]

/** Figures for one SDK. */
export interface CostRow {
  sdk: string
  /** Median over rounds of the mean synchronous time of one call, in microseconds. */
  syncUs: number
  /** All main-thread time caused per call (sync + async work + sending), in microseconds. */
  totalUs: number
  /** Requests the SDK sent to the server during the measured 300 calls. */
  requests: number
}

let posts = 0

async function serve(bundle: string) {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname
    if (req.method !== 'GET') {
      posts++
      req.resume()
      req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'))
      return
    }
    const setup = SETUPS.find((s) => path === `/${encodeURIComponent(s.sdk)}`)
    if (setup) {
      res.writeHead(200, { 'content-type': 'text/html' }).end(`<!doctype html><title>bench</title>
<script src="${setup.script}"></script><script>${setup.init}</script>`)
      return
    }
    let body: string | Buffer | undefined
    if (path === '/itinera.min.js') body = bundle
    else if (path === '/posthog/array.js') body = readFileSync(posthogFile)
    else if (path.startsWith('/segment/')) {
      const file = normalize(join(segmentDir, path.slice('/segment/'.length)))
      if (file.startsWith(segmentDir)) body = readFileSync(file)
    }
    if (body === undefined) res.writeHead(200, { 'content-type': 'application/json' }).end('{}')
    else res.writeHead(200, { 'content-type': 'text/javascript' }).end(body)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }
}

const DESKTOP_UA =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36'

const PROPS = `const props = { sku: 'A-1', name: 'Blue Mug', price: 12.5, currency: 'EUR', tags: ['kitchen', 'gift'] }`

async function syncRound(page: Page, track: string, calls: number): Promise<number> {
  return page.evaluate(
    `(() => { ${PROPS}; const t0 = performance.now(); for (let i = 0; i < ${calls}; i++) { ${track} } return (performance.now() - t0) * 1000 / ${calls} })()`,
  )
}

interface TraceEvent {
  name: string
  ph: string
  pid: number
  tid: number
  dur?: number
  args?: { name?: string }
}

/**
 * Main-thread busy time of the page's renderer while `run` executes and the `ms` after it, in
 * seconds: the sum of the renderer main thread's top-level tasks in a Chromium trace, so the
 * synchronous calls, microtasks, timers, storage and network callbacks all count.
 */
async function mainThreadBusy(
  browser: Browser,
  page: Page,
  run: () => Promise<unknown>,
  ms: number,
) {
  await browser.startTracing(page, { categories: ['toplevel', '__metadata'] })
  await run()
  await page.waitForTimeout(ms)
  const events = (
    JSON.parse((await browser.stopTracing()).toString()) as { traceEvents: TraceEvent[] }
  ).traceEvents
  const mains = new Set(
    events
      .filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
      .map((e) => `${e.pid}:${e.tid}`),
  )
  let busy = 0
  for (const e of events) {
    if (
      e.name === 'ThreadControllerImpl::RunTask' &&
      e.ph === 'X' &&
      mains.has(`${e.pid}:${e.tid}`)
    ) {
      busy += e.dur ?? 0
    }
  }
  return busy / 1e6
}

async function measureOne(browser: Browser, url: string, setup: Setup): Promise<CostRow> {
  // A desktop user agent: the SDKs drop or flag headless browsers otherwise.
  const context = await browser.newContext({ userAgent: DESKTOP_UA })
  const page = await context.newPage()
  await page.goto(`${url}/${encodeURIComponent(setup.sdk)}`)
  await page.waitForFunction('window.ready === true', undefined, { timeout: 30_000 })
  // Warm up the JIT and the SDK's storage and network paths.
  await syncRound(page, setup.track, 200)
  await page.waitForTimeout(4000)
  const rounds: number[] = []
  for (let r = 0; r < 7; r++) {
    rounds.push(await syncRound(page, setup.track, 200))
    await page.waitForTimeout(500)
  }
  await page.waitForTimeout(4000)
  // Main-thread time of a quiet 6 s, then of 300 calls and everything they trigger (batching,
  // storage, sending; PostHog flushes every 3 s) over the same 6 s.
  const idle = await mainThreadBusy(browser, page, () => Promise.resolve(), 6000)
  const posts0 = posts
  const busy = await mainThreadBusy(
    browser,
    page,
    () => page.evaluate(`(() => { ${PROPS}; for (let i = 0; i < 300; i++) { ${setup.track} } })()`),
    6000,
  )
  await context.close()
  rounds.sort((a, b) => a - b)
  return {
    sdk: setup.sdk,
    syncUs: Math.round(rounds[3]! * 10) / 10,
    totalUs: Math.round(((busy - idle) * 1e6) / 300),
    requests: posts - posts0,
  }
}

/** Measures all three SDKs, one after another, in one browser. */
export async function measureTrackCost(bundle: string): Promise<CostRow[]> {
  const { server, url } = await serve(bundle)
  const browser = await launchChromium()
  try {
    const rows: CostRow[] = []
    for (const setup of SETUPS) rows.push(await measureOne(browser, url, setup))
    return rows
  } finally {
    await browser.close()
    server.close()
  }
}
