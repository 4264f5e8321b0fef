import type { MessageType } from '../spec/index.js'
import { createEventNameTest } from './event-names.js'
import { keyedRecord } from './keyed-record.js'
import type { Channel, ComputedTraits, TimelineEntry } from './types.js'

const DAY_MS = 86_400_000

/** Options for {@link computeTraits}. */
export interface ComputedTraitsOptions {
  /** The current time in epoch ms, for `daysSinceLastSeen`. @default Date.now() */
  now?: number
}

/** Orders: Segment's `Order Completed` and GA4's `purchase`, in any naming convention. */
const isOrder = createEventNameTest(['Order Completed', 'purchase'])

/** An order's amount: `revenue`, else `total`, else GA4's `value`. */
function orderValue(properties: Record<string, unknown>): number {
  const revenue = properties['revenue'] ?? properties['total'] ?? properties['value']
  const value = typeof revenue === 'string' ? Number(revenue) : revenue
  return typeof value === 'number' && Number.isFinite(value) ? value : 0
}

/**
 * Traits computed from a timeline: first and last seen, counts by type and event, channels,
 * sessions (timeline order: a session never resumes once another on its channel started), orders
 * and revenue (`Order Completed` or `purchase` in any naming convention, such as
 * `order_completed`; the amount from `revenue`, else `total`, else `value`), and whole days since
 * last seen relative to `now`.
 */
export function computeTraits(
  timeline: readonly TimelineEntry[],
  options: ComputedTraitsOptions = {},
): ComputedTraits {
  const countsByType: Partial<Record<MessageType, number>> = {}
  const countsByEvent = keyedRecord<number>()
  // Few channels per profile: parallel arrays of channel and its current session id.
  const channels: Channel[] = []
  const lastSessions: string[] = []
  let sessionCount = 0
  let orderCount = 0
  let revenueTotal = 0
  for (const entry of timeline) {
    countsByType[entry.type] = (countsByType[entry.type] ?? 0) + 1
    const slot = channels.indexOf(entry.channel)
    if (slot === -1) {
      channels.push(entry.channel)
      lastSessions.push(entry.sessionId)
      sessionCount++
    } else if (lastSessions[slot] !== entry.sessionId) {
      lastSessions[slot] = entry.sessionId
      sessionCount++
    }
    const event = entry.event
    if (event === undefined) continue
    countsByEvent[event] = (countsByEvent[event] ?? 0) + 1
    if (entry.type === 'track' && isOrder(event)) {
      orderCount++
      revenueTotal += orderValue(entry.properties)
    }
  }
  const computed: ComputedTraits = {
    messageCount: timeline.length,
    countsByType,
    countsByEvent,
    channels: channels.sort(),
    sessionCount,
    orderCount,
    revenueTotal,
  }
  const first = timeline[0]
  const last = timeline[timeline.length - 1]
  if (first !== undefined && last !== undefined) {
    computed.firstSeen = first.timestamp
    computed.lastSeen = last.timestamp
    const now = options.now ?? Date.now()
    computed.daysSinceLastSeen = Math.max(0, Math.floor((now - last.time) / DAY_MS))
  }
  return computed
}
