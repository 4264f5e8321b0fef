import {
  buildTimeline,
  messageIdOf,
  messageTime,
  sortAndDedupe,
  type TimelineEntry,
} from '../profiles/index.js'
import type { Message } from '../spec/index.js'
import type { EventNameTest } from '../profiles/event-names.js'
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

const nameOf = (message: Message): string | undefined =>
  message.type === 'track'
    ? message.event
    : message.type === 'page' || message.type === 'screen'
      ? message.name
      : undefined

function bareTimeline(
  messages: readonly Message[],
  isNamed: EventNameTest | undefined,
): AnalyticsEntry[] {
  const entries: AnalyticsEntry[] = []
  for (const message of messages) {
    const name = nameOf(message)
    // Like `WHERE event IN (…)`: messages no step can match never need a time or a place.
    if (isNamed !== undefined && (name === undefined || !isNamed(name))) continue
    entries.push({
      messageId: messageIdOf(message),
      type: message.type,
      event: message.type === 'track' ? name : undefined,
      name: message.type === 'track' ? undefined : name,
      time: messageTime(message),
      properties: (message as { properties?: Record<string, unknown> }).properties ?? EMPTY,
      message,
    })
  }
  return sortAndDedupe(entries)
}

/** How {@link timelineOf} prepares profiles given as messages. */
export interface TimelineNeeds {
  /** Add channel, session and touchpoint (costs more). */
  annotate: boolean
  /** Keep only messages whose event/page/screen name passes this test (ignored with `annotate`). */
  isNamed?: EventNameTest
  sessionTimeoutMs?: number
}

/**
 * The ordered timeline of one analytics input. Profiles given as messages are ordered (and
 * deduplicated) here; with `annotate` they also get channel, session and touchpoint, which costs
 * more and is needed only by definitions that read them.
 */
export function timelineOf(
  profile: AnalyticsProfile,
  needs: TimelineNeeds,
): readonly AnalyticsEntry[] {
  if ('timeline' in profile) return profile.timeline
  return needs.annotate
    ? buildTimeline(profile.messages, { sessionTimeoutMs: needs.sessionTimeoutMs })
    : bareTimeline(profile.messages, needs.isNamed)
}
