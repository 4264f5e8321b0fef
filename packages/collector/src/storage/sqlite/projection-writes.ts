import type Database from 'better-sqlite3'
import type { ProjectionChange } from '../types.js'
import { encodeIdentifiers } from '../identifier-lines.js'
import type { WriteStatements } from './statements.js'
import { DERIVED_TABLES } from '../derived-tables.js'

// Writes of the derived rows (profiles, identifiers, merges, timeline assignment, identity audit,
// watermark): everything the projection owns and `itinera rebuild` recomputes.

/** Writes one projection change: removed profiles first, then the upserted ones and the watermark. */
export function writeProjection(
  s: WriteStatements,
  workspaceId: string,
  change: ProjectionChange,
): void {
  for (const { id, survivorId } of change.removedProfiles) {
    s.deleteProfile.run(workspaceId, id)
    s.deleteProfileIdentifiers.run(workspaceId, id)
    s.deleteProfileMessages.run(workspaceId, id)
    s.deleteProfileEvents.run(workspaceId, id)
    if (survivorId !== undefined && survivorId !== id) {
      s.repointMerges.run(survivorId, workspaceId, id)
      s.upsertMerge.run(workspaceId, id, survivorId)
    }
  }
  for (const projection of change.profiles) {
    const { record: p, messages, history } = projection
    // An appended profile was live at its last write, so it cannot be a merged-away id.
    if (!projection.appendMessages) s.deleteMerge.run(workspaceId, p.id)
    s.upsertProfile.run(
      workspaceId,
      p.id,
      JSON.stringify(p.identifiers),
      JSON.stringify(p.traits),
      p.firstSeen ?? null,
      p.lastSeen ?? null,
      p.stage ?? null,
      p.messageCount,
      JSON.stringify(p.journey),
    )
    if (projection.identifiersChanged !== false) {
      s.deleteProfileIdentifiers.run(workspaceId, p.id)
      for (const ref of p.identifiers)
        s.upsertIdentifier.run(workspaceId, ref.type, ref.value, p.id)
    }
    if (!projection.appendMessages) s.deleteProfileMessages.run(workspaceId, p.id)
    for (const m of messages) s.upsertMessageProfile.run(m.seq, workspaceId, p.id, m.timestamp)
    if (history) {
      s.deleteProfileEvents.run(workspaceId, p.id)
      for (const e of history) {
        s.insertIdentityEvent.run(workspaceId, p.id, e.kind, e.at ?? null, JSON.stringify(e.detail))
      }
    }
  }
  for (const { seq, identifiers } of change.messageIdentifiers ?? []) {
    const lines = encodeIdentifiers(identifiers)
    if (lines !== null) s.setMessageIdentifiers.run(lines, seq, workspaceId)
  }
  if (change.watermark !== undefined) s.setWatermark.run(workspaceId, change.watermark)
}

/**
 * Runs a write of derived rows without its own fsync: they are rebuilt from the raw log (the
 * watermark commits with them, so a lost tail is re-projected), and the next acknowledged
 * append fsyncs the WAL anyway. Raw appends always commit with the configured level.
 */
export function writeWithoutFsync(db: Database.Database, work: () => void): void {
  const level = db.pragma('synchronous', { simple: true }) as number
  if (level >= 2) db.pragma('synchronous = NORMAL')
  try {
    db.transaction(work)()
  } finally {
    if (level >= 2) db.pragma(`synchronous = ${level === 3 ? 'EXTRA' : 'FULL'}`)
  }
}

/** Deletes the derived rows of one workspace, or of all (restarting the audit's ids). */
export function clearDerivedRows(db: Database.Database, workspaceId?: string): void {
  db.transaction(() => {
    for (const table of DERIVED_TABLES) {
      if (workspaceId === undefined) db.prepare(`DELETE FROM ${table}`).run()
      else db.prepare(`DELETE FROM ${table} WHERE workspace_id = ?`).run(workspaceId)
    }
    if (workspaceId === undefined) {
      db.prepare("DELETE FROM sqlite_sequence WHERE name = 'identity_events'").run()
    }
  })()
}
