import type Database from 'better-sqlite3'
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
import { migrateDatabase, openDatabase, type OpenDatabaseOptions } from './open-database.js'
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
import { encodeRows } from './encoded-rows.js'
import { clearDerivedRows } from './projection-writes.js'
import { createInlineWriter, type RowWriter } from './row-writer.js'
import { createStatements, type Statements } from './statements.js'
import { ProfileReads } from './profile-reads.js'
import { startWriterThread } from './thread-writer.js'

/** Options for {@link createSqliteStore}. */
export interface SqliteStoreOptions extends OpenDatabaseOptions {
  /** Database file, or `:memory:`. */
  path: string
  /**
   * Commit appends and derived rows on a thread of their own, so they run in parallel with
   * parsing and validation (a file database only).
   * @default true
   */
  writerThread?: boolean
}

const MAX_HOPS = 64

/**
 * The embedded SQLite store. Appends queued while a commit runs share the next transaction
 * (group commit), so one fsync acknowledges many concurrent requests; with a writer thread the
 * commits run in parallel with the HTTP thread. Reads and rare writes use `db`.
 */
export class SqliteStore implements CollectorStore {
  readonly db: Database.Database
  private readonly writer: RowWriter
  private statements: Statements | undefined
  private profileReads: ProfileReads | undefined

  /**
   * A store over `db`; appends and derived rows go to `writer` (by default, `db` itself).
   * Use {@link createSqliteStore}, which migrates the database and starts the writer thread.
   * @hidden
   */
  constructor(db: Database.Database, writer: RowWriter = createInlineWriter(db)) {
    this.db = db
    this.writer = writer
  }

  private get sql(): Statements {
    this.statements ??= createStatements(this.db)
    return this.statements
  }

  private get reads(): ProfileReads {
    this.profileReads ??= new ProfileReads(this.db)
    return this.profileReads
  }

  migrate(): Promise<void> {
    migrateDatabase(this.db)
    return Promise.resolve()
  }

  async close(): Promise<void> {
    await this.writer.close()
    if (this.db.open) this.db.close()
  }

  createWorkspace(record: NewWorkspaceRecord): Promise<Workspace> {
    this.sql.insertWorkspace.run(
      record.id,
      record.name,
      record.writeKey,
      record.secretKeyHash,
      JSON.stringify(record.allowedOrigins),
      record.createdAt,
    )
    const { secretKeyHash: _hash, ...workspace } = record
    return Promise.resolve(workspace)
  }

  listWorkspaces(): Promise<Workspace[]> {
    return Promise.resolve((this.sql.listWorkspaces.all() as WorkspaceRow[]).map(toWorkspace))
  }

  findWorkspace(id: string): Promise<Workspace | undefined> {
    const row = this.sql.workspaceById.get(id) as WorkspaceRow | undefined
    return Promise.resolve(row && toWorkspace(row))
  }

  findWorkspaceByWriteKey(writeKey: string): Promise<Workspace | undefined> {
    const row = this.sql.workspaceByWriteKey.get(writeKey) as WorkspaceRow | undefined
    return Promise.resolve(row && toWorkspace(row))
  }

  findWorkspaceBySecretHash(
    secretKeyHash: string,
  ): Promise<{ workspace: Workspace; secretKeyHash: string } | undefined> {
    const row = this.sql.workspaceBySecretHash.get(secretKeyHash) as WorkspaceRow | undefined
    return Promise.resolve(
      row && { workspace: toWorkspace(row), secretKeyHash: row.secret_key_hash },
    )
  }

  async appendMessages(workspaceId: string, messages: NewMessage[]): Promise<AppendResult> {
    if (messages.length === 0) return { stored: [] }
    const seqs = await this.writer.append({ workspaceId, rows: encodeRows(messages) })
    const stored = messages.map((input, i): StoredMessage | undefined => {
      const seq = seqs[i] ?? 0
      return seq === 0 ? undefined : storedMessage(seq, workspaceId, input)
    })
    return { stored }
  }

  readIdentityRecords(
    workspaceId: string,
    options: { afterSeq?: number; limit: number },
  ): Promise<IdentityRecord[]> {
    const rows = this.sql.identityRecords.all(workspaceId, options.afterSeq ?? 0, options.limit)
    return Promise.resolve((rows as IdentityRecordRow[]).map(toIdentityRecord))
  }

  readMessages(options: {
    workspaceId?: string
    afterSeq?: number
    limit: number
  }): Promise<StoredMessage[]> {
    const after = options.afterSeq ?? 0
    const rows =
      options.workspaceId === undefined
        ? this.sql.readAllMessages.all(after, options.limit)
        : this.sql.readWorkspaceMessages.all(options.workspaceId, after, options.limit)
    return Promise.resolve((rows as MessageRow[]).map(toStoredMessage))
  }

  getMessages(workspaceId: string, seqs: readonly number[]): Promise<StoredMessage[]> {
    return Promise.resolve(messagesFound(this.sql.messageBySeq, workspaceId, seqs))
  }

  countMessages(workspaceId: string): Promise<number> {
    return Promise.resolve(Number(this.sql.countMessages.pluck().get(workspaceId)))
  }

  deleteMessages(workspaceId: string, seqs: readonly number[]): Promise<number> {
    const removed = this.db.transaction(() => {
      let count = 0
      for (const seq of seqs) {
        count += this.sql.deleteMessage.run(workspaceId, seq).changes
        this.sql.deleteMessageProfile.run(workspaceId, seq)
      }
      return count
    })()
    return Promise.resolve(removed)
  }

  addSuppressions(workspaceId: string, records: SuppressionRecord[]): Promise<void> {
    this.db.transaction(() => {
      for (const record of records) {
        this.sql.insertSuppression.run(
          workspaceId,
          record.type,
          record.value,
          record.deletionId,
          record.createdAt,
        )
      }
    })()
    return Promise.resolve()
  }

  listSuppressions(workspaceId: string): Promise<SuppressionRecord[]> {
    const rows = this.sql.listSuppressions.all(workspaceId) as SuppressionRow[]
    return Promise.resolve(rows.map(toSuppression))
  }

  recordDeletion(record: DeletionRecord): Promise<void> {
    this.sql.insertDeletion.run(
      record.id,
      record.workspaceId,
      record.ref,
      record.profileId ?? null,
      record.createdAt,
      JSON.stringify(record.result),
    )
    return Promise.resolve()
  }

  getDeletion(workspaceId: string, id: string): Promise<DeletionRecord | undefined> {
    const row = this.sql.deletionById.get(workspaceId, id) as DeletionRow | undefined
    return Promise.resolve(row && toDeletion(row))
  }

  applyProjection(workspaceId: string, change: ProjectionChange): Promise<void> {
    return this.writer.project(workspaceId, change)
  }

  projectionWatermark(workspaceId: string): Promise<number> {
    return Promise.resolve(Number(this.sql.watermark.pluck().get(workspaceId) ?? 0))
  }

  getMessagesByIds(workspaceId: string, messageIds: readonly string[]): Promise<StoredMessage[]> {
    return Promise.resolve(messagesFound(this.sql.messageByMessageId, workspaceId, messageIds))
  }

  lastSeq(workspaceId: string): Promise<number> {
    return Promise.resolve(Number(this.sql.lastWorkspaceSeq.pluck().get(workspaceId) ?? 0))
  }

  clearDerived(workspaceId?: string): Promise<void> {
    clearDerivedRows(this.db, workspaceId)
    return Promise.resolve()
  }

  resolveProfileId(workspaceId: string, id: string): Promise<string | undefined> {
    let current = id
    for (let hop = 0; hop < MAX_HOPS; hop++) {
      if (this.sql.profileExists.get(workspaceId, current)) return Promise.resolve(current)
      const next = this.sql.survivorOf.pluck().get(workspaceId, current) as string | undefined
      if (next === undefined) return Promise.resolve(undefined)
      current = next
    }
    return Promise.resolve(undefined)
  }

  findProfileIdByIdentifier(workspaceId: string, ref: IdentifierRef): Promise<string | undefined> {
    const id = this.sql.profileByIdentifier.pluck().get(workspaceId, ref.type, ref.value) as
      string | undefined
    return Promise.resolve(id)
  }

  getProfile(workspaceId: string, profileId: string): Promise<ProfileRecord | undefined> {
    const row = this.sql.profileById.get(workspaceId, profileId) as ProfileRow | undefined
    return Promise.resolve(row && toProfile(row))
  }

  listProfiles(
    workspaceId: string,
    options: { limit: number; after?: string },
  ): Promise<ProfileRecord[]> {
    const rows = this.sql.listProfiles.all(workspaceId, options.after ?? '', options.limit)
    return Promise.resolve((rows as ProfileRow[]).map(toProfile))
  }

  countProfiles(workspaceId: string): Promise<number> {
    return Promise.resolve(Number(this.sql.countProfiles.pluck().get(workspaceId)))
  }

  listProfileEvents(
    workspaceId: string,
    profileId: string,
    options: { limit: number; after?: EventCursor },
  ): Promise<StoredMessage[]> {
    const rows = options.after
      ? this.sql.profileEventsAfter.all(
          workspaceId,
          profileId,
          options.after.timestamp,
          options.after.timestamp,
          options.after.seq,
          options.limit,
        )
      : this.sql.profileEvents.all(workspaceId, profileId, options.limit)
    return Promise.resolve((rows as MessageRow[]).map(toStoredMessage))
  }

  listIdentityEvents(workspaceId: string, profileId: string): Promise<IdentityEventRecord[]> {
    const rows = this.sql.identityEvents.all(workspaceId, profileId, workspaceId, profileId)
    return Promise.resolve((rows as IdentityEventRow[]).map(toIdentityEvent))
  }

  listProfilesInOrder(
    workspaceId: string,
    options: { afterSeq?: number; limit: number },
  ): Promise<{ profile: ProfileRecord; firstSeq: number }[]> {
    return Promise.resolve(
      this.reads.profilesInOrder(workspaceId, options.afterSeq ?? 0, options.limit),
    )
  }

  listProfileEventsThrough(
    workspaceId: string,
    profileId: string,
    timestamp: string,
  ): Promise<StoredMessage[]> {
    return Promise.resolve(this.reads.eventsThrough(workspaceId, profileId, timestamp))
  }

  readAnalyticsRows(
    workspaceId: string,
    options: { afterProfileId?: string; profiles: number; lean: boolean },
  ): Promise<{ rows: AnalyticsRow[]; lastProfileId: string | undefined }> {
    return Promise.resolve(this.reads.analyticsRows(workspaceId, options))
  }

  readProfileAnalyticsRows(workspaceId: string, profileId: string): Promise<AnalyticsRow[]> {
    return Promise.resolve(this.reads.profileAnalyticsRows(workspaceId, profileId))
  }

  listProfileIds(workspaceId: string): Promise<string[]> {
    return Promise.resolve(this.reads.profileIds(workspaceId))
  }

  listProfileMessageCounts(workspaceId: string): Promise<Map<string, number>> {
    return Promise.resolve(this.reads.messageCounts(workspaceId))
  }

  listProfilesTouchedAfter(workspaceId: string, seq: number): Promise<string[]> {
    return Promise.resolve(this.reads.touchedAfter(workspaceId, seq))
  }

  countSuppressedMessages(workspaceId: string, deletionId: string, count: number): Promise<void> {
    this.reads.countSuppressed(workspaceId, deletionId, count)
    return Promise.resolve()
  }
}

/** The messages `lookup` finds for each key, in the keys' order; keys it does not find are skipped. */
function messagesFound(
  lookup: Database.Statement,
  workspaceId: string,
  keys: readonly (string | number)[],
): StoredMessage[] {
  const found: StoredMessage[] = []
  for (const key of keys) {
    const row = lookup.get(workspaceId, key) as MessageRow | undefined
    if (row) found.push(toStoredMessage(row))
  }
  return found
}

/** Opens (and migrates) the embedded SQLite store at `path`. */
export async function createSqliteStore(options: SqliteStoreOptions): Promise<SqliteStore> {
  const db = openDatabase(options.path, options)
  migrateDatabase(db)
  const threaded = options.writerThread !== false && options.path !== ':memory:'
  if (!threaded) return new SqliteStore(db)
  try {
    return new SqliteStore(db, await startWriterThread(options.path, options))
  } catch (error) {
    db.close()
    throw error
  }
}
