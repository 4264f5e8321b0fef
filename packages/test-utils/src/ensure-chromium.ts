import { ensureChromium } from './chromium.js'

/** vitest global setup for suites that drive a real browser. */
export function setup(): void {
  ensureChromium()
}
