import type { Message } from '@itinera/core'
import type {
  DeletionRecord,
  IdentityEventRecord,
  IdentityRecord,
  NewMessage,
  ProfileRecord,
  StoredMessage,
  SuppressionRecord,
  Workspace,
} from './types.js'
import { decodeIdentifiers } from './identifier-lines.js'

// Row shapes as both stores return them, and their conversion to the store's records.

export interface WorkspaceRow {
  id: string
  name: string
  write_key: string
  secret_key_hash: string
  allowed_origins: string
  created_at: string
}

export const toWorkspace = (row: WorkspaceRow): Workspace => ({
  id: row.id,
  name: row.name,
  writeKey: row.write_key,
  allowedOrigins: JSON.parse(row.allowed_origins) as string[],
  createdAt: row.created_at,
})

export interface MessageRow {
  seq: number
  workspace_id: string
  message_id: string
  type: Message['type']
  timestamp: string
  received_at: string
  skew_ms: number
  body: string
}

export const toStoredMessage = (row: MessageRow): StoredMessage => ({
  seq: row.seq,
  workspaceId: row.workspace_id,
  messageId: row.message_id,
  type: row.type,
  timestamp: row.timestamp,
  receivedAt: row.received_at,
  skewMs: row.skew_ms,
  message: JSON.parse(row.body) as Message,
})

/** The record of a message just appended with `seq`. */
export const storedMessage = (
  seq: number,
  workspaceId: string,
  input: NewMessage,
): StoredMessage => ({
  seq,
  workspaceId,
  messageId: input.messageId,
  type: input.type,
  timestamp: input.timestamp,
  receivedAt: input.receivedAt,
  skewMs: input.skewMs,
  message: input.message,
})

export interface ProfileRow {
  profile_id: string
  identifiers: string
  traits: string
  first_seen: string | null
  last_seen: string | null
  stage: string | null
  message_count: number
  journey: string
}

export const toProfile = (row: ProfileRow): ProfileRecord => ({
  id: row.profile_id,
  identifiers: JSON.parse(row.identifiers) as ProfileRecord['identifiers'],
  traits: JSON.parse(row.traits) as Record<string, unknown>,
  firstSeen: row.first_seen ?? undefined,
  lastSeen: row.last_seen ?? undefined,
  stage: row.stage ?? undefined,
  messageCount: row.message_count,
  journey: JSON.parse(row.journey) as Record<string, unknown>,
})

export interface IdentityEventRow {
  profile_id: string
  kind: string
  at: string | null
  detail: string
}

export const toIdentityEvent = (row: IdentityEventRow): IdentityEventRecord => ({
  profileId: row.profile_id,
  kind: row.kind,
  at: row.at ?? undefined,
  detail: JSON.parse(row.detail) as Record<string, unknown>,
})

export interface SuppressionRow {
  id_type: string
  id_value: string
  deletion_id: string
  created_at: string
}

export const toSuppression = (row: SuppressionRow): SuppressionRecord => ({
  type: row.id_type,
  value: row.id_value,
  deletionId: row.deletion_id,
  createdAt: row.created_at,
})

export interface IdentityRecordRow {
  seq: number
  message_id: string
  timestamp: string
  identifiers: string | null
  body: string | null
}

export const toIdentityRecord = (row: IdentityRecordRow): IdentityRecord => ({
  seq: row.seq,
  messageId: row.message_id,
  timestamp: row.timestamp,
  identifiers: row.identifiers === null ? undefined : decodeIdentifiers(row.identifiers),
  message: row.body === null ? undefined : (JSON.parse(row.body) as Message),
})

export interface DeletionRow {
  id: string
  workspace_id: string
  ref: string
  profile_id: string | null
  created_at: string
  result: string
}

export const toDeletion = (row: DeletionRow): DeletionRecord => ({
  id: row.id,
  workspaceId: row.workspace_id,
  ref: row.ref,
  profileId: row.profile_id ?? undefined,
  createdAt: row.created_at,
  result: JSON.parse(row.result) as Record<string, unknown>,
})
