import type {
  ApiExplanation,
  ApiHistory,
  ApiIdentifier,
  ApiJourney,
  ApiMerge,
  ApiProfile,
  ApiRefusedLink,
  ApiTimelineEvent,
  Explanation,
  StageEntry,
  TimelineEntry,
} from '@itinera/core'
import type { IdentityEventRecord, ProfileRecord, StoredMessage } from '../storage/types.js'

// Conversions from stored rows to the wire types of @itinera/core's profile-api.

/** A stored profile row as `ApiProfile`. */
export function toApiProfile(record: ProfileRecord): ApiProfile {
  return {
    id: record.id,
    identifiers: record.identifiers.map(({ type, value }) => ({ type, value })),
    traits: record.traits,
    firstSeen: record.firstSeen ?? '',
    lastSeen: record.lastSeen ?? '',
    stage: record.stage ?? null,
  }
}

/** A stored message as a timeline entry, with channel and session from the core's timeline. */
export function toApiEvent(
  stored: StoredMessage,
  annotated: TimelineEntry | undefined,
): ApiTimelineEvent {
  const message = stored.message as { event?: string; name?: string; properties?: unknown }
  const name = stored.type === 'track' ? message.event : message.name
  const properties = message.properties
  return {
    messageId: stored.messageId,
    type: stored.type,
    event:
      stored.type === 'track' || stored.type === 'page' || stored.type === 'screen'
        ? (name ?? null)
        : null,
    timestamp: stored.timestamp,
    channel: annotated?.channel ?? null,
    sessionId: annotated?.sessionId || null,
    properties:
      typeof properties === 'object' && properties !== null
        ? (properties as Record<string, unknown>)
        : {},
  }
}

/** The stage entries the projection stored in a profile's journey (none when absent). */
export function storedStages(record: ProfileRecord): StageEntry[] {
  return Array.isArray(record.journey.stages) ? (record.journey.stages as StageEntry[]) : []
}

/** The stage entries of a stored profile's journey, each closed by the next one. */
export function toApiJourney(record: ProfileRecord): ApiJourney {
  const stages = storedStages(record)
  return {
    profileId: record.id,
    stage: record.stage ?? null,
    entries: stages.map((entry, index) => ({
      stage: entry.stage,
      enteredAt: entry.enteredAt,
      exitedAt: stages[index + 1]?.enteredAt ?? null,
      messageId: entry.messageId ?? null,
    })),
  }
}

const identifierOf = (value: unknown): ApiIdentifier => {
  const ref = (value ?? {}) as { type?: unknown; value?: unknown }
  return { type: String(ref.type ?? ''), value: String(ref.value ?? '') }
}

function refusalReason(reason: unknown): string {
  const rule = (reason ?? {}) as { rule?: string; type?: string; limit?: number }
  if (rule.rule === 'limit') return `a profile holds at most ${rule.limit} ${rule.type} value(s)`
  if (rule.rule === 'max_identifiers') return `a profile holds at most ${rule.limit} identifiers`
  if (rule.rule === 'max_merges') return `a profile absorbs at most ${rule.limit} merges`
  return String(rule.rule ?? 'refused')
}

/** The wire form of an identity explanation: empty unless both identifiers are in `profileId`. */
export function toApiExplanation(profileId: string, explanation: Explanation): ApiExplanation {
  if (!explanation.sameProfile || explanation.profileId !== profileId) {
    return { profileId, sameProfile: false, steps: [] }
  }
  return {
    profileId,
    sameProfile: true,
    steps: explanation.steps.map((step) => ({
      from: { type: step.from.type, value: step.from.value },
      to: { type: step.to.type, value: step.to.value },
      messageId: step.messageId,
      at: step.timestamp ?? null,
    })),
  }
}

/** Merges and refused links of the identity audit, oldest first, each once. */
export function toApiHistory(
  profileId: string,
  events: readonly IdentityEventRecord[],
): ApiHistory {
  const merges: ApiMerge[] = []
  const refusedLinks: ApiRefusedLink[] = []
  const seen = new Set<string>()
  for (const event of events) {
    const detail = event.detail
    const key = `${event.kind}\u0000${JSON.stringify(detail)}`
    if (seen.has(key)) continue
    seen.add(key)
    const messageId = typeof detail.messageId === 'string' ? detail.messageId : null
    if (event.kind === 'merge') {
      const link = Array.isArray(detail.link) ? (detail.link as unknown[]) : []
      merges.push({
        at: event.at ?? '',
        survivorId: String(detail.survivor ?? ''),
        mergedId: String(detail.absorbed ?? ''),
        identifier: identifierOf(link[1] ?? link[0]),
        messageId,
      })
    } else if (event.kind === 'refused') {
      refusedLinks.push({
        at: event.at ?? '',
        identifier: identifierOf(detail.identifier),
        otherProfileId: typeof detail.otherProfileId === 'string' ? detail.otherProfileId : null,
        reason: refusalReason(detail.reason),
        messageId,
      })
    }
  }
  const byTime = (a: { at: string }, b: { at: string }) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0)
  return { profileId, merges: merges.sort(byTime), refusedLinks: refusedLinks.sort(byTime) }
}
