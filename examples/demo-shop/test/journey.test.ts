import { launchChromium } from '@itinera/test-utils'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { RESULTS_DIR, startShopServer, type ShopServer } from './shop-server.js'

// Headless Chromium announces itself as a bot, which the tracker ignores by default.
const DESKTOP_UA =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/128.0 Safari/537.36'
const EMAIL = 'ana.walker@example.com'
const LANDING = '/demo/index.html?utm_source=newsletter&utm_medium=email&utm_campaign=spring_sale'

let shop: ShopServer
let browser: Browser
let context: BrowserContext

/** Waits until the snippet's bundle has loaded and replaced the queue on `window.itinera`. */
async function trackerReady(page: Page): Promise<void> {
  await page.waitForFunction('typeof window.itinera?.user === "function"')
}

/** Waits until what the page tracked so far is delivered, as a person's pause would allow. */
async function delivered(page: Page): Promise<void> {
  await page.evaluate('window.itinera.flush()')
}

/** Asks the profile API until `check` accepts the answer (ingest reflects within a second). */
async function waitForApi<T>(path: string, check: (body: T) => boolean): Promise<T> {
  const deadline = Date.now() + 20_000
  let last: unknown
  while (Date.now() < deadline) {
    const response = await fetch(`${shop.url}${path}`, {
      headers: { authorization: `Bearer ${shop.workspace.secretKey}` },
    })
    last = response.ok ? await response.json() : response.status
    if (response.ok && check(last as T)) return last as T
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  throw new Error(`${path} never matched; last answer: ${JSON.stringify(last)}`)
}

beforeAll(async () => {
  shop = await startShopServer()
  browser = await launchChromium()
  context = await browser.newContext({
    userAgent: DESKTOP_UA,
    viewport: { width: 1280, height: 900 },
  })
})

afterAll(async () => {
  await browser?.close()
  await shop?.close()
})

describe('demo shop journey', () => {
  let anonymousId: string

  it('tracks a new visitor from a UTM link through browsing, sign-in and purchase', async () => {
    const page = await context.newPage()
    await page.goto(`${shop.url}${LANDING}`)
    await trackerReady(page)
    anonymousId = String(await page.evaluate('window.itinera.user().anonymousId'))
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('Spring sale')
    await delivered(page)

    await page.getByLabel('Search the shop').fill('shoes')
    await page.getByLabel('Search the shop').press('Enter')
    await page.getByText('1 product for “shoes”.').waitFor()
    await delivered(page)
    await page.getByRole('link', { name: /Trail Runner Shoes/ }).click()
    await page.waitForURL(/product\.html/)
    await trackerReady(page)
    await page.getByRole('button', { name: 'Add to cart' }).click()
    await page.getByRole('status').getByText('Added 1 to your cart').waitFor()
    await delivered(page)

    await page.getByRole('link', { name: 'Sign in' }).click()
    await page.waitForURL(/signin\.html/)
    await trackerReady(page)
    await page.getByLabel('Email').fill(EMAIL)
    await page.getByLabel('First name').fill('Ana')
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.getByText(`You are signed in as ${EMAIL}`).waitFor()

    await page.getByRole('link', { name: /Cart/ }).click()
    await page.waitForURL(/cart\.html/)
    await page.getByRole('link', { name: 'Go to checkout' }).click()
    await page.waitForURL(/checkout\.html/)
    await trackerReady(page)
    expect(await page.getByLabel('Email').inputValue()).toBe(EMAIL)
    await page.getByRole('button', { name: 'Place order' }).click()
    await page.getByText(/Thank you! Order order-/).waitFor()
    await delivered(page)
    await page.screenshot({ path: `${RESULTS_DIR}checkout-confirmation.png`, fullPage: true })

    const events = await waitForApi<{ data: { event: string | null; type: string }[] }>(
      `/v1/profiles/${encodeURIComponent(`email:${EMAIL}`)}/events?limit=100`,
      (body) => body.data.some((entry) => entry.event === 'Order Completed'),
    )
    const names = events.data.map((entry) => entry.event)
    expect(names).toEqual(
      expect.arrayContaining([
        'Products Searched',
        'Product Viewed',
        'Product Added',
        'Signed In',
        'Order Completed',
      ]),
    )
    await page.close()
  })

  it('shows one profile in the explorer with the anonymous and the known events, at purchase', async () => {
    const page = await context.newPage()
    await page.goto(`${shop.url}/`)
    await page.getByLabel('Secret key').fill(shop.workspace.secretKey)
    await page.getByRole('button', { name: 'Connect' }).click()
    await page.getByRole('searchbox').fill(`email:${EMAIL}`)
    await page.getByRole('searchbox').press('Enter')
    const timeline = page.getByTestId('timeline')
    await timeline.waitFor()

    expect(await page.getByTestId('current-stage').textContent()).toBe('purchase')
    const currentStep = page.locator('.ribbon [aria-current="step"]')
    expect(await currentStep.getAttribute('data-stage')).toBe('purchase')

    const identities = await page.getByTestId('identities').innerText()
    expect(identities).toContain(anonymousId)
    expect(identities).toContain(EMAIL)
    expect(identities).toMatch(/User id\s+user_/i)

    const anonymous = timeline.locator('.event[data-known="false"]')
    const known = timeline.locator('.event[data-known="true"]')
    expect(await anonymous.filter({ hasText: 'Product Viewed' }).count()).toBeGreaterThan(0)
    expect(await known.filter({ hasText: 'Order Completed' }).count()).toBe(1)
    expect(
      await timeline.locator('.touchpoint', { hasText: 'spring_sale' }).count(),
    ).toBeGreaterThan(0)
    await page.screenshot({ path: `${RESULTS_DIR}explorer-profile.png`, fullPage: true })

    // The funnel over the whole workspace counts this visitor at every step.
    await page
      .getByLabel('Steps (comma-separated events)')
      .fill('Product Viewed, Product Added, Order Completed')
    await page.getByRole('button', { name: 'Update funnel' }).click()
    const table = page.getByTestId('funnel-table')
    await table.locator('tr[data-step="Order Completed"]').waitFor()
    for (const step of ['Product Viewed', 'Product Added', 'Order Completed']) {
      const count = await table.locator(`tr[data-step="${step}"] td[data-col="count"]`).innerText()
      expect([step, count]).toEqual([step, '1'])
    }
    await page
      .locator('#workspace-section')
      .screenshot({ path: `${RESULTS_DIR}explorer-workspace.png` })
    await page.close()
  })
})
