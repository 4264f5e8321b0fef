import type { IdentityGraph } from '@itinera/core'
import type { IngestPipeline } from '../ingest/ingest-pipeline.js'
import type { CollectorStore, IdentifierRef } from '../storage/types.js'

/** What a deletion removed. */
export interface ErasedProfile {
  profileId: string
  /** messageIds removed from the raw log. */
  messageIds: string[]
  /** Identifiers now suppressed: later messages carrying them are dropped at ingest. */
  identifiers: IdentifierRef[]
}

/**
 * Erases a profile: suppresses its identifiers, removes its raw messages (their ids stay known,
 * so replays are duplicates) and tells the identity graph. Derived rows are rewritten by the
 * caller's projection step.
 */
export async function eraseProfile(
  deps: { store: CollectorStore; pipeline: IngestPipeline; graph: IdentityGraph },
  workspaceId: string,
  profileId: string,
  deletionId: string,
): Promise<ErasedProfile | undefined> {
  const profile = deps.graph.profile(profileId)
  if (!profile) return undefined
  const identifiers = profile.identifiers.map(({ type, value }) => ({ type, value }))
  const createdAt = new Date().toISOString()
  await deps.store.addSuppressions(
    workspaceId,
    identifiers.map((ref) => ({ ...ref, deletionId, createdAt })),
  )
  deps.pipeline.suppress(workspaceId, identifiers)
  const stored = await deps.store.getMessagesByIds(workspaceId, profile.messageIds)
  await deps.store.deleteMessages(
    workspaceId,
    stored.map((message) => message.seq),
  )
  deps.graph.erase(profile.id)
  return { profileId: profile.id, messageIds: [...profile.messageIds], identifiers }
}
