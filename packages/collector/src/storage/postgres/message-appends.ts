import type { NewMessage } from '../types.js'
import { encodeIdentifiers } from '../identifier-lines.js'
import { namedStatements, type PostgresDatabase } from './postgres-database.js'

const APPEND_SQL = namedStatements('itinera_append', {
  // Appends to one workspace take turns until they commit, on this process or any other: the
  // duplicate check below then sees every earlier append, and seqs become visible in order.
  lock: "SELECT pg_advisory_xact_lock(hashtext('itinera:append'), hashtext($1))",
  // The first row of each messageId the workspace does not know yet is stored and claimed; the
  // ORDER BY hands out seqs in input order.
  insert: `WITH input AS (
       SELECT * FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::bigint[],
         $7::text[], $8::text[]) WITH ORDINALITY
         AS t(message_id, type, timestamp, received_at, skew_ms, body, identifiers, ord)
     ),
     fresh AS (
       SELECT DISTINCT ON (i.message_id) i.* FROM input i
       WHERE NOT EXISTS (SELECT 1 FROM message_ids k
         WHERE k.workspace_id = $1 AND k.message_id = i.message_id)
       ORDER BY i.message_id, i.ord
     ),
     stored AS (
       INSERT INTO messages (workspace_id, message_id, type, timestamp, received_at, skew_ms, body,
         identifiers)
       SELECT $1, message_id, type, timestamp, received_at, skew_ms, body, identifiers
       FROM fresh ORDER BY ord
       RETURNING seq, message_id
     ),
     claimed AS (
       INSERT INTO message_ids (workspace_id, message_id, seq) SELECT $1, message_id, seq FROM stored
     )
     SELECT message_id, seq FROM stored`,
})

/**
 * Appends `messages` to the workspace's log in one transaction; for each, its seq, or `undefined`
 * when the workspace knew its messageId (earlier, or from a previous row of this call).
 */
export async function appendRows(
  db: PostgresDatabase,
  workspaceId: string,
  messages: readonly NewMessage[],
): Promise<(number | undefined)[]> {
  const columns = messageColumns(messages)
  const rows = await db.transaction(async (tx) => {
    await tx.rows(APPEND_SQL.lock, [workspaceId])
    return tx.rows<{ message_id: string; seq: number }>(APPEND_SQL.insert, [
      workspaceId,
      ...columns,
    ])
  })
  const seqs = new Map(rows.map((row) => [row.message_id, row.seq]))
  return messages.map((input) => {
    const seq = seqs.get(input.messageId)
    // Only the first row with a messageId was stored.
    seqs.delete(input.messageId)
    return seq
  })
}

/** The rows as column arrays, for `unnest`. */
function messageColumns(messages: readonly NewMessage[]): unknown[][] {
  return [
    messages.map((m) => m.messageId),
    messages.map((m) => m.type),
    messages.map((m) => m.timestamp),
    messages.map((m) => m.receivedAt),
    messages.map((m) => m.skewMs),
    messages.map((m) => m.body ?? JSON.stringify(m.message)),
    messages.map((m) => (m.identifiers ? encodeIdentifiers(m.identifiers) : null)),
  ]
}
