import type {
  AnalyticsRow,
  AppendResult,
  CollectorStore,
  DeletionRecord,
  EventCursor,
  IdentifierRef,
  IdentityEventRecord,
  IdentityRecord,
  NewMessage,
  NewWorkspaceRecord,
  ProfileRecord,
  ProjectionChange,
  StoredMessage,
  SuppressionRecord,
  Workspace,
} from '../types.js'
import {
  toDeletion,
  toIdentityEvent,
  toIdentityRecord,
  toProfile,
  storedMessage,
  toStoredMessage,
  toSuppression,
  toWorkspace,
  type DeletionRow,
  type IdentityEventRow,
  type IdentityRecordRow,
  type MessageRow,
  type ProfileRow,
  type SuppressionRow,
  type WorkspaceRow,
} from '../rows.js'
import { GroupedAppends } from './grouped-appends.js'
import { appendRows } from './message-appends.js'
import { migratePostgres } from './migrate.js'
import { PostgresDatabase } from './postgres-database.js'
import { ProfileReads } from './profile-reads.js'
import { clearDerivedRows, writeProjection } from './projection-writes.js'
import { SQL } from './statements.js'

/** Options for {@link createPostgresStore}. */
export interface PostgresStoreOptions {
  /** The database, as a `postgres://user:password@host:5432/db` URL. */
  url: string
  /**
   * Connections the store opens at most.
   * @default 10
   */
  maxConnections?: number
}

// Merge chains longer than this are treated as broken, as in the SQLite store.
const MAX_HOPS = 64

/**
 * The PostgreSQL store: the SQLite store's behaviour on a PostgreSQL database. Appends and
 * migrations take advisory locks, so they stay correct if several processes write at once; a
 * collector still wants a database of its own, since it keeps the identity graphs in memory.
 */
class PostgresStore implements CollectorStore {
  private readonly db: PostgresDatabase
  private readonly reads: ProfileReads
  private readonly appends: GroupedAppends

  constructor(db: PostgresDatabase) {
    this.db = db
    this.reads = new ProfileReads(db)
    this.appends = new GroupedAppends((workspaceId, messages) =>
      appendRows(db, workspaceId, messages),
    )
  }

  async migrate(): Promise<void> {
    await migratePostgres(this.db)
  }

  /** Commits the appends still queued, waits for the work in flight, then closes the pool. */
  async close(): Promise<void> {
    await this.appends.idle()
    await this.db.close()
  }

  async createWorkspace(record: NewWorkspaceRecord): Promise<Workspace> {
    await this.db.rows(SQL.insertWorkspace, [
      record.id,
      record.name,
      record.writeKey,
      record.secretKeyHash,
      JSON.stringify(record.allowedOrigins),
      record.createdAt,
    ])
    const { secretKeyHash: _hash, ...workspace } = record
    return workspace
  }

  async listWorkspaces(): Promise<Workspace[]> {
    return (await this.db.rows<WorkspaceRow>(SQL.listWorkspaces)).map(toWorkspace)
  }

  async findWorkspace(id: string): Promise<Workspace | undefined> {
    const [row] = await this.db.rows<WorkspaceRow>(SQL.workspaceById, [id])
    return row && toWorkspace(row)
  }

  async findWorkspaceByWriteKey(writeKey: string): Promise<Workspace | undefined> {
    const [row] = await this.db.rows<WorkspaceRow>(SQL.workspaceByWriteKey, [writeKey])
    return row && toWorkspace(row)
  }

  async findWorkspaceBySecretHash(
    secretKeyHash: string,
  ): Promise<{ workspace: Workspace; secretKeyHash: string } | undefined> {
    const [row] = await this.db.rows<WorkspaceRow>(SQL.workspaceBySecretHash, [secretKeyHash])
    return row && { workspace: toWorkspace(row), secretKeyHash: row.secret_key_hash }
  }

  async appendMessages(workspaceId: string, messages: NewMessage[]): Promise<AppendResult> {
    if (messages.length === 0) return { stored: [] }
    const seqs = await this.appends.append(workspaceId, messages)
    const stored = messages.map((input, i): StoredMessage | undefined => {
      const seq = seqs[i]
      return seq === undefined ? undefined : storedMessage(seq, workspaceId, input)
    })
    return { stored }
  }

  async readIdentityRecords(
    workspaceId: string,
    options: { afterSeq?: number; limit: number },
  ): Promise<IdentityRecord[]> {
    const values = [workspaceId, options.afterSeq ?? 0, options.limit]
    const rows = await this.db.rows<IdentityRecordRow>(SQL.identityRecords, values)
    return rows.map(toIdentityRecord)
  }

  // Per workspace, seqs become visible in order. Across workspaces, appends commit in parallel,
  // so a reader paging all workspaces by seq could pass a seq that commits later.
  async readMessages(options: {
    workspaceId?: string
    afterSeq?: number
    limit: number
  }): Promise<StoredMessage[]> {
    const after = options.afterSeq ?? 0
    const rows =
      options.workspaceId === undefined
        ? await this.db.rows<MessageRow>(SQL.readAllMessages, [after, options.limit])
        : await this.db.rows<MessageRow>(SQL.readWorkspaceMessages, [
            options.workspaceId,
            after,
            options.limit,
          ])
    return rows.map(toStoredMessage)
  }

  async getMessages(workspaceId: string, seqs: readonly number[]): Promise<StoredMessage[]> {
    if (seqs.length === 0) return []
    const rows = await this.db.rows<MessageRow>(SQL.messagesBySeq, [workspaceId, seqs])
    return rows.map(toStoredMessage)
  }

  async countMessages(workspaceId: string): Promise<number> {
    const [row] = await this.db.rows<{ count: number }>(SQL.countMessages, [workspaceId])
    return row?.count ?? 0
  }

  async deleteMessages(workspaceId: string, seqs: readonly number[]): Promise<number> {
    if (seqs.length === 0) return 0
    return (await this.db.rows(SQL.deleteMessages, [workspaceId, seqs])).length
  }

  async addSuppressions(workspaceId: string, records: SuppressionRecord[]): Promise<void> {
    if (records.length === 0) return
    await this.db.rows(SQL.insertSuppressions, [
      workspaceId,
      records.map((record) => record.type),
      records.map((record) => record.value),
      records.map((record) => record.deletionId),
      records.map((record) => record.createdAt),
    ])
  }

  async listSuppressions(workspaceId: string): Promise<SuppressionRecord[]> {
    return (await this.db.rows<SuppressionRow>(SQL.listSuppressions, [workspaceId])).map(
      toSuppression,
    )
  }

  async recordDeletion(record: DeletionRecord): Promise<void> {
    await this.db.rows(SQL.insertDeletion, [
      record.id,
      record.workspaceId,
      record.ref,
      record.profileId ?? null,
      record.createdAt,
      JSON.stringify(record.result),
    ])
  }

  async getDeletion(workspaceId: string, id: string): Promise<DeletionRecord | undefined> {
    const [row] = await this.db.rows<DeletionRow>(SQL.deletionById, [workspaceId, id])
    return row && toDeletion(row)
  }

  applyProjection(workspaceId: string, change: ProjectionChange): Promise<void> {
    return writeProjection(this.db, workspaceId, change)
  }

  async projectionWatermark(workspaceId: string): Promise<number> {
    const [row] = await this.db.rows<{ last_seq: number }>(SQL.watermark, [workspaceId])
    return row?.last_seq ?? 0
  }

  async getMessagesByIds(
    workspaceId: string,
    messageIds: readonly string[],
  ): Promise<StoredMessage[]> {
    if (messageIds.length === 0) return []
    const rows = await this.db.rows<MessageRow>(SQL.messagesByMessageId, [workspaceId, messageIds])
    return rows.map(toStoredMessage)
  }

  async lastSeq(workspaceId: string): Promise<number> {
    const [row] = await this.db.rows<{ seq: number }>(SQL.lastWorkspaceSeq, [workspaceId])
    return row?.seq ?? 0
  }

  clearDerived(workspaceId?: string): Promise<void> {
    return clearDerivedRows(this.db, workspaceId)
  }

  async resolveProfileId(workspaceId: string, id: string): Promise<string | undefined> {
    const [row] = await this.db.rows<{ id: string }>(SQL.resolveProfile, [
      workspaceId,
      id,
      MAX_HOPS,
    ])
    return row?.id
  }

  async findProfileIdByIdentifier(
    workspaceId: string,
    ref: IdentifierRef,
  ): Promise<string | undefined> {
    const values = [workspaceId, ref.type, ref.value]
    const [row] = await this.db.rows<{ profile_id: string }>(SQL.profileByIdentifier, values)
    return row?.profile_id
  }

  async getProfile(workspaceId: string, profileId: string): Promise<ProfileRecord | undefined> {
    const [row] = await this.db.rows<ProfileRow>(SQL.profileById, [workspaceId, profileId])
    return row && toProfile(row)
  }

  async listProfiles(
    workspaceId: string,
    options: { limit: number; after?: string },
  ): Promise<ProfileRecord[]> {
    const values = [workspaceId, options.after ?? '', options.limit]
    return (await this.db.rows<ProfileRow>(SQL.listProfiles, values)).map(toProfile)
  }

  async countProfiles(workspaceId: string): Promise<number> {
    const [row] = await this.db.rows<{ count: number }>(SQL.countProfiles, [workspaceId])
    return row?.count ?? 0
  }

  async listProfileEvents(
    workspaceId: string,
    profileId: string,
    options: { limit: number; after?: EventCursor },
  ): Promise<StoredMessage[]> {
    const { after, limit } = options
    const rows = after
      ? await this.db.rows<MessageRow>(SQL.profileEventsAfter, [
          workspaceId,
          profileId,
          after.timestamp,
          after.seq,
          limit,
        ])
      : await this.db.rows<MessageRow>(SQL.profileEvents, [workspaceId, profileId, limit])
    return rows.map(toStoredMessage)
  }

  async listIdentityEvents(workspaceId: string, profileId: string): Promise<IdentityEventRecord[]> {
    const rows = await this.db.rows<IdentityEventRow>(SQL.identityEvents, [workspaceId, profileId])
    return rows.map(toIdentityEvent)
  }

  listProfilesInOrder(
    workspaceId: string,
    options: { afterSeq?: number; limit: number },
  ): Promise<{ profile: ProfileRecord; firstSeq: number }[]> {
    return this.reads.profilesInOrder(workspaceId, options.afterSeq ?? 0, options.limit)
  }

  listProfileEventsThrough(
    workspaceId: string,
    profileId: string,
    timestamp: string,
  ): Promise<StoredMessage[]> {
    return this.reads.eventsThrough(workspaceId, profileId, timestamp)
  }

  readAnalyticsRows(
    workspaceId: string,
    options: { afterProfileId?: string; profiles: number; lean: boolean },
  ): Promise<{ rows: AnalyticsRow[]; lastProfileId: string | undefined }> {
    return this.reads.analyticsRows(workspaceId, options)
  }

  readProfileAnalyticsRows(workspaceId: string, profileId: string): Promise<AnalyticsRow[]> {
    return this.reads.profileAnalyticsRows(workspaceId, profileId)
  }

  listProfileIds(workspaceId: string): Promise<string[]> {
    return this.reads.profileIds(workspaceId)
  }

  listProfileMessageCounts(workspaceId: string): Promise<Map<string, number>> {
    return this.reads.messageCounts(workspaceId)
  }

  listProfilesTouchedAfter(workspaceId: string, seq: number): Promise<string[]> {
    return this.reads.touchedAfter(workspaceId, seq)
  }

  countSuppressedMessages(workspaceId: string, deletionId: string, count: number): Promise<void> {
    return this.reads.countSuppressed(workspaceId, deletionId, count)
  }
}

/**
 * Opens the PostgreSQL store at `url` and applies pending migrations (several processes may start
 * at once: they take turns).
 *
 * @example
 * const store = await createPostgresStore({ url: 'postgres://itinera@localhost:5432/itinera' })
 * const collector = await createCollector({ store })
 */
export async function createPostgresStore(options: PostgresStoreOptions): Promise<CollectorStore> {
  const db = new PostgresDatabase({
    url: options.url,
    maxConnections: options.maxConnections ?? 10,
  })
  const store = new PostgresStore(db)
  try {
    await store.migrate()
  } catch (error) {
    await db.close()
    throw error
  }
  return store
}
