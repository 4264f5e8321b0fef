import type { Message } from '@itinera/core'

/** A workspace: an isolated tenant with its own keys, messages and profiles. */
export interface Workspace {
  id: string
  name: string
  /** Public key that can only ingest. */
  writeKey: string
  /** Browser origins allowed to send with the write key; `['*']` allows any. */
  allowedOrigins: string[]
  createdAt: string
}

/** What the store keeps to create a workspace; the secret key itself is never stored. */
export interface NewWorkspaceRecord extends Workspace {
  /** SHA-256 (hex) of the secret key. */
  secretKeyHash: string
}

/** A validated message ready to be appended to the raw log. */
export interface NewMessage {
  messageId: string
  type: Message['type']
  /** Corrected event time (ISO-8601, UTC). */
  timestamp: string
  /** Server arrival time (ISO-8601, UTC). */
  receivedAt: string
  /** `receivedAt − sentAt` in ms (0 without `sentAt`). */
  skewMs: number
  /** The message as stored: corrected `timestamp`, `originalTimestamp`, `sentAt`, `receivedAt`. */
  message: Message
  /**
   * Its normalized identifiers (`extractIdentifiers`), kept for fast identity-graph loading;
   * the projection records them later when absent (`ProjectionChange.messageIdentifiers`).
   */
  identifiers?: IdentifierRef[]
  /** `message` serialized as JSON, when the caller has it already (it is stored as is). */
  body?: string
}

/** What an identity graph needs of a stored message. */
export interface IdentityRecord {
  seq: number
  messageId: string
  timestamp: string
  /** Normalized identifiers; absent for messages stored before they were recorded. */
  identifiers: IdentifierRef[] | undefined
  /** The message, only when `identifiers` is absent. */
  message: Message | undefined
}

/** A message of the raw log, the source of truth everything else derives from. */
export interface StoredMessage {
  /** Monotonic position in the log across all workspaces; a stable cursor. */
  seq: number
  workspaceId: string
  messageId: string
  type: Message['type']
  timestamp: string
  receivedAt: string
  skewMs: number
  message: Message
}

/** The outcome of appending messages: one entry per input, `undefined` for a duplicate. */
export interface AppendResult {
  /** The stored message for each input in order, or `undefined` when its messageId was known. */
  stored: (StoredMessage | undefined)[]
}

/** A typed identifier such as `{ type: 'email', value: 'ana@example.com' }`. */
export interface IdentifierRef {
  type: string
  value: string
}

/** A derived profile row, rebuilt from messages by the projection. */
export interface ProfileRecord {
  id: string
  identifiers: IdentifierRef[]
  traits: Record<string, unknown>
  firstSeen: string | undefined
  lastSeen: string | undefined
  stage: string | undefined
  messageCount: number
  /** Journey summary (stage entries, computed values) as produced by the journey engine. */
  journey: Record<string, unknown>
}

/** One entry of a profile's identity history (merges, refused links, ...). */
export interface IdentityEventRecord {
  profileId: string
  kind: string
  at: string | undefined
  detail: Record<string, unknown>
}

/** One profile as the projection writes it: the row, its messages and its identity audit. */
export interface ProfileProjection {
  record: ProfileRecord
  /**
   * The profile's messages: all of them (replacing the previous assignment), or with
   * `appendMessages` only the ones added since the last write.
   */
  messages: { seq: number; timestamp: string }[]
  /** True when `messages` only adds to the previous assignment. @default false */
  appendMessages?: boolean
  /** The profile's identity audit (replaces the previous entries); `undefined` keeps them. */
  history: IdentityEventRecord[] | undefined
  /** False when the identifiers are known to be unchanged since the last write. @default true */
  identifiersChanged?: boolean
}

/** Everything a projection step changes for one workspace, applied in one transaction. */
export interface ProjectionChange {
  /**
   * Profiles to write: each replaces its row, and its identifiers, message assignment and audit
   * unless its `identifiersChanged`, `appendMessages` and `history` say otherwise.
   */
  profiles: ProfileProjection[]
  /**
   * Profile ids that no longer exist; with a survivor (merged away), lookups of the id resolve
   * to the survivor.
   */
  removedProfiles: { id: string; survivorId: string | undefined }[]
  /** Highest message seq the derived rows now reflect. */
  watermark?: number
  /**
   * Normalized identifiers of stored messages, as the identity graph extracted them, recorded
   * so the graph reloads without parsing bodies (`readIdentityRecords`).
   */
  messageIdentifiers?: { seq: number; identifiers: IdentifierRef[] }[]
}

/** Cursor inside a profile's timeline: events are ordered by `(timestamp, seq)`. */
export interface EventCursor {
  timestamp: string
  seq: number
}

/** A suppressed identifier: messages carrying it are dropped at ingest. */
export interface SuppressionRecord extends IdentifierRef {
  deletionId: string
  createdAt: string
}

/** A deletion request and what it removed. */
export interface DeletionRecord {
  id: string
  workspaceId: string
  ref: string
  profileId: string | undefined
  createdAt: string
  result: Record<string, unknown>
}

/**
 * One message as the workspace analytics read it (profile API, issue 7): its profile, order keys,
 * step name, and the JSON body unless the read was lean.
 */
export interface AnalyticsRow {
  profileId: string
  seq: number
  messageId: string
  type: Message['type']
  timestamp: string
  /** `event` of a track, `name` of a page or screen. */
  name: string | undefined
  /** The stored message as JSON text; absent for lean reads. */
  body: string | undefined
  /** Lean reads of a page without a name: its path (`pagePathOf`), which paths show it by. */
  pagePath?: string
}

/**
 * Durable storage of the collector. The SQLite implementation is the embedded default; every
 * method is asynchronous so a networked database (PostgreSQL) can implement the same contract.
 */
export interface CollectorStore {
  /** Applies pending migrations. */
  migrate(): Promise<void>
  /** Flushes pending writes and closes the database. */
  close(): Promise<void>

  createWorkspace(record: NewWorkspaceRecord): Promise<Workspace>
  listWorkspaces(): Promise<Workspace[]>
  findWorkspace(id: string): Promise<Workspace | undefined>
  findWorkspaceByWriteKey(writeKey: string): Promise<Workspace | undefined>
  /** The workspace whose secret key hashes to `secretKeyHash`, with the stored hash. */
  findWorkspaceBySecretHash(
    secretKeyHash: string,
  ): Promise<{ workspace: Workspace; secretKeyHash: string } | undefined>

  /**
   * Appends messages to the raw log, skipping any whose `messageId` the workspace already has
   * (permanent deduplication). Resolves only once the write is durably committed.
   */
  appendMessages(workspaceId: string, messages: NewMessage[]): Promise<AppendResult>
  /** Raw messages in log order after `afterSeq`, across workspaces unless one is named. */
  readMessages(options: {
    workspaceId?: string
    afterSeq?: number
    limit: number
  }): Promise<StoredMessage[]>
  /** Identity records of a workspace's messages in log order after `afterSeq`. */
  readIdentityRecords(
    workspaceId: string,
    options: { afterSeq?: number; limit: number },
  ): Promise<IdentityRecord[]>
  /** Raw messages by messageId (missing or deleted ones are left out). */
  getMessagesByIds(workspaceId: string, messageIds: readonly string[]): Promise<StoredMessage[]>
  /** Highest message seq of the workspace (0 when empty). */
  lastSeq(workspaceId: string): Promise<number>
  /** Raw messages by sequence number (missing ones are left out). */
  getMessages(workspaceId: string, seqs: readonly number[]): Promise<StoredMessage[]>
  countMessages(workspaceId: string): Promise<number>
  /** Removes raw messages (deletion requests); their messageIds stay known for deduplication. */
  deleteMessages(workspaceId: string, seqs: readonly number[]): Promise<number>

  addSuppressions(workspaceId: string, records: SuppressionRecord[]): Promise<void>
  listSuppressions(workspaceId: string): Promise<SuppressionRecord[]>
  recordDeletion(record: DeletionRecord): Promise<void>
  getDeletion(workspaceId: string, id: string): Promise<DeletionRecord | undefined>

  /** Writes one projection step atomically. */
  applyProjection(workspaceId: string, change: ProjectionChange): Promise<void>
  /** Highest message seq the derived rows reflect (0 when never projected). */
  projectionWatermark(workspaceId: string): Promise<number>
  /**
   * Removes the derived rows (profiles, identifiers, timelines, audit, watermark). Merged-away
   * ids are kept: ids handed out once keep resolving to their survivor after a rebuild.
   */
  clearDerived(workspaceId?: string): Promise<void>

  /** Follows merges: the surviving profile id for `id`, or `undefined` when unknown. */
  resolveProfileId(workspaceId: string, id: string): Promise<string | undefined>
  findProfileIdByIdentifier(workspaceId: string, ref: IdentifierRef): Promise<string | undefined>
  getProfile(workspaceId: string, profileId: string): Promise<ProfileRecord | undefined>
  /** Profiles ordered by id, after the `after` id. */
  listProfiles(
    workspaceId: string,
    options: { limit: number; after?: string },
  ): Promise<ProfileRecord[]>
  countProfiles(workspaceId: string): Promise<number>
  /** A profile's messages ordered by `(timestamp, seq)`, after the cursor. */
  listProfileEvents(
    workspaceId: string,
    profileId: string,
    options: { limit: number; after?: EventCursor },
  ): Promise<StoredMessage[]>
  listIdentityEvents(workspaceId: string, profileId: string): Promise<IdentityEventRecord[]>

  // Profile API reads (issue 7).
  /**
   * Profiles in order of their first message's seq, after `afterSeq`: an order that stays put while
   * messages arrive (profile ids can change, first messages cannot), for stable pagination.
   */
  listProfilesInOrder(
    workspaceId: string,
    options: { afterSeq?: number; limit: number },
  ): Promise<{ profile: ProfileRecord; firstSeq: number }[]>
  /** A profile's messages up to and including `timestamp`, ordered by `(timestamp, seq)`. */
  listProfileEventsThrough(
    workspaceId: string,
    profileId: string,
    timestamp: string,
  ): Promise<StoredMessage[]>
  /**
   * The messages of the next `profiles` profiles (by id) after `afterProfileId`, ordered by
   * profile then timeline; `lastProfileId` is the cursor of the next call (undefined at the end).
   */
  readAnalyticsRows(
    workspaceId: string,
    options: { afterProfileId?: string; profiles: number; lean: boolean },
  ): Promise<{ rows: AnalyticsRow[]; lastProfileId: string | undefined }>
  /** One profile's messages as lean analytics rows (no bodies), in timeline order. */
  readProfileAnalyticsRows(workspaceId: string, profileId: string): Promise<AnalyticsRow[]>
  /** Every profile id of the workspace. */
  listProfileIds(workspaceId: string): Promise<string[]>
  /** Every profile id of the workspace with its message count (to see what changed). */
  listProfileMessageCounts(workspaceId: string): Promise<Map<string, number>>
  /** Profiles holding a message whose seq is above `seq`. */
  listProfilesTouchedAfter(workspaceId: string, seq: number): Promise<string[]>
  /** Counts messages dropped at ingest because of a deletion's suppressed identifiers. */
  countSuppressedMessages(workspaceId: string, deletionId: string, count: number): Promise<void>
}
