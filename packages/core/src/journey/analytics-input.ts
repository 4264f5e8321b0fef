import { buildTimeline, orderMessages, type TimelineEntry } from '../profiles/index.js'
import type { Message } from '../spec/index.js'
import type { AnalyticsProfile } from './types.js'

/**
 * The fields of a timeline entry every analysis reads. Entries built without annotations (see
 * {@link timelineOf}) leave `channel`, `sessionId`, `touchpoint` and `timestamp` undefined.
 */
export type AnalyticsEntry = Pick<
  TimelineEntry,
  'messageId' | 'type' | 'event' | 'name' | 'time' | 'properties' | 'message'
> &
  Partial<Pick<TimelineEntry, 'channel' | 'sessionId' | 'touchpoint' | 'timestamp'>>

const EMPTY: Record<string, unknown> = Object.freeze({}) as Record<string, unknown>

function bareTimeline(messages: readonly Message[]): AnalyticsEntry[] {
  return orderMessages(messages).map(({ message, time, messageId }) => ({
    messageId,
    type: message.type,
    event: message.type === 'track' ? message.event : undefined,
    name: message.type === 'page' || message.type === 'screen' ? message.name : undefined,
    time,
    properties: (message as { properties?: Record<string, unknown> }).properties ?? EMPTY,
    message,
  }))
}

/**
 * The ordered timeline of one analytics input. Profiles given as messages are ordered (and
 * deduplicated) here; with `annotate` they also get channel, session and touchpoint, which costs
 * more and is needed only by definitions that read them.
 */
export function timelineOf(
  profile: AnalyticsProfile,
  annotate: boolean,
  sessionTimeoutMs?: number,
): readonly AnalyticsEntry[] {
  if ('timeline' in profile) return profile.timeline
  return annotate
    ? buildTimeline(profile.messages, { sessionTimeoutMs })
    : bareTimeline(profile.messages)
}
