import {
  buildJourney,
  type HistoryEntry,
  type JourneyOptions,
  type ResolvedProfile,
} from '@itinera/core'
import type { IdentityEventRecord, ProfileProjection, StoredMessage } from '../storage/types.js'

/** Turns an audit entry of the identity graph into a stored identity event. */
export function toIdentityEvent(profileId: string, entry: HistoryEntry): IdentityEventRecord {
  const { kind, ...detail } = entry
  const at = 'timestamp' in entry ? entry.timestamp : undefined
  return { profileId, kind, at, detail: detail as Record<string, unknown> }
}

/**
 * A profile's derived row from its resolved identity and its messages. Time-dependent parts of
 * the journey (lapse stages, durations) are evaluated as of the profile's latest arrival, so a
 * rebuild from the same messages gives the same row.
 */
export function buildProfile(
  resolved: ResolvedProfile,
  messages: readonly StoredMessage[],
  history: readonly HistoryEntry[],
  options: Omit<JourneyOptions, 'now'> = {},
): ProfileProjection {
  let now = 0
  for (const stored of messages) now = Math.max(now, Date.parse(stored.receivedAt))
  const journey = buildJourney(
    messages.map((stored) => stored.message),
    { ...options, now },
  )
  // fromEntries defines own keys, so a trait named `__proto__` stays a trait.
  const traits = Object.fromEntries(
    Object.entries(journey.traits).map(([name, trait]) => [name, trait.value]),
  )
  return {
    record: {
      id: resolved.id,
      identifiers: resolved.identifiers.map(({ type, value }) => ({ type, value })),
      traits,
      firstSeen: journey.computed.firstSeen,
      lastSeen: journey.computed.lastSeen,
      stage: journey.currentStage,
      messageCount: messages.length,
      journey: {
        stages: journey.stages,
        stageDurations: journey.stageDurations,
        computed: journey.computed,
        groups: journey.groups,
        traits: journey.traits,
        evaluatedAt: new Date(now).toISOString(),
      },
    },
    messages: messages.map((stored) => ({ seq: stored.seq, timestamp: stored.timestamp })),
    history: history.map((entry) => toIdentityEvent(resolved.id, entry)),
  }
}
