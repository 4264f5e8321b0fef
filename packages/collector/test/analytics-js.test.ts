// Segment's browser SDK, unmodified, sending to the collector from real Chromium: it loads its
// settings from the collector (`cdnURL`), then posts to the one-letter paths or `/v1/b`.
import { readFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createRequire } from 'node:module'
import { dirname, join, normalize } from 'node:path'
import { launchChromium } from '@itinera/test-utils'
import type { Browser } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { startHarness, type Harness } from './harness.js'

const require = createRequire(import.meta.url)
const SDK_DIR = join(dirname(require.resolve('@segment/analytics-next/package.json')), 'dist/umd')

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

let browser: Browser
let site: { server: Server; url: string }
let harness: Harness | undefined

/** A plain web site on its own origin, serving analytics.js's files under /segment/. */
async function serveSite(): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://site').pathname
    if (path === '/') {
      res.writeHead(200, { 'content-type': 'text/html' })
      res.end('<!doctype html><title>shop</title><script src="/segment/index.js"></script>')
      return
    }
    const file = normalize(join(SDK_DIR, path.slice('/segment/'.length)))
    if (!path.startsWith('/segment/') || !file.startsWith(SDK_DIR)) {
      res.writeHead(404).end()
      return
    }
    res.writeHead(200, { 'content-type': 'text/javascript' }).end(readFileSync(file))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }
}

beforeAll(async () => {
  browser = await launchChromium()
  site = await serveSite()
})
afterAll(async () => {
  await browser?.close()
  await new Promise((resolve) => site?.server.close(resolve))
})
afterEach(async () => {
  await harness?.close()
  harness = undefined
})

/** Loads analytics.js on the site, runs a visit, and returns what the collector stored. */
async function visit(integrations: Record<string, unknown>) {
  harness = await startHarness()
  const { url, workspace, collector } = harness
  const page = await browser.newPage()
  const requests: string[] = []
  page.on('request', (request) => {
    if (request.url().startsWith(url))
      requests.push(`${request.method()} ${new URL(request.url()).pathname}`)
  })
  await page.goto(`${site.url}/`)
  await page.evaluate(
    async ({ writeKey, cdnURL, integrations }) => {
      const { AnalyticsBrowser } = (globalThis as unknown as AnalyticsJsGlobal).AnalyticsNext
      const [analytics] = await AnalyticsBrowser.load({ writeKey, cdnURL }, { integrations })
      await analytics.page('Home')
      await analytics.track('Product Viewed', { sku: 'MUG-1', price: 12.5 })
      await analytics.identify('ajs-user', { email: 'Ajs@Example.com' })
      await analytics.track('Order Completed', { revenue: 12.5 })
    },
    { writeKey: workspace.writeKey, cdnURL: url, integrations },
  )
  const ws = workspace.workspace.id
  let stored = await collector.store.readMessages({ workspaceId: ws, limit: 100 })
  for (let wait = 0; stored.length < 4 && wait < 100; wait++) {
    await new Promise((resolve) => setTimeout(resolve, 50))
    stored = await collector.store.readMessages({ workspaceId: ws, limit: 100 })
  }
  await page.close()
  await collector.projector.flush()
  return { stored, requests, ws, collector }
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
      const { stored, requests, ws, collector } = await visit(integrations)
      expect(requests).toContain(`GET /v1/projects/${harness!.workspace.writeKey}/settings`)
      for (const path of paths) expect(requests).toContain(`POST ${path}`)

      expect(stored.map((m) => m.type).sort()).toEqual(['identify', 'page', 'track', 'track'])
      expect(new Set(stored.map((m) => m.messageId)).size).toBe(4)
      for (const { message } of stored) {
        expect(message.context?.library?.name).toBe('analytics.js')
        expect(message.anonymousId).toBeTypeOf('string')
      }
      const anonymousId = String(stored[0]?.message.anonymousId)
      const byEmail = await collector.store.findProfileIdByIdentifier(ws, {
        type: 'email',
        value: 'ajs@example.com',
      })
      expect(byEmail).toBeDefined()
      expect(
        await collector.store.findProfileIdByIdentifier(ws, {
          type: 'anonymous_id',
          value: anonymousId,
        }),
      ).toBe(byEmail)
    },
  )

  it('answers 404 for the settings of an unknown write key', async () => {
    harness = await startHarness()
    const response = await fetch(`${harness.url}/v1/projects/wk_unknown/settings`)
    expect(response.status).toBe(404)
  })
})
