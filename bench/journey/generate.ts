// Deterministic synthetic workload: stitched profiles of Segment-shaped messages, as the identity
// engine hands them to the journey engine.
import type { Message, ProfileEvents } from '@itinera/core'
import { createRandom } from '../lib/random.js'

const START = Date.parse('2024-03-01T00:00:00.000Z')
const SPAN_MS = 60 * 86_400_000
const SOURCES = ['google', 'facebook', 'newsletter', 'tiktok', 'partner']
const MEDIUMS = ['cpc', 'social', 'email', 'video', 'referral']
const LIBRARIES = [
  { name: 'analytics.js', version: '2.11.0' },
  { name: 'analytics-ios', version: '4.1.8' },
  { name: 'analytics-node', version: '2.1.0' },
]
// What a shopper does next, roughly: browse, add, check out, buy, come back.
const NEXT: Record<string, [string, number][]> = {
  start: [
    ['Product Viewed', 0.55],
    ['Products Searched', 0.15],
    ['Signed In', 0.1],
    ['page', 0.2],
  ],
  page: [
    ['Product Viewed', 0.6],
    ['Products Searched', 0.2],
    ['page', 0.2],
  ],
  'Products Searched': [
    ['Product Viewed', 0.7],
    ['page', 0.3],
  ],
  'Product Viewed': [
    ['Product Added', 0.45],
    ['Product Viewed', 0.35],
    ['page', 0.2],
  ],
  'Product Added': [
    ['Checkout Started', 0.6],
    ['Product Viewed', 0.3],
    ['Cart Viewed', 0.1],
  ],
  'Cart Viewed': [
    ['Checkout Started', 0.6],
    ['Product Viewed', 0.4],
  ],
  'Checkout Started': [
    ['Order Completed', 0.65],
    ['Product Viewed', 0.35],
  ],
  'Order Completed': [
    ['Signed In', 0.4],
    ['Product Reviewed', 0.2],
    ['Product Viewed', 0.4],
  ],
  'Signed In': [
    ['Product Viewed', 0.7],
    ['page', 0.3],
  ],
  'Product Reviewed': [
    ['Product Viewed', 0.6],
    ['page', 0.4],
  ],
}

function pickNext(state: string, random: () => number): string {
  const options = NEXT[state] ?? NEXT['start']!
  let roll = random()
  for (const [next, weight] of options) {
    roll -= weight
    if (roll <= 0) return next
  }
  return options[options.length - 1]![0]
}

/** A generated workload: messages grouped per profile. */
export interface Workload {
  profiles: ProfileEvents[]
  messages: number
}

/**
 * Generates `messages` messages over `messages / 5` profiles (1 to 9 messages each), one
 * `identify` per profile, the rest a shopping walk with gaps from seconds to days, campaigns on a
 * third of the landing pages, and messages in shuffled order within each profile.
 */
export function generateWorkload(messages: number, seed = 42): Workload {
  const random = createRandom(seed)
  const profileCount = Math.max(1, Math.floor(messages / 5))
  const profiles: ProfileEvents[] = []
  const sizes = Array.from({ length: profileCount }, () => 1 + Math.floor(random() * 9))
  // Nudge sizes by one (staying within 1..9) until they add up to exactly `messages`.
  let diff = messages - sizes.reduce((sum, size) => sum + size, 0)
  for (let p = 0; diff !== 0; p = (p + 1) % profileCount) {
    const size = sizes[p]!
    const step = diff > 0 && size < 9 ? 1 : diff < 0 && size > 1 ? -1 : 0
    sizes[p] = size + step
    diff -= step
  }
  let counter = 0
  for (let p = 0; p < profileCount; p++) {
    const size = sizes[p]!
    const userId = `user-${p}`
    const anonymousId = `anon-${(p * 2654435761) >>> 0}`
    const library = LIBRARIES[Math.floor(random() * LIBRARIES.length)]!
    let time = START + Math.floor(random() * SPAN_MS)
    let state = 'start'
    const list: Message[] = []
    for (let i = 0; i < size; i++) {
      const messageId = `msg-${(counter++).toString(36)}`
      const timestamp = new Date(time).toISOString()
      const context: Record<string, unknown> = { library }
      if (i === 0 && random() < 0.35) {
        const s = Math.floor(random() * SOURCES.length)
        context['campaign'] = { source: SOURCES[s], medium: MEDIUMS[s], name: `spring-${s}` }
      }
      if (i === 0) {
        list.push({
          type: 'page',
          name: 'Home',
          messageId,
          anonymousId,
          timestamp,
          context,
          properties: { path: '/' },
        } as unknown as Message)
      } else if (i === 1) {
        list.push({
          type: 'identify',
          messageId,
          userId,
          anonymousId,
          timestamp,
          context,
          traits: { email: `${userId}@example.com`, plan: random() < 0.2 ? 'pro' : 'free' },
        } as unknown as Message)
      } else {
        state = pickNext(state, random)
        if (state === 'page') {
          list.push({
            type: 'page',
            name: 'Category',
            messageId,
            userId,
            timestamp,
            context,
            properties: { path: '/c' },
          } as unknown as Message)
        } else {
          const properties: Record<string, unknown> =
            state === 'Order Completed'
              ? {
                  order_id: messageId,
                  revenue: Math.round(random() * 20000) / 100,
                  currency: 'EUR',
                }
              : { product_id: `sku-${Math.floor(random() * 500)}` }
          list.push({
            type: 'track',
            event: state,
            messageId,
            userId,
            timestamp,
            context,
            properties,
          } as unknown as Message)
        }
      }
      // Gaps: mostly within a visit, sometimes hours, sometimes days.
      const roll = random()
      time +=
        roll < 0.7
          ? Math.floor(random() * 600_000)
          : roll < 0.9
            ? Math.floor(random() * 6 * 3_600_000)
            : Math.floor(random() * 10 * 86_400_000)
    }
    // Arrival order is not event order.
    for (let i = list.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1))
      ;[list[i], list[j]] = [list[j]!, list[i]!]
    }
    profiles.push({ id: userId, messages: list })
  }
  return { profiles, messages }
}
