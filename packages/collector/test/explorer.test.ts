import { mkdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { generateDemoMessages, seedDemo } from '@itinera/collector'
import { launchChromium } from '@itinera/test-utils'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { post, startHarness, type Harness } from './harness.js'

const WEB = fileURLToPath(new URL('../src/web/public', import.meta.url))
const RESULTS = fileURLToPath(new URL('../../../test-results/explorer/', import.meta.url))
const PROFILES = 300
const SEED = { profiles: PROFILES, seed: 11, now: Date.now() }

/** A customer of the seeded dataset who bought on at least two channels and never reviewed. */
function crossChannelBuyer(): string {
  const channels = new Map<string, Set<unknown>>()
  const advocates = new Set<string>()
  for (const message of generateDemoMessages(SEED).messages) {
    if (!message.userId) continue
    if (message.event === 'Product Reviewed' || message.event === 'Product Shared') {
      advocates.add(message.userId)
    }
    if (message.event !== 'Order Completed') continue
    const seen = channels.get(message.userId) ?? new Set()
    seen.add(message.context.channel)
    channels.set(message.userId, seen)
  }
  const found = [...channels].find(([id, seen]) => seen.size >= 2 && !advocates.has(id))
  if (!found) throw new Error('the seeded dataset has no cross-channel buyer')
  return found[0]
}

let harness: Harness
let browser: Browser

/** Opens the explorer and connects with the workspace's secret key. */
async function connect(page: Page): Promise<void> {
  await page.goto(`${harness.url}/`)
  await page.getByLabel('Secret key').fill(harness.workspace.secretKey)
  await page.getByRole('button', { name: 'Connect' }).click()
  await page.locator('body[data-ready="true"]').waitFor()
}

/** Scrolls a workspace card into view (cards load when seen) and waits for its content. */
async function reveal(page: Page, card: string, content: string): Promise<void> {
  await page.locator(card).scrollIntoViewIfNeeded()
  await page.locator(content).first().waitFor()
}

/** The numbers of one column of a data table, by the test id of the table. */
async function column(page: Page, table: string, index: number): Promise<number[]> {
  const cells = await page
    .getByTestId(table)
    .locator(`tbody tr > :nth-child(${index + 1})`)
    .allInnerTexts()
  return cells.map((text) => Number(text.replace(/,/g, '')))
}

beforeAll(async () => {
  harness = await startHarness({ webDirectory: WEB, rateLimit: false })
  await seedDemo({
    url: harness.url,
    writeKey: harness.workspace.writeKey,
    ...SEED,
  })
  await harness.collector.projector.flush()
  browser = await launchChromium()
  mkdirSync(RESULTS, { recursive: true })
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await harness?.close()
})

describe('explorer', () => {
  it('refuses a write key and says which key it needs', async () => {
    const page = await browser.newPage()
    await page.goto(`${harness.url}/`)
    await page.getByLabel('Secret key').fill(harness.workspace.writeKey)
    await page.getByRole('button', { name: 'Connect' }).click()
    await expect
      .poll(() => page.getByRole('alert').first().innerText())
      .toContain('secret key, not its write key')
    await page.close()
  })

  it('draws the workspace views from the seeded dataset', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } })
    await connect(page)

    await reveal(page, '#funnel-card', '[data-testid="funnel-table"]')
    const funnel = await column(page, 'funnel-table', 1)
    expect(funnel).toHaveLength(4)
    expect(funnel[0]).toBeGreaterThan(0)
    for (let i = 1; i < funnel.length; i += 1) expect(funnel[i]).toBeLessThanOrEqual(funnel[i - 1]!)

    await reveal(page, '#stages-card', '[data-testid="stages-table"]')
    const stages = await column(page, 'stages-table', 1)
    expect(stages.reduce((sum, count) => sum + count, 0)).toBeLessThanOrEqual(PROFILES)
    expect(stages.filter((count) => count > 0).length).toBeGreaterThanOrEqual(4)

    await reveal(page, '#paths-card', 'svg.sankey')
    expect(await page.locator('svg.sankey .sankey-node').count()).toBeGreaterThan(3)
    expect(await page.locator('svg.sankey .sankey-link').count()).toBeGreaterThan(2)

    await reveal(page, '#attribution-card', '[data-testid="attribution-table"]')
    const sources = await page.getByTestId('attribution-table').locator('tbody th').allInnerTexts()
    expect(sources).toEqual(expect.arrayContaining(['newsletter', 'google']))
    await page.screenshot({ path: `${RESULTS}workspace-laptop.png`, fullPage: true })
    await page.close()
  })

  it('finds a profile from the keyboard and shows its cross-channel journey', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } })
    await connect(page)
    const userId = crossChannelBuyer()
    await page.getByRole('searchbox').focus()
    await page.keyboard.type(`user_id:${userId}`)
    await page.keyboard.press('Enter')
    const timeline = page.getByTestId('timeline')
    await timeline.waitFor()
    // Focus moves to the profile's heading, so keyboard and screen-reader users land on it.
    expect(await page.evaluate('document.activeElement?.id')).toBe('profile-title')
    expect(await page.getByTestId('identities').innerText()).toContain(userId)
    const channels = await timeline
      .locator('.session')
      .evaluateAll((sessions) => sessions.map((session) => session.getAttribute('data-channel')))
    expect(new Set(channels).size).toBeGreaterThanOrEqual(2)
    expect(
      await timeline.locator('.event', { hasText: 'Order Completed' }).count(),
    ).toBeGreaterThanOrEqual(2)
    // Each identifier but the first tells how it joined: the messages that linked it.
    const joined = page.getByTestId('identities').locator('details.why').first()
    await joined.locator('summary').click()
    const steps = joined.getByTestId('why-steps').locator('li')
    await steps.first().waitFor()
    const chain = await steps.allInnerTexts()
    expect(chain[0]).toContain(`user_id:${userId}`)
    for (const step of chain) expect(step).toMatch(/ → .+ by message \S+/)
    await page.screenshot({ path: `${RESULTS}profile-laptop.png`, fullPage: true })

    await page.getByRole('searchbox').fill('email:nobody@example.com')
    await page.getByRole('searchbox').press('Enter')
    await expect
      .poll(() => page.locator('#search-error').innerText())
      .toBe('No profile found for email:nobody@example.com.')
    await page.close()
  })

  it('shows new events on the open profile as they arrive', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } })
    await connect(page)
    const userId = crossChannelBuyer()
    await page.goto(`${harness.url}/#profile=${encodeURIComponent(`user_id:${userId}`)}`)
    const timeline = page.getByTestId('timeline')
    await timeline.waitFor()
    expect(
      await page.locator('.ribbon [data-stage="advocacy"]').getAttribute('class'),
    ).not.toContain('reached')
    const answer = await post(
      `${harness.url}/v1/track`,
      {
        userId,
        event: 'Product Reviewed',
        messageId: `live-${userId}`,
        properties: {
          product_id: 'p-day-pack',
          rating: 5,
          review_body: 'Carried it up Ben Nevis.',
        },
        context: { channel: 'web' },
      },
      { writeKey: harness.workspace.writeKey },
    )
    expect(answer.status).toBe(200)
    // The open profile polls every few seconds; no reload, no click.
    await timeline.locator('.event', { hasText: 'Product Reviewed' }).waitFor({ timeout: 20_000 })
    await expect
      .poll(() => page.locator('.ribbon [aria-current="step"]').getAttribute('data-stage'), {
        timeout: 20_000,
      })
      .toBe('advocacy')
    // Screen readers hear about the change once, not the whole profile again.
    expect(await page.locator('#profile-announcer').textContent()).toBe(
      '1 new event on this profile.',
    )
    await page.close()
  })

  it('stays readable on a phone', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true })
    await connect(page)
    await page.goto(
      `${harness.url}/#profile=${encodeURIComponent(`user_id:${crossChannelBuyer()}`)}`,
    )
    await page.getByTestId('timeline').waitFor()
    const overflow = Number(
      await page.evaluate(
        'document.documentElement.scrollWidth - document.documentElement.clientWidth',
      ),
    )
    expect(overflow).toBeLessThanOrEqual(0)
    await page.screenshot({ path: `${RESULTS}profile-phone.png`, fullPage: true })
    await page.close()
  })
})
