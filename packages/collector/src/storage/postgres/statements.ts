import { namedStatements } from './postgres-database.js'

/** The columns of a `MessageRow`, selected from `messages m`. */
export const MESSAGE_COLUMNS =
  'm.seq, m.workspace_id, m.message_id, m.type, m.timestamp, m.received_at, m.skew_ms, m.body'

/** The store's reads and rare writes, as the SQLite store runs them (sqlite/statements.ts). */
export const SQL = namedStatements('itinera', {
  insertWorkspace:
    'INSERT INTO workspaces (id, name, write_key, secret_key_hash, allowed_origins, created_at) VALUES ($1, $2, $3, $4, $5, $6)',
  listWorkspaces: 'SELECT * FROM workspaces ORDER BY created_at, id',
  workspaceById: 'SELECT * FROM workspaces WHERE id = $1',
  workspaceByWriteKey: 'SELECT * FROM workspaces WHERE write_key = $1',
  workspaceBySecretHash: 'SELECT * FROM workspaces WHERE secret_key_hash = $1',
  identityRecords: `SELECT seq, message_id, timestamp, identifiers,
       CASE WHEN identifiers IS NULL THEN body END AS body
     FROM messages WHERE workspace_id = $1 AND seq > $2 ORDER BY seq LIMIT $3`,
  readAllMessages: `SELECT ${MESSAGE_COLUMNS} FROM messages m WHERE m.seq > $1 ORDER BY m.seq LIMIT $2`,
  readWorkspaceMessages: `SELECT ${MESSAGE_COLUMNS} FROM messages m
     WHERE m.workspace_id = $1 AND m.seq > $2 ORDER BY m.seq LIMIT $3`,
  // One row per key, in the keys' order (a key given twice is found twice).
  messagesBySeq: `SELECT ${MESSAGE_COLUMNS} FROM unnest($2::bigint[]) WITH ORDINALITY AS k(seq, ord)
     JOIN messages m ON m.seq = k.seq AND m.workspace_id = $1 ORDER BY k.ord`,
  messagesByMessageId: `SELECT ${MESSAGE_COLUMNS}
     FROM unnest($2::text[]) WITH ORDINALITY AS k(message_id, ord)
     JOIN message_ids i ON i.workspace_id = $1 AND i.message_id = k.message_id
     JOIN messages m ON m.seq = i.seq ORDER BY k.ord`,
  lastWorkspaceSeq: 'SELECT COALESCE(MAX(seq), 0) AS seq FROM messages WHERE workspace_id = $1',
  watermark: 'SELECT last_seq FROM projection_state WHERE workspace_id = $1',
  countMessages: 'SELECT COUNT(*) AS count FROM messages WHERE workspace_id = $1',
  deleteMessages: `WITH unassigned AS (
       DELETE FROM profile_messages WHERE workspace_id = $1 AND seq = ANY($2::bigint[])
     )
     DELETE FROM messages WHERE workspace_id = $1 AND seq = ANY($2::bigint[]) RETURNING seq`,
  insertSuppressions: `INSERT INTO suppressions (workspace_id, id_type, id_value, deletion_id, created_at)
     SELECT $1, t.id_type, t.id_value, t.deletion_id, t.created_at
       FROM unnest($2::text[], $3::text[], $4::text[], $5::text[]) WITH ORDINALITY
         AS t(id_type, id_value, deletion_id, created_at, ord)
       ORDER BY t.ord
     ON CONFLICT DO NOTHING`,
  listSuppressions: `SELECT id_type, id_value, deletion_id, created_at FROM suppressions
     WHERE workspace_id = $1 ORDER BY created_at, id_type, id_value`,
  insertDeletion:
    'INSERT INTO deletions (id, workspace_id, ref, profile_id, created_at, result) VALUES ($1, $2, $3, $4, $5, $6)',
  deletionById: 'SELECT * FROM deletions WHERE workspace_id = $1 AND id = $2',
  // Follows merges from $2 until a live profile, at most `$3` ids deep (a cycle ends there too).
  resolveProfile: `WITH RECURSIVE chain (id, hop, live) AS (
       SELECT $2::text, 1, EXISTS (SELECT 1 FROM profiles WHERE workspace_id = $1 AND profile_id = $2)
       UNION ALL
       SELECT m.survivor_id, c.hop + 1, EXISTS (SELECT 1 FROM profiles p
           WHERE p.workspace_id = $1 AND p.profile_id = m.survivor_id)
         FROM chain c JOIN profile_merges m ON m.workspace_id = $1 AND m.merged_id = c.id
         WHERE NOT c.live AND c.hop < $3
     )
     SELECT id FROM chain WHERE live`,
  profileByIdentifier:
    'SELECT profile_id FROM profile_identifiers WHERE workspace_id = $1 AND id_type = $2 AND id_value = $3',
  profileById: 'SELECT * FROM profiles WHERE workspace_id = $1 AND profile_id = $2',
  listProfiles:
    'SELECT * FROM profiles WHERE workspace_id = $1 AND profile_id > $2 ORDER BY profile_id LIMIT $3',
  countProfiles: 'SELECT COUNT(*) AS count FROM profiles WHERE workspace_id = $1',
  profileEvents: `SELECT ${MESSAGE_COLUMNS} FROM profile_messages pm JOIN messages m ON m.seq = pm.seq
     WHERE pm.workspace_id = $1 AND pm.profile_id = $2 ORDER BY pm.timestamp, pm.seq LIMIT $3`,
  profileEventsAfter: `SELECT ${MESSAGE_COLUMNS} FROM profile_messages pm JOIN messages m ON m.seq = pm.seq
     WHERE pm.workspace_id = $1 AND pm.profile_id = $2
       AND (pm.timestamp > $3 OR (pm.timestamp = $3 AND pm.seq > $4))
     ORDER BY pm.timestamp, pm.seq LIMIT $5`,
  identityEvents: `SELECT profile_id, kind, at, detail FROM identity_events
     WHERE workspace_id = $1 AND (profile_id = $2 OR profile_id IN
       (SELECT merged_id FROM profile_merges WHERE workspace_id = $1 AND survivor_id = $2))
     ORDER BY id`,
})
