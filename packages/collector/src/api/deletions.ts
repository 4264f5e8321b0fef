import { randomUUID } from 'node:crypto'
import type { ApiDeletion, ApiIdentifier } from '@itinera/core'
import type { IngestPipeline } from '../ingest/ingest-pipeline.js'
import type { Projector } from '../projection/projector.js'
import type { CollectorStore, DeletionRecord } from '../storage/types.js'
import { identifierKey } from '../identifier-key.js'
import { ProfileApiError, profileNotFound } from './api-error.js'

/** What deletion requests need from the collector. */
export interface DeletionDeps {
  store: CollectorStore
  pipeline: IngestPipeline
  projector: Projector
  /** Receives failures of the background counters. */
  onError: (error: unknown) => void
  /** Called once a profile of the workspace was erased. */
  onErased?: (workspaceId: string) => void
}

interface DeletionResult {
  status: 'completed'
  completedAt: string
  removed: { messages: number; identifiers: ApiIdentifier[] }
  suppressed: ApiIdentifier[]
  suppressedMessages?: number
}

function toApiDeletion(record: DeletionRecord): ApiDeletion & { ref: string } {
  const result = record.result as Partial<DeletionResult>
  const suppressed = result.suppressed ?? []
  return {
    id: record.id,
    ref: record.ref,
    profileId: record.profileId ?? '',
    status: result.status ?? 'completed',
    requestedAt: record.createdAt,
    completedAt: result.completedAt ?? null,
    removed: result.removed ?? { messages: 0, identifiers: [] },
    suppressed,
    suppressedMessages: result.suppressedMessages ?? 0,
  }
}

/**
 * Deletion requests: erase a profile (messages, identities, traits, derived rows), keep its
 * identifiers on the suppression list, record the outcome, and count the messages the list drops
 * afterwards (replays and late arrivals) against the deletion that suppressed them.
 */
export class Deletions {
  private readonly deps: DeletionDeps
  /** `workspace → "type:value" → deletion id`, loaded from the suppression list on first use. */
  private readonly owners = new Map<string, Promise<Map<string, string>>>()

  constructor(deps: DeletionDeps) {
    this.deps = deps
    deps.pipeline.onSuppressed((workspaceId, dropped) => {
      void this.count(workspaceId, dropped).catch(deps.onError)
    })
  }

  /** Erases the profile and answers what was removed; 404 when it no longer exists. */
  async request(workspaceId: string, ref: string, profileId: string): Promise<ApiDeletion> {
    const id = `del_${randomUUID().replaceAll('-', '')}`
    const requestedAt = new Date().toISOString()
    const erased = await this.deps.projector.erase(this.deps.pipeline, workspaceId, profileId, id)
    if (!erased) throw profileNotFound(ref)
    this.deps.onErased?.(workspaceId)
    const identifiers = erased.identifiers.map(({ type, value }) => ({ type, value }))
    const result: DeletionResult = {
      status: 'completed',
      completedAt: new Date().toISOString(),
      removed: { messages: erased.messageIds.length, identifiers },
      suppressed: identifiers,
      suppressedMessages: 0,
    }
    const record: DeletionRecord = {
      id,
      workspaceId,
      ref,
      profileId: erased.profileId,
      createdAt: requestedAt,
      result: result as unknown as Record<string, unknown>,
    }
    await this.deps.store.recordDeletion(record)
    const owners = await this.ownersOf(workspaceId)
    for (const ref of identifiers) owners.set(identifierKey(ref), id)
    return toApiDeletion(record)
  }

  /** A recorded deletion with its current count of suppressed messages; 404 when unknown. */
  async get(workspaceId: string, id: string): Promise<ApiDeletion> {
    const record = await this.deps.store.getDeletion(workspaceId, id)
    if (!record) throw new ProfileApiError(404, `no deletion request ${id}`, { ref: id })
    return toApiDeletion(record)
  }

  private ownersOf(workspaceId: string): Promise<Map<string, string>> {
    let owners = this.owners.get(workspaceId)
    if (!owners) {
      owners = this.deps.store
        .listSuppressions(workspaceId)
        .then((list) => new Map(list.map((s) => [identifierKey(s), s.deletionId])))
      this.owners.set(workspaceId, owners)
    }
    return owners
  }

  private async count(
    workspaceId: string,
    dropped: readonly { identifiers: readonly ApiIdentifier[] }[],
  ): Promise<void> {
    const owners = await this.ownersOf(workspaceId)
    const counts = new Map<string, number>()
    for (const message of dropped) {
      // A message carrying identifiers of two deletions counts once, for the earliest listed.
      const owner = message.identifiers
        .map((ref) => owners.get(identifierKey(ref)))
        .find((id) => id !== undefined)
      if (owner !== undefined) counts.set(owner, (counts.get(owner) ?? 0) + 1)
    }
    for (const [deletionId, count] of counts) {
      await this.deps.store.countSuppressedMessages(workspaceId, deletionId, count)
    }
  }
}
