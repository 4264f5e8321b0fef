import type { Message } from '../spec/index.js'
import { detectChannel } from './channel.js'
import {
  messageIdOf,
  parseCanonicalIso,
  rawMessageTime,
  parseTime,
  sortAndDedupe,
} from './message-order.js'
import { extractTouchpoint } from './touchpoint.js'
import type { Channel, TimelineEntry } from './types.js'

/** 30 minutes: the usual web-analytics session timeout. */
export const DEFAULT_SESSION_TIMEOUT_MS = 30 * 60 * 1000

/** Options for {@link buildTimeline}. */
export interface TimelineOptions {
  /** Inactivity on one channel that ends a session, in ms. @default 1800000 (30 minutes) */
  sessionTimeoutMs?: number
}

const EMPTY: Record<string, unknown> = Object.freeze({}) as Record<string, unknown>

/** An entry before sessions are known: everything that does not depend on order. */
export function toEntry(message: Message): TimelineEntry {
  const raw = rawMessageTime(message)
  let time = raw === undefined ? NaN : parseCanonicalIso(raw)
  // Canonical timestamps are kept as sent; others are parsed and rewritten in canonical form.
  let timestamp = raw as string
  if (time !== time) {
    time = parseTime(raw)
    timestamp = new Date(time).toISOString()
  }
  // Every entry gets every key (some undefined) so they share one shape.
  return {
    messageId: messageIdOf(message),
    type: message.type,
    event: message.type === 'track' ? message.event : undefined,
    name: message.type === 'page' || message.type === 'screen' ? message.name : undefined,
    timestamp,
    time,
    channel: detectChannel(message),
    sessionId: '',
    touchpoint: extractTouchpoint(message),
    properties: (message as { properties?: Record<string, unknown> }).properties ?? EMPTY,
    message,
  }
}

/**
 * One profile's messages in order of corrected time (ties by `messageId`, duplicates of a
 * `messageId` dropped), each annotated with channel, session and touchpoint.
 *
 * Sessions are per channel: a message more than `sessionTimeoutMs` after the previous message on
 * the same channel starts a new session, whose id is `<channel>:<messageId of its first message>`.
 */
export function buildTimeline(
  messages: readonly Message[],
  options: TimelineOptions = {},
): TimelineEntry[] {
  const timeout = options.sessionTimeoutMs ?? DEFAULT_SESSION_TIMEOUT_MS
  const timeline = new Array<TimelineEntry>(messages.length)
  for (let i = 0; i < messages.length; i++) timeline[i] = toEntry(messages[i] as Message)
  sortAndDedupe(timeline)
  // Few channels per profile: parallel arrays beat a Map here.
  const channels: Channel[] = []
  const sessionIds: string[] = []
  const lastTimes: number[] = []
  for (const entry of timeline) {
    const slot = channels.indexOf(entry.channel)
    if (slot === -1) {
      channels.push(entry.channel)
      sessionIds.push((entry.sessionId = `${entry.channel}:${entry.messageId}`))
      lastTimes.push(entry.time)
    } else if (entry.time - (lastTimes[slot] as number) > timeout) {
      sessionIds[slot] = entry.sessionId = `${entry.channel}:${entry.messageId}`
      lastTimes[slot] = entry.time
    } else {
      entry.sessionId = sessionIds[slot] as string
      lastTimes[slot] = entry.time
    }
  }
  return timeline
}
