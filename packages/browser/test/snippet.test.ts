// The inline snippet in real Chromium under a strict nonce-based Content-Security-Policy:
// calls made before the bundle loads are buffered with their call time and replayed in order.
import { readFileSync } from 'node:fs'
import { launchChromium } from '@itinera/test-utils'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildIife } from './bundle.js'
import { startLoopbackCollector, waitUntil } from './loopback-collector.js'

const snippetDir = new URL('../snippet/', import.meta.url)
const NONCE = 'r4nd0m'
const CONFIG = {
  src: '/itinera.min.js',
  writeKey: 'wk_snippet',
  host: '',
  allowBots: true,
  flushInterval: 200,
}

/** The committed minified snippet with its last line edited, as a site owner would. */
function snippet(): string {
  const min = readFileSync(new URL('snippet.min.js', snippetDir), 'utf8')
  const edited = min.replace(
    /\{src:"[^"]*",writeKey:"[^"]*",host:"[^"]*"\}/,
    JSON.stringify(CONFIG),
  )
  if (edited === min)
    throw new Error('snippet.min.js does not end with the documented config object')
  return edited
}

const html = () => `<!doctype html><title>Shop</title>
<script nonce="${NONCE}">
  window.violations = []
  document.addEventListener('securitypolicyviolation', (e) => window.violations.push(e.violatedDirective))
</script>
<script nonce="${NONCE}">${snippet()}</script>
<script nonce="${NONCE}">
  itinera.identify('user-1', { plan: 'pro' })
  itinera.track('Viewed Product', { sku: 'A-1' })
  window.calledAt = Date.now()
</script>`

let browser: Browser
let bundle: string

beforeAll(async () => {
  ;[bundle, browser] = await Promise.all([buildIife(), launchChromium()])
})
afterAll(async () => {
  await browser?.close()
})

describe('inline snippet', () => {
  it('matches its source: snippet.min.js is snippet.js minified', async () => {
    const { minifySnippet } = (await import(new URL('build-snippet.mjs', snippetDir).href)) as {
      minifySnippet: () => Promise<string>
    }
    expect(readFileSync(new URL('snippet.min.js', snippetDir), 'utf8')).toBe(await minifySnippet())
  })

  it('buffers calls until the bundle loads, then replays them in order with their call time, under a strict CSP', async () => {
    const collector = await startLoopbackCollector({
      bundle,
      html,
      bundleDelayMs: 700,
      pageHeaders: {
        'content-security-policy': `default-src 'none'; script-src 'nonce-${NONCE}'; connect-src 'self'`,
      },
    })
    const context = await browser.newContext()
    try {
      const page = await context.newPage()
      await page.goto(`${collector.url}/products/a-1`)
      await waitUntil(() => collector.counts.size >= 3, 'the replayed calls')
      const { calledAt, violations, live } = await page.evaluate(() => {
        const w = window as unknown as { calledAt: number; violations: string[]; itinera: unknown }
        return {
          calledAt: w.calledAt,
          violations: w.violations,
          live: typeof (w.itinera as { user?: unknown }).user === 'function',
        }
      })
      const received = [...collector.messages.values()].sort((a, b) =>
        a.timestamp.localeCompare(b.timestamp),
      )
      expect(received.map((m) => [m.type, m.event, m.userId])).toEqual([
        ['identify', undefined, 'user-1'],
        ['track', 'Viewed Product', 'user-1'],
        ['page', undefined, 'user-1'],
      ])
      // Buffered calls carry the time they were made, not the time the bundle replayed them.
      expect(Date.parse(received[1]!.timestamp)).toBeLessThanOrEqual(calledAt)
      expect(violations).toEqual([])
      expect(live).toBe(true)
      expect(collector.duplicates()).toEqual([])
    } finally {
      await context.close()
      await collector.close()
    }
  })
})
