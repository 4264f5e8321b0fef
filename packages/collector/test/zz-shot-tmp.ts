import { launchChromium } from '@itinera/test-utils'
const browser = await launchChromium()
for (const [name, viewport] of [['laptop', { width: 1366, height: 900 }], ['phone', { width: 390, height: 844 }]] as const) {
  const page = await browser.newPage({ viewport })
  page.on('console', (m) => console.log('console:', m.text()))
  page.on('pageerror', (e) => console.log('pageerror:', e.message))
  await page.goto('http://127.0.0.1:8799/')
  await page.fill('#key-input', 'sk_test')
  await page.click('text=Connect')
  await page.waitForSelector('[data-testid=funnel-table]')
  await page.fill('#search-input', 'ana@example.com')
  await page.keyboard.press('Enter')
  await page.waitForSelector('[data-testid=timeline]')
  await page.screenshot({ path: `/tmp/mock/${name}.png`, fullPage: true })
  console.log(name, await page.locator('[data-testid=current-stage]').textContent())
}
await browser.close()
