// Deterministic shop journeys for the profile API benchmark: `perProfile` messages per person,
// an anonymous visit stitched by an identify, and a 4-step purchase funnel with drop-off.
import { createRandom } from '../lib/random.js'

export const FUNNEL = ['Product Viewed', 'Product Added', 'Checkout Started', 'Order Completed']
const START = Date.parse('2026-01-01T00:00:00.000Z')
const MINUTE = 60_000

/** The messages of profiles `from` to `to - 1` (each person's messages in time order). */
export function* journeys(
  from: number,
  to: number,
  perProfile: number,
): Generator<Record<string, unknown>> {
  for (let p = from; p < to; p++) {
    const next = createRandom(p + 1)
    const anonymousId = `anon-${p}`
    const userId = `user-${p}`
    let time = START + Math.floor(next() * 60 * 24 * 60) * MINUTE
    let n = 0
    const stamp = () => {
      time += Math.floor(1 + next() * 20) * MINUTE
      return new Date(time).toISOString()
    }
    const base = () => ({ messageId: `m-${p}-${n++}`, timestamp: stamp() })
    const source = ['news', 'search', 'social', 'partner'][p % 4]
    yield {
      type: 'page',
      anonymousId,
      name: 'Home',
      context: { page: { url: `https://shop.example/?utm_source=${source}&utm_medium=cpc` } },
      ...base(),
    }
    yield {
      type: 'identify',
      anonymousId,
      userId,
      traits: { email: `user-${p}@example.com`, plan: p % 3 === 0 ? 'pro' : 'free' },
      ...base(),
    }
    // Each funnel step is reached by 70% of those who reached the previous one.
    let steps = 0
    while (steps < FUNNEL.length && n < perProfile && (steps === 0 || next() < 0.7)) {
      yield {
        type: 'track',
        userId,
        event: FUNNEL[steps],
        properties: { sku: `SKU-${p % 500}`, price: (p % 97) + 0.99 },
        ...base(),
      }
      steps++
    }
    while (n < perProfile) {
      yield { type: 'page', userId, name: 'Product', properties: { path: `/p/${n}` }, ...base() }
    }
  }
}
