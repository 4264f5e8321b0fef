import {
  orderMessages,
  type Message,
  type ProfileTimeline,
  type TimelineEntry,
} from '@itinera/core'

const EMPTY: Record<string, unknown> = Object.freeze({}) as Record<string, unknown>

/**
 * A profile's timeline in the core's order (time, then messageId) without annotations: what
 * funnels and paths read when no step looks at properties, channels or touchpoints. Built once
 * per profile and kept, so each query skips parsing and sorting.
 */
export function leanTimeline(id: string, messages: readonly Message[]): ProfileTimeline {
  const timeline = orderMessages(messages).map(({ message, time, messageId }) => {
    const named = message as { event?: string; name?: string }
    return {
      messageId,
      type: message.type,
      event: message.type === 'track' ? named.event : undefined,
      name: message.type === 'page' || message.type === 'screen' ? named.name : undefined,
      time,
      // Only unnamed pages carry properties here: their path (see leanMessage).
      properties: (message as { properties?: Record<string, unknown> }).properties ?? EMPTY,
      message,
    }
  })
  // The core's analytics accept timelines without channel, session and touchpoint annotations.
  return { id, timeline: timeline as unknown as TimelineEntry[] }
}
