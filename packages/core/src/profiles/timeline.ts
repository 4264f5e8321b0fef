import type { Message } from '../spec/index.js'
import { detectChannel } from './channel.js'
import { orderMessages } from './message-order.js'
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
  const ordered = orderMessages(messages)
  const sessions = new Map<Channel, { id: string; lastTime: number }>()
  const timeline = new Array<TimelineEntry>(ordered.length)
  for (let i = 0; i < ordered.length; i++) {
    const { message, time, messageId } = ordered[i] as (typeof ordered)[number]
    const channel = detectChannel(message)
    let session = sessions.get(channel)
    if (session === undefined || time - session.lastTime > timeout) {
      session = { id: `${channel}:${messageId}`, lastTime: time }
      sessions.set(channel, session)
    } else session.lastTime = time
    // Every entry gets every key (some undefined) so they share one shape.
    const entry: TimelineEntry = {
      messageId,
      type: message.type,
      event: message.type === 'track' ? message.event : undefined,
      name: message.type === 'page' || message.type === 'screen' ? message.name : undefined,
      timestamp: new Date(time).toISOString(),
      time,
      channel,
      sessionId: session.id,
      touchpoint: extractTouchpoint(message),
      properties: (message as { properties?: Record<string, unknown> }).properties ?? EMPTY,
      message,
    }
    timeline[i] = entry
  }
  return timeline
}
