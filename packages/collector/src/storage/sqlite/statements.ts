import type Database from 'better-sqlite3'

/** The columns of a `MessageRow`, selected from `messages m`. */
export const MESSAGE_COLUMNS =
  'm.seq, m.workspace_id, m.message_id, m.type, m.timestamp, m.received_at, m.skew_ms, m.body'

const SQL = {
  insertWorkspace:
    'INSERT INTO workspaces (id, name, write_key, secret_key_hash, allowed_origins, created_at) VALUES (?, ?, ?, ?, ?, ?)',
  listWorkspaces: 'SELECT * FROM workspaces ORDER BY created_at, id',
  workspaceById: 'SELECT * FROM workspaces WHERE id = ?',
  workspaceByWriteKey: 'SELECT * FROM workspaces WHERE write_key = ?',
  workspaceBySecretHash: 'SELECT * FROM workspaces WHERE secret_key_hash = ?',
  identityRecords:
    'SELECT seq, message_id, timestamp, identifiers, CASE WHEN identifiers IS NULL THEN body END AS body FROM messages WHERE workspace_id = ? AND seq > ? ORDER BY seq LIMIT ?',
  readAllMessages: `SELECT ${MESSAGE_COLUMNS} FROM messages m WHERE m.seq > ? ORDER BY m.seq LIMIT ?`,
  readWorkspaceMessages: `SELECT ${MESSAGE_COLUMNS} FROM messages m WHERE m.workspace_id = ? AND m.seq > ? ORDER BY m.seq LIMIT ?`,
  messageBySeq: `SELECT ${MESSAGE_COLUMNS} FROM messages m WHERE m.workspace_id = ? AND m.seq = ?`,
  messageByMessageId: `SELECT ${MESSAGE_COLUMNS} FROM message_ids i JOIN messages m ON m.seq = i.seq
     WHERE i.workspace_id = ? AND i.message_id = ?`,
  lastWorkspaceSeq: 'SELECT MAX(seq) FROM messages WHERE workspace_id = ?',
  watermark: 'SELECT last_seq FROM projection_state WHERE workspace_id = ?',
  countMessages: 'SELECT COUNT(*) FROM messages WHERE workspace_id = ?',
  deleteMessage: 'DELETE FROM messages WHERE workspace_id = ? AND seq = ?',
  deleteMessageProfile: 'DELETE FROM profile_messages WHERE workspace_id = ? AND seq = ?',
  insertSuppression:
    'INSERT INTO suppressions (workspace_id, id_type, id_value, deletion_id, created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
  listSuppressions:
    'SELECT id_type, id_value, deletion_id, created_at FROM suppressions WHERE workspace_id = ? ORDER BY created_at, id_type, id_value',
  insertDeletion:
    'INSERT INTO deletions (id, workspace_id, ref, profile_id, created_at, result) VALUES (?, ?, ?, ?, ?, ?)',
  deletionById: 'SELECT * FROM deletions WHERE workspace_id = ? AND id = ?',
  profileExists: 'SELECT 1 FROM profiles WHERE workspace_id = ? AND profile_id = ?',
  survivorOf: 'SELECT survivor_id FROM profile_merges WHERE workspace_id = ? AND merged_id = ?',
  profileByIdentifier:
    'SELECT profile_id FROM profile_identifiers WHERE workspace_id = ? AND id_type = ? AND id_value = ?',
  profileById: 'SELECT * FROM profiles WHERE workspace_id = ? AND profile_id = ?',
  listProfiles:
    'SELECT * FROM profiles WHERE workspace_id = ? AND profile_id > ? ORDER BY profile_id LIMIT ?',
  countProfiles: 'SELECT COUNT(*) FROM profiles WHERE workspace_id = ?',
  profileEvents: `SELECT ${MESSAGE_COLUMNS} FROM profile_messages pm JOIN messages m ON m.seq = pm.seq
       WHERE pm.workspace_id = ? AND pm.profile_id = ? ORDER BY pm.timestamp, pm.seq LIMIT ?`,
  profileEventsAfter: `SELECT ${MESSAGE_COLUMNS} FROM profile_messages pm JOIN messages m ON m.seq = pm.seq
       WHERE pm.workspace_id = ? AND pm.profile_id = ?
         AND (pm.timestamp > ? OR (pm.timestamp = ? AND pm.seq > ?))
       ORDER BY pm.timestamp, pm.seq LIMIT ?`,
  identityEvents: `SELECT profile_id, kind, at, detail FROM identity_events
       WHERE workspace_id = ? AND (profile_id = ? OR profile_id IN
         (SELECT merged_id FROM profile_merges WHERE workspace_id = ? AND survivor_id = ?))
       ORDER BY id`,
}

// What the writer connection runs: appends and derived rows (sqlite-writes.ts).
const WRITE_SQL = {
  claimMessageId:
    'INSERT INTO message_ids (workspace_id, message_id, seq) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
  insertMessage:
    'INSERT INTO messages (seq, workspace_id, message_id, type, timestamp, received_at, skew_ms, body, identifiers) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  lastSeq: "SELECT seq FROM sqlite_sequence WHERE name = 'messages'",
  setMessageIdentifiers: 'UPDATE messages SET identifiers = ? WHERE seq = ? AND workspace_id = ?',
  setWatermark:
    'INSERT INTO projection_state (workspace_id, last_seq) VALUES (?, ?) ON CONFLICT (workspace_id) DO UPDATE SET last_seq = excluded.last_seq',
  deleteProfileIdentifiers:
    'DELETE FROM profile_identifiers WHERE workspace_id = ? AND profile_id = ?',
  deleteProfileMessages: 'DELETE FROM profile_messages WHERE workspace_id = ? AND profile_id = ?',
  deleteProfileEvents: 'DELETE FROM identity_events WHERE workspace_id = ? AND profile_id = ?',
  deleteMerge: 'DELETE FROM profile_merges WHERE workspace_id = ? AND merged_id = ?',
  deleteProfile: 'DELETE FROM profiles WHERE workspace_id = ? AND profile_id = ?',
  repointMerges:
    'UPDATE profile_merges SET survivor_id = ? WHERE workspace_id = ? AND survivor_id = ?',
  upsertMerge:
    'INSERT INTO profile_merges (workspace_id, merged_id, survivor_id) VALUES (?, ?, ?) ON CONFLICT (workspace_id, merged_id) DO UPDATE SET survivor_id = excluded.survivor_id',
  upsertIdentifier:
    'INSERT INTO profile_identifiers (workspace_id, id_type, id_value, profile_id) VALUES (?, ?, ?, ?) ON CONFLICT (workspace_id, id_type, id_value) DO UPDATE SET profile_id = excluded.profile_id',
  upsertProfile: `INSERT INTO profiles (workspace_id, profile_id, identifiers, traits, first_seen, last_seen, stage, message_count, journey)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (workspace_id, profile_id) DO UPDATE SET identifiers = excluded.identifiers,
         traits = excluded.traits, first_seen = excluded.first_seen, last_seen = excluded.last_seen,
         stage = excluded.stage, message_count = excluded.message_count, journey = excluded.journey`,
  upsertMessageProfile:
    'INSERT INTO profile_messages (seq, workspace_id, profile_id, timestamp) VALUES (?, ?, ?, ?) ON CONFLICT (seq) DO UPDATE SET profile_id = excluded.profile_id, timestamp = excluded.timestamp',
  insertIdentityEvent:
    'INSERT INTO identity_events (workspace_id, profile_id, kind, at, detail) VALUES (?, ?, ?, ?, ?)',
}

/** Prepared statements by name, for a record of SQL texts by name. */
export type Prepared<T extends Record<string, string>> = { [K in keyof T]: Database.Statement }

/** Prepares each SQL text of `sql` under its name. */
export function prepareAll<T extends Record<string, string>>(
  db: Database.Database,
  sql: T,
): Prepared<T> {
  const entries = Object.entries(sql).map(([name, text]) => [name, db.prepare(text)])
  return Object.fromEntries(entries) as Prepared<T>
}

/** The prepared statements of a store, by name. */
export type Statements = Prepared<typeof SQL>

/** Prepares the reads and rare writes the store runs on its own connection. */
export function createStatements(db: Database.Database): Statements {
  return prepareAll(db, SQL)
}

/** The prepared statements of the writer connection, by name. */
export type WriteStatements = Prepared<typeof WRITE_SQL>

/** Prepares the appends and derived-row writes, on the connection that commits them. */
export function createWriteStatements(db: Database.Database): WriteStatements {
  return prepareAll(db, WRITE_SQL)
}
