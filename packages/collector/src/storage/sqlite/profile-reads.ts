import type Database from 'better-sqlite3'
import type { AnalyticsRow, ProfileRecord, StoredMessage } from '../types.js'
import { toAnalyticsRow, type AnalyticsDbRow } from '../analytics-rows.js'
import { toProfile, toStoredMessage, type MessageRow, type ProfileRow } from '../rows.js'
import { MESSAGE_COLUMNS, prepareAll, type Prepared } from './statements.js'

// Read-side queries of the profile API (issue 7), kept apart from the ingest statements.

// The step name analytics match on: the event of a track, the name of a page or screen.
const STEP_NAME = `CASE m.type WHEN 'track' THEN json_extract(m.body, '$.event')
  WHEN 'page' THEN json_extract(m.body, '$.name') WHEN 'screen' THEN json_extract(m.body, '$.name') END`

/** A text field of an unnamed page's body, else NULL: where paths place the page. */
const pageText = (path: string, column: string) =>
  `CASE WHEN m.type = 'page' AND COALESCE(json_type(m.body, '$.name'), 'null') = 'null'
    AND json_type(m.body, '${path}') = 'text' THEN json_extract(m.body, '${path}') END AS ${column}`
// What `computePaths` reads to name an unnamed page (`/pricing`), for lean reads.
const PAGE_PLACE = [
  pageText('$.properties.path', 'page_path'),
  pageText('$.properties.url', 'page_url'),
  pageText('$.context.page.path', 'context_page_path'),
  pageText('$.context.page.url', 'context_page_url'),
].join(', ')

const SQL = {
  // A profile is listed at its first message: that seq stays put when ids change or profiles merge.
  // NOT INDEXED keeps the walk on the seq (rowid) range instead of sorting the whole workspace.
  profilesByFirstSeq: `SELECT pm.seq AS first_seq, p.* FROM profile_messages pm NOT INDEXED
    JOIN profiles p ON p.workspace_id = pm.workspace_id AND p.profile_id = pm.profile_id
    WHERE pm.workspace_id = ? AND pm.seq > ? AND NOT EXISTS (SELECT 1 FROM profile_messages e
      WHERE e.workspace_id = pm.workspace_id AND e.profile_id = pm.profile_id AND e.seq < pm.seq)
    ORDER BY pm.seq LIMIT ?`,
  eventsThrough: `SELECT ${MESSAGE_COLUMNS} FROM profile_messages pm JOIN messages m ON m.seq = pm.seq
    WHERE pm.workspace_id = ? AND pm.profile_id = ? AND pm.timestamp <= ?
    ORDER BY pm.timestamp, pm.seq`,
  profileIdsAfter: `SELECT profile_id FROM profiles WHERE workspace_id = ? AND profile_id > ?
    ORDER BY profile_id LIMIT ?`,
  leanRows: `SELECT pm.profile_id, m.seq, m.message_id, m.type, m.timestamp, ${STEP_NAME} AS name,
    ${PAGE_PLACE} FROM profile_messages pm JOIN messages m ON m.seq = pm.seq
    WHERE pm.workspace_id = ? AND pm.profile_id > ? AND pm.profile_id <= ?
    ORDER BY pm.profile_id, pm.timestamp, pm.seq`,
  fullRows: `SELECT pm.profile_id, m.seq, m.message_id, m.type, m.timestamp, ${STEP_NAME} AS name, m.body
    FROM profile_messages pm JOIN messages m ON m.seq = pm.seq
    WHERE pm.workspace_id = ? AND pm.profile_id > ? AND pm.profile_id <= ?
    ORDER BY pm.profile_id, pm.timestamp, pm.seq`,
  profileRows: `SELECT pm.profile_id, m.seq, m.message_id, m.type, m.timestamp, ${STEP_NAME} AS name,
    ${PAGE_PLACE} FROM profile_messages pm JOIN messages m ON m.seq = pm.seq
    WHERE pm.workspace_id = ? AND pm.profile_id = ? ORDER BY pm.timestamp, pm.seq`,
  messageCounts: 'SELECT profile_id, message_count FROM profiles WHERE workspace_id = ?',
  // NOT INDEXED: walk the seq (rowid) range past the watermark, not the whole workspace's index.
  touchedAfter: `SELECT DISTINCT profile_id FROM profile_messages NOT INDEXED
    WHERE workspace_id = ? AND seq > ?`,
  profileIds: 'SELECT profile_id FROM profiles WHERE workspace_id = ?',
  countSuppressed: `UPDATE deletions SET result = json_set(result, '$.suppressedMessages',
    COALESCE(json_extract(result, '$.suppressedMessages'), 0) + ?) WHERE workspace_id = ? AND id = ?`,
}

/** Prepared read queries of the profile API over one database. */
export class ProfileReads {
  private readonly statements: Prepared<typeof SQL>

  constructor(db: Database.Database) {
    this.statements = prepareAll(db, SQL)
  }

  /** Profiles in order of their first message's seq, after `afterSeq`. */
  profilesInOrder(
    workspaceId: string,
    afterSeq: number,
    limit: number,
  ): { profile: ProfileRecord; firstSeq: number }[] {
    const rows = this.statements.profilesByFirstSeq.all(
      workspaceId,
      afterSeq,
      limit,
    ) as (ProfileRow & {
      first_seq: number
    })[]
    return rows.map((row) => ({ profile: toProfile(row), firstSeq: row.first_seq }))
  }

  /** A profile's messages up to and including `timestamp`, in timeline order. */
  eventsThrough(workspaceId: string, profileId: string, timestamp: string): StoredMessage[] {
    const rows = this.statements.eventsThrough.all(workspaceId, profileId, timestamp)
    return (rows as MessageRow[]).map(toStoredMessage)
  }

  /**
   * The messages of the next `profiles` profiles after `afterProfileId`, grouped by profile id
   * order then timeline order; `lean` leaves the message bodies out.
   */
  analyticsRows(
    workspaceId: string,
    options: { afterProfileId?: string; profiles: number; lean: boolean },
  ): { rows: AnalyticsRow[]; lastProfileId: string | undefined } {
    const after = options.afterProfileId ?? ''
    const ids = this.statements.profileIdsAfter
      .pluck()
      .all(workspaceId, after, options.profiles) as string[]
    const last = ids.at(-1)
    if (last === undefined) return { rows: [], lastProfileId: undefined }
    const statement = options.lean ? this.statements.leanRows : this.statements.fullRows
    const rows = statement.all(workspaceId, after, last) as AnalyticsDbRow[]
    return { rows: rows.map(toAnalyticsRow), lastProfileId: last }
  }

  /** One profile's messages, lean (no bodies), in timeline order. */
  profileAnalyticsRows(workspaceId: string, profileId: string): AnalyticsRow[] {
    const rows = this.statements.profileRows.all(workspaceId, profileId) as AnalyticsDbRow[]
    return rows.map(toAnalyticsRow)
  }

  /** Every profile id of the workspace with its message count. */
  messageCounts(workspaceId: string): Map<string, number> {
    const rows = this.statements.messageCounts.raw().all(workspaceId) as [string, number][]
    return new Map(rows)
  }

  /** Every profile id of the workspace (an index-only read). */
  profileIds(workspaceId: string): string[] {
    return this.statements.profileIds.pluck().all(workspaceId) as string[]
  }

  /** Profiles holding a message with a seq above `seq`. */
  touchedAfter(workspaceId: string, seq: number): string[] {
    return this.statements.touchedAfter.pluck().all(workspaceId, seq) as string[]
  }

  /** Adds `count` to the messages a deletion's suppression list has dropped. */
  countSuppressed(workspaceId: string, deletionId: string, count: number): void {
    this.statements.countSuppressed.run(count, workspaceId, deletionId)
  }
}
