// End-to-end delivery in real Chromium against a loopback collector, using the built IIFE bundle.
// Every case ends with each message acknowledged exactly once and nothing extra.
import { launchChromium } from '@itinera/test-utils'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { buildIife } from './bundle.js'
import { startLoopbackCollector, waitUntil } from './loopback-collector.js'

const CONFIG = {
  writeKey: 'wk_e2e',
  host: '',
  allowBots: true,
  trackPages: false,
  flushAt: 10,
  flushInterval: 300,
  retryBaseDelay: 200,
  retryMaxDelay: 2000,
}

const html = () => `<!doctype html><title>e2e</title>
<script src="/itinera.min.js"></script>
<script>window.analytics = Itinera.createAnalytics(${JSON.stringify(CONFIG)})</script>`

let bundle: string
let browser: Browser
let context: BrowserContext
let collector: Awaited<ReturnType<typeof startLoopbackCollector>>

beforeAll(async () => {
  ;[bundle, browser] = await Promise.all([buildIife(), launchChromium()])
})
afterAll(async () => {
  await browser?.close()
})
beforeEach(async () => {
  collector = await startLoopbackCollector({ bundle, html })
  context = await browser.newContext()
})
afterEach(async () => {
  await context.close()
  await collector.close()
})

async function open(): Promise<Page> {
  const page = await context.newPage()
  await page.goto(`${collector.url}/`)
  return page
}

/** Tracks `n` events in the page and returns their message ids once they are stored. */
function trackMany(page: Page, n: number, prefix: string): Promise<string[]> {
  return page.evaluate(
    async ([count, name]) => {
      const analytics = (
        window as unknown as {
          analytics: { track: (...a: unknown[]) => Promise<{ messageId: string }> }
        }
      ).analytics
      const calls: Promise<{ messageId: string }>[] = []
      for (let i = 0; i < count; i++) calls.push(analytics.track(`${name} ${i}`, { i }))
      return (await Promise.all(calls)).map((m) => m.messageId)
    },
    [n, prefix] as const,
  )
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** Waits for every id, then a quiet second, and checks each arrived once and nothing else did. */
async function expectExactlyOnce(ids: string[]) {
  await waitUntil(() => ids.every((id) => collector.counts.has(id)), 'every message', 40_000)
  await sleep(1500)
  expect(collector.duplicates()).toEqual([])
  expect([...collector.counts.keys()].sort()).toEqual([...ids].sort())
}

describe('browser delivery (Chromium)', () => {
  it('exposes the global Itinera with createAnalytics', async () => {
    const page = await open()
    const shape = await page.evaluate(() => {
      const g = (window as unknown as { Itinera: Record<string, unknown> }).Itinera
      return { createAnalytics: typeof g.createAnalytics, version: g.VERSION }
    })
    expect(shape).toEqual({ createAnalytics: 'function', version: expect.any(String) })
  })

  it('delivers everything exactly once when the page reloads in the middle of a flush', async () => {
    collector.faults.holdMs = 2000
    const page = await open()
    const ids = await trackMany(page, 30, 'Reload')
    await waitUntil(() => collector.stats().requests > 0, 'a flush in flight')
    await page.reload()
    collector.faults.holdMs = 0
    await expectExactlyOnce(ids)
  })

  it('delivers everything exactly once after being offline, when the browser is back online', async () => {
    const page = await open()
    await context.setOffline(true)
    const ids = await trackMany(page, 20, 'Offline')
    await sleep(1000)
    expect(collector.counts.size).toBe(0)
    await context.setOffline(false)
    await expectExactlyOnce(ids)
  })

  it('delivers a message tracked right before the tab closes exactly once', async () => {
    const page = await open()
    await page.evaluate(() => {
      void (window as unknown as { analytics: { track: (e: string) => unknown } }).analytics.track(
        'Closed',
      )
    })
    await page.close({ runBeforeUnload: true })
    await waitUntil(() => collector.counts.size > 0, 'the message of the closed tab')
    // The next visit finds it in the outbox, handed off: it must not send it again.
    await open()
    await sleep(1500)
    expect([...collector.messages.values()].map((m) => m.event)).toEqual(['Closed'])
    expect(collector.duplicates()).toEqual([])
  })

  it('delivers everything exactly once when two tabs track at the same time', async () => {
    const [a, b] = await Promise.all([open(), open()])
    const ids = (await Promise.all([trackMany(a!, 50, 'Tab A'), trackMany(b!, 50, 'Tab B')])).flat()
    await expectExactlyOnce(ids)
  })

  it('delivers everything exactly once after the server fails with 500 for ten seconds', async () => {
    collector.faults.failUntil = Date.now() + 10_000
    const page = await open()
    const ids = await trackMany(page, 20, 'Outage')
    await expectExactlyOnce(ids)
    expect(collector.stats().failures).toBeGreaterThan(0)
    expect(collector.stats().unauthenticated).toBe(0)
  })
})
