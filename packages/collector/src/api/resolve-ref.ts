import { extractIdentifiers, safeParseProfileRef, type Message } from '@itinera/core'
import { withoutNul } from '../ingest/prepare-messages.js'
import type { CollectorStore } from '../storage/types.js'
import { invalidParam, profileNotFound } from './api-error.js'

/**
 * The identifier as the identity engine stores it (emails lower-cased, phones in E.164, ...), or
 * `undefined` when the engine would not accept the value.
 */
function normalizeIdentifier(
  type: string,
  value: string,
): { type: string; value: string } | undefined {
  // An external id goes through the same per-type rules as every other place an identifier is read.
  const probe = {
    type: 'track',
    event: 'lookup',
    context: { externalIds: [{ id: value, type, collection: 'users', encoding: 'none' }] },
  } as unknown as Message
  const found = extractIdentifiers(probe).identifiers[0]
  return found && { type: found.type, value: found.value }
}

/**
 * Resolves a profile ref of the path: a profile id (merged-away ids follow their survivor) or
 * `type:value` (looked up as sent, then normalized). Answers 400 naming `ref` when it is
 * malformed and 404 echoing it when no profile of the workspace matches.
 */
export async function resolveProfileRef(
  store: CollectorStore,
  workspaceId: string,
  ref: string,
): Promise<string> {
  // Stored messages have U+FFFD where they were sent with U+0000 (see prepareMessage).
  const parsed = safeParseProfileRef(withoutNul(ref))
  if (!parsed.ok) {
    throw invalidParam('ref', parsed.error.map((issue) => issue.message).join('; '), parsed.error)
  }
  const value = parsed.value
  let profileId: string | undefined
  if (value.kind === 'id') {
    profileId = await store.resolveProfileId(workspaceId, value.id)
  } else {
    let id = await store.findProfileIdByIdentifier(workspaceId, value)
    if (id === undefined) {
      const normalized = normalizeIdentifier(value.type, value.value)
      if (normalized && (normalized.type !== value.type || normalized.value !== value.value)) {
        id = await store.findProfileIdByIdentifier(workspaceId, normalized)
      }
    }
    profileId = id === undefined ? undefined : await store.resolveProfileId(workspaceId, id)
  }
  if (profileId === undefined) throw profileNotFound(ref)
  return profileId
}
