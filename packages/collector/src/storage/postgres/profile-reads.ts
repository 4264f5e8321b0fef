import type { AnalyticsRow, ProfileRecord, StoredMessage } from '../types.js'
import { toAnalyticsRow, type AnalyticsDbRow } from '../analytics-rows.js'
import { toProfile, toStoredMessage, type MessageRow, type ProfileRow } from '../rows.js'
import { namedStatements, type PostgresDatabase } from './postgres-database.js'
import { MESSAGE_COLUMNS } from './statements.js'

// Read-side queries of the profile API (issue 7), as the SQLite store runs them
// (sqlite/profile-reads.ts). Bodies are JSON text, read with the json operators.

// The step name analytics match on: the event of a track, the name of a page or screen.
const STEP_NAME = `CASE m.type WHEN 'track' THEN m.body::json ->> 'event'
  WHEN 'page' THEN m.body::json ->> 'name' WHEN 'screen' THEN m.body::json ->> 'name' END`

/** A string field of an unnamed page's body, else NULL: where paths place the page. */
const pageText = (path: string, column: string) =>
  `CASE WHEN m.type = 'page' AND COALESCE(json_typeof(m.body::json -> 'name'), 'null') = 'null'
    AND json_typeof(m.body::json #> '${path}') = 'string' THEN m.body::json #>> '${path}' END AS ${column}`
// What `computePaths` reads to name an unnamed page (`/pricing`), for lean reads.
const PAGE_PLACE = [
  pageText('{properties,path}', 'page_path'),
  pageText('{properties,url}', 'page_url'),
  pageText('{context,page,path}', 'context_page_path'),
  pageText('{context,page,url}', 'context_page_url'),
].join(', ')

const READ_SQL = namedStatements('itinera_reads', {
  // A profile is listed at its first message: that seq stays put when ids change or profiles merge.
  profilesByFirstSeq: `SELECT pm.seq AS first_seq, p.* FROM profile_messages pm
    JOIN profiles p ON p.workspace_id = pm.workspace_id AND p.profile_id = pm.profile_id
    WHERE pm.workspace_id = $1 AND pm.seq > $2 AND NOT EXISTS (SELECT 1 FROM profile_messages e
      WHERE e.workspace_id = pm.workspace_id AND e.profile_id = pm.profile_id AND e.seq < pm.seq)
    ORDER BY pm.seq LIMIT $3`,
  eventsThrough: `SELECT ${MESSAGE_COLUMNS} FROM profile_messages pm JOIN messages m ON m.seq = pm.seq
    WHERE pm.workspace_id = $1 AND pm.profile_id = $2 AND pm.timestamp <= $3
    ORDER BY pm.timestamp, pm.seq`,
  profileIdsAfter: `SELECT profile_id FROM profiles WHERE workspace_id = $1 AND profile_id > $2
    ORDER BY profile_id LIMIT $3`,
  leanRows: `SELECT pm.profile_id, m.seq, m.message_id, m.type, m.timestamp, ${STEP_NAME} AS name,
    ${PAGE_PLACE} FROM profile_messages pm JOIN messages m ON m.seq = pm.seq
    WHERE pm.workspace_id = $1 AND pm.profile_id > $2 AND pm.profile_id <= $3
    ORDER BY pm.profile_id, pm.timestamp, pm.seq`,
  fullRows: `SELECT pm.profile_id, m.seq, m.message_id, m.type, m.timestamp, ${STEP_NAME} AS name, m.body
    FROM profile_messages pm JOIN messages m ON m.seq = pm.seq
    WHERE pm.workspace_id = $1 AND pm.profile_id > $2 AND pm.profile_id <= $3
    ORDER BY pm.profile_id, pm.timestamp, pm.seq`,
  profileRows: `SELECT pm.profile_id, m.seq, m.message_id, m.type, m.timestamp, ${STEP_NAME} AS name,
    ${PAGE_PLACE} FROM profile_messages pm JOIN messages m ON m.seq = pm.seq
    WHERE pm.workspace_id = $1 AND pm.profile_id = $2 ORDER BY pm.timestamp, pm.seq`,
  // Orders as SQLite's plans return them: by profile id, and by first message for touchedAfter.
  messageCounts:
    'SELECT profile_id, message_count FROM profiles WHERE workspace_id = $1 ORDER BY profile_id',
  touchedAfter: `SELECT profile_id FROM profile_messages WHERE workspace_id = $1 AND seq > $2
    GROUP BY profile_id ORDER BY MIN(seq)`,
  profileIds: 'SELECT profile_id FROM profiles WHERE workspace_id = $1 ORDER BY profile_id',
  countSuppressed: `UPDATE deletions SET result = jsonb_set(result::jsonb, '{suppressedMessages}',
      to_jsonb(COALESCE((result::jsonb ->> 'suppressedMessages')::numeric, 0) + $1))::text
    WHERE workspace_id = $2 AND id = $3`,
})

/** Read queries of the profile API over one database. */
export class ProfileReads {
  private readonly db: PostgresDatabase

  constructor(db: PostgresDatabase) {
    this.db = db
  }

  /** Profiles in order of their first message's seq, after `afterSeq`. */
  async profilesInOrder(
    workspaceId: string,
    afterSeq: number,
    limit: number,
  ): Promise<{ profile: ProfileRecord; firstSeq: number }[]> {
    const rows = await this.db.rows<ProfileRow & { first_seq: number }>(
      READ_SQL.profilesByFirstSeq,
      [workspaceId, afterSeq, limit],
    )
    return rows.map((row) => ({ profile: toProfile(row), firstSeq: row.first_seq }))
  }

  /** A profile's messages up to and including `timestamp`, in timeline order. */
  async eventsThrough(
    workspaceId: string,
    profileId: string,
    timestamp: string,
  ): Promise<StoredMessage[]> {
    const rows = await this.db.rows<MessageRow>(READ_SQL.eventsThrough, [
      workspaceId,
      profileId,
      timestamp,
    ])
    return rows.map(toStoredMessage)
  }

  /**
   * The messages of the next `profiles` profiles after `afterProfileId`, grouped by profile id
   * order then timeline order; `lean` leaves the message bodies out.
   */
  async analyticsRows(
    workspaceId: string,
    options: { afterProfileId?: string; profiles: number; lean: boolean },
  ): Promise<{ rows: AnalyticsRow[]; lastProfileId: string | undefined }> {
    const after = options.afterProfileId ?? ''
    const ids = await this.db.rows<{ profile_id: string }>(READ_SQL.profileIdsAfter, [
      workspaceId,
      after,
      options.profiles,
    ])
    const last = ids.at(-1)?.profile_id
    if (last === undefined) return { rows: [], lastProfileId: undefined }
    const statement = options.lean ? READ_SQL.leanRows : READ_SQL.fullRows
    const rows = await this.db.rows<AnalyticsDbRow>(statement, [workspaceId, after, last])
    return { rows: rows.map(toAnalyticsRow), lastProfileId: last }
  }

  /** One profile's messages, lean (no bodies), in timeline order. */
  async profileAnalyticsRows(workspaceId: string, profileId: string): Promise<AnalyticsRow[]> {
    const rows = await this.db.rows<AnalyticsDbRow>(READ_SQL.profileRows, [workspaceId, profileId])
    return rows.map(toAnalyticsRow)
  }

  /** Every profile id of the workspace with its message count. */
  async messageCounts(workspaceId: string): Promise<Map<string, number>> {
    const rows = await this.db.rows<{ profile_id: string; message_count: number }>(
      READ_SQL.messageCounts,
      [workspaceId],
    )
    return new Map(rows.map((row) => [row.profile_id, row.message_count]))
  }

  /** Every profile id of the workspace. */
  async profileIds(workspaceId: string): Promise<string[]> {
    const rows = await this.db.rows<{ profile_id: string }>(READ_SQL.profileIds, [workspaceId])
    return rows.map((row) => row.profile_id)
  }

  /** Profiles holding a message with a seq above `seq`. */
  async touchedAfter(workspaceId: string, seq: number): Promise<string[]> {
    const rows = await this.db.rows<{ profile_id: string }>(READ_SQL.touchedAfter, [
      workspaceId,
      seq,
    ])
    return rows.map((row) => row.profile_id)
  }

  /** Adds `count` to the messages a deletion's suppression list has dropped. */
  async countSuppressed(workspaceId: string, deletionId: string, count: number): Promise<void> {
    await this.db.rows(READ_SQL.countSuppressed, [count, workspaceId, deletionId])
  }
}
