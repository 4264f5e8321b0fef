import type { ProjectionChange } from '../types.js'
import { encodeIdentifiers } from '../identifier-lines.js'
import { mergeRowsAfter, mergeTargets } from './merge-chains.js'
import { namedStatements, type PostgresDatabase, type Queryable } from './postgres-database.js'
import { DERIVED_TABLES } from '../derived-tables.js'

// Writes of the derived rows (profiles, identifiers, merges, timeline assignment, identity audit,
// watermark), a statement per table rather than per row: a step writes thousands of rows.

const byIds = (table: string) =>
  `DELETE FROM ${table} WHERE workspace_id = $1 AND profile_id = ANY($2::text[])`

const PROJECTION_SQL = namedStatements('itinera_projection', {
  deleteProfiles: byIds('profiles'),
  deleteIdentifiers: byIds('profile_identifiers'),
  deleteAssignments: byIds('profile_messages'),
  deleteIdentityEvents: byIds('identity_events'),
  mergesInto: `SELECT merged_id, survivor_id FROM profile_merges
     WHERE workspace_id = $1 AND survivor_id = ANY($2::text[])`,
  upsertMerges: `INSERT INTO profile_merges (workspace_id, merged_id, survivor_id)
     SELECT $1, t.merged_id, t.survivor_id FROM unnest($2::text[], $3::text[]) AS t(merged_id, survivor_id)
     ON CONFLICT (workspace_id, merged_id) DO UPDATE SET survivor_id = excluded.survivor_id`,
  deleteMerges:
    'DELETE FROM profile_merges WHERE workspace_id = $1 AND merged_id = ANY($2::text[])',
  upsertProfiles: `INSERT INTO profiles (workspace_id, profile_id, identifiers, traits, first_seen,
       last_seen, stage, message_count, journey)
     SELECT $1, t.profile_id, t.identifiers, t.traits, t.first_seen, t.last_seen, t.stage,
       t.message_count, t.journey
     FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
       $8::bigint[], $9::text[])
       AS t(profile_id, identifiers, traits, first_seen, last_seen, stage, message_count, journey)
     ON CONFLICT (workspace_id, profile_id) DO UPDATE SET identifiers = excluded.identifiers,
       traits = excluded.traits, first_seen = excluded.first_seen, last_seen = excluded.last_seen,
       stage = excluded.stage, message_count = excluded.message_count, journey = excluded.journey`,
  upsertIdentifiers: `INSERT INTO profile_identifiers (workspace_id, id_type, id_value, profile_id)
     SELECT $1, t.id_type, t.id_value, t.profile_id
     FROM unnest($2::text[], $3::text[], $4::text[]) AS t(id_type, id_value, profile_id)
     ON CONFLICT (workspace_id, id_type, id_value) DO UPDATE SET profile_id = excluded.profile_id`,
  upsertAssignments: `INSERT INTO profile_messages (seq, workspace_id, profile_id, timestamp)
     SELECT t.seq, $1, t.profile_id, t.timestamp
     FROM unnest($2::bigint[], $3::text[], $4::text[]) AS t(seq, profile_id, timestamp)
     ON CONFLICT (seq) DO UPDATE SET profile_id = excluded.profile_id, timestamp = excluded.timestamp`,
  // Ids follow the input order: the audit is read back in id order.
  insertIdentityEvents: `INSERT INTO identity_events (workspace_id, profile_id, kind, at, detail)
     SELECT $1, t.profile_id, t.kind, t.at, t.detail
     FROM unnest($2::text[], $3::text[], $4::text[], $5::text[]) WITH ORDINALITY
       AS t(profile_id, kind, at, detail, ord)
     ORDER BY t.ord`,
  setMessageIdentifiers: `UPDATE messages m SET identifiers = t.identifiers
     FROM unnest($2::bigint[], $3::text[]) AS t(seq, identifiers)
     WHERE m.seq = t.seq AND m.workspace_id = $1`,
  setWatermark: `INSERT INTO projection_state (workspace_id, last_seq) VALUES ($1, $2)
     ON CONFLICT (workspace_id) DO UPDATE SET last_seq = excluded.last_seq`,
})

/** The last of `items` for each key: a multi-row upsert may not touch one row twice. */
function lastByKey<T>(items: Iterable<T>, key: (item: T) => string | number): T[] {
  const byKey = new Map<string | number, T>()
  for (const item of items) byKey.set(key(item), item)
  return [...byKey.values()]
}

/** Runs `statement` with `workspaceId` and `columns`, unless the first column is empty. */
async function writeColumns(
  tx: Queryable,
  statement: (typeof PROJECTION_SQL)[keyof typeof PROJECTION_SQL],
  workspaceId: string,
  columns: unknown[][],
): Promise<void> {
  if ((columns[0]?.length ?? 0) > 0) await tx.rows(statement, [workspaceId, ...columns])
}

/**
 * Writes one projection change in one transaction, with the effect of the SQLite store's
 * profile-by-profile writes: removed profiles first, then the upserted ones and the watermark.
 */
export function writeProjection(
  db: PostgresDatabase,
  workspaceId: string,
  change: ProjectionChange,
): Promise<void> {
  return db.transaction(async (tx) => {
    const removedIds = change.removedProfiles.map((removed) => removed.id)
    const profiles = change.profiles
    const idsWhere = (keep: (p: (typeof profiles)[number]) => boolean) => [
      ...removedIds,
      ...profiles.filter(keep).map((p) => p.record.id),
    ]
    // Every delete runs before any write: with profile ids unique within a change, that has the
    // effect of the SQLite store's profile-by-profile order.
    const sql = PROJECTION_SQL
    await writeColumns(tx, sql.deleteProfiles, workspaceId, [removedIds])
    const changed = idsWhere((p) => p.identifiersChanged !== false)
    await writeColumns(tx, sql.deleteIdentifiers, workspaceId, [changed])
    await writeColumns(tx, sql.deleteAssignments, workspaceId, [idsWhere((p) => !p.appendMessages)])
    const audited = idsWhere((p) => p.history !== undefined)
    await writeColumns(tx, sql.deleteIdentityEvents, workspaceId, [audited])
    await writeMerges(tx, workspaceId, change)
    await writeProfiles(tx, workspaceId, change)
    await writeMessageIdentifiers(tx, workspaceId, change)
    if (change.watermark !== undefined) {
      await tx.rows(sql.setWatermark, [workspaceId, change.watermark])
    }
  })
}

/** Points removed profiles at their survivors, then forgets the merges of revived ids. */
async function writeMerges(tx: Queryable, workspaceId: string, change: ProjectionChange) {
  const targets = mergeTargets(change.removedProfiles)
  if (targets.length > 0) {
    const stored = await tx.rows<{ merged_id: string; survivor_id: string }>(
      PROJECTION_SQL.mergesInto,
      [workspaceId, targets],
    )
    const existing = stored.map((row) => ({ mergedId: row.merged_id, survivorId: row.survivor_id }))
    const rows = mergeRowsAfter(existing, change.removedProfiles)
    await writeColumns(tx, PROJECTION_SQL.upsertMerges, workspaceId, [
      rows.map((row) => row.mergedId),
      rows.map((row) => row.survivorId),
    ])
  }
  // An appended profile was live at its last write, so it cannot be a merged-away id.
  const revived = change.profiles.filter((p) => !p.appendMessages).map((p) => p.record.id)
  await writeColumns(tx, PROJECTION_SQL.deleteMerges, workspaceId, [revived])
}

async function writeProfiles(tx: Queryable, workspaceId: string, change: ProjectionChange) {
  const projections = change.profiles
  const records = lastByKey(
    projections.map((p) => p.record),
    (p) => p.id,
  )
  await writeColumns(tx, PROJECTION_SQL.upsertProfiles, workspaceId, [
    records.map((p) => p.id),
    records.map((p) => JSON.stringify(p.identifiers)),
    records.map((p) => JSON.stringify(p.traits)),
    records.map((p) => p.firstSeen ?? null),
    records.map((p) => p.lastSeen ?? null),
    records.map((p) => p.stage ?? null),
    records.map((p) => p.messageCount),
    records.map((p) => JSON.stringify(p.journey)),
  ])
  const identifiers = lastByKey(
    projections
      .filter((p) => p.identifiersChanged !== false)
      .flatMap((p) => p.record.identifiers.map((ref) => ({ ...ref, profileId: p.record.id }))),
    (ref) => `${ref.type}\n${ref.value}`,
  )
  await writeColumns(tx, PROJECTION_SQL.upsertIdentifiers, workspaceId, [
    identifiers.map((ref) => ref.type),
    identifiers.map((ref) => ref.value),
    identifiers.map((ref) => ref.profileId),
  ])
  const assignments = lastByKey(
    projections.flatMap((p) => p.messages.map((m) => ({ ...m, profileId: p.record.id }))),
    (m) => m.seq,
  )
  await writeColumns(tx, PROJECTION_SQL.upsertAssignments, workspaceId, [
    assignments.map((m) => m.seq),
    assignments.map((m) => m.profileId),
    assignments.map((m) => m.timestamp),
  ])
  const events = projections.flatMap((p) =>
    (p.history ?? []).map((e) => ({ ...e, profileId: p.record.id })),
  )
  await writeColumns(tx, PROJECTION_SQL.insertIdentityEvents, workspaceId, [
    events.map((e) => e.profileId),
    events.map((e) => e.kind),
    events.map((e) => e.at ?? null),
    events.map((e) => JSON.stringify(e.detail)),
  ])
}

async function writeMessageIdentifiers(
  tx: Queryable,
  workspaceId: string,
  change: ProjectionChange,
) {
  const encoded = (change.messageIdentifiers ?? []).flatMap(({ seq, identifiers }) => {
    const lines = encodeIdentifiers(identifiers)
    return lines === null ? [] : [{ seq, lines }]
  })
  const rows = lastByKey(encoded, (row) => row.seq)
  await writeColumns(tx, PROJECTION_SQL.setMessageIdentifiers, workspaceId, [
    rows.map((row) => row.seq),
    rows.map((row) => row.lines),
  ])
}

/** Deletes the derived rows of one workspace, or of all (restarting the audit's ids). */
export function clearDerivedRows(db: PostgresDatabase, workspaceId?: string): Promise<void> {
  return db.transaction(async (tx) => {
    if (workspaceId === undefined) {
      await tx.rows(`TRUNCATE ${DERIVED_TABLES.join(', ')} RESTART IDENTITY`)
      return
    }
    for (const table of DERIVED_TABLES) {
      await tx.rows(`DELETE FROM ${table} WHERE workspace_id = $1`, [workspaceId])
    }
  })
}
