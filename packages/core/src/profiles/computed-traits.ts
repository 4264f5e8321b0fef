import type { MessageType } from '../spec/index.js'
import type { Channel, ComputedTraits, TimelineEntry } from './types.js'

const DAY_MS = 86_400_000

/** Options for {@link computeTraits}. */
export interface ComputedTraitsOptions {
  /** The current time in epoch ms, for `daysSinceLastSeen`. @default Date.now() */
  now?: number
}

function orderValue(properties: Record<string, unknown>): number {
  const revenue = properties['revenue'] ?? properties['total']
  const value = typeof revenue === 'string' ? Number(revenue) : revenue
  return typeof value === 'number' && Number.isFinite(value) ? value : 0
}

/**
 * Traits computed from a timeline: first and last seen, counts by type and event, channels,
 * sessions (timeline order: a session never resumes once another on its channel started), orders and revenue (from `Order Completed` `revenue`, else `total`), and whole days
 * since last seen relative to `now`.
 */
export function computeTraits(
  timeline: readonly TimelineEntry[],
  options: ComputedTraitsOptions = {},
): ComputedTraits {
  const countsByType: Partial<Record<MessageType, number>> = {}
  const countsByEvent: Record<string, number> = {}
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
    if (event === 'Order Completed') {
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
