import { inTransaction, type PostgresDatabase, type Session } from './postgres-database.js'
import { postgresMigrations } from './migrations.js'

// Collectors starting together on one database take turns: the first migrates, the others then
// find nothing left to do.
const MIGRATION_LOCK = "hashtext('itinera:migrations')"

/**
 * Applies every migration newer than the database's version, each in its own transaction, under
 * a session advisory lock; returns the versions it applied.
 */
export function migratePostgres(db: PostgresDatabase): Promise<number[]> {
  return db.session(async (session) => {
    await session.rows(`SELECT pg_advisory_lock(${MIGRATION_LOCK})`)
    try {
      return await applyPending(session)
    } finally {
      await session.rows(`SELECT pg_advisory_unlock(${MIGRATION_LOCK})`).catch((error: unknown) => {
        // Closing the connection releases the lock too.
        session.discard(error instanceof Error ? error : new Error(String(error)))
      })
    }
  })
}

async function applyPending(session: Session): Promise<number[]> {
  await session.rows(
    'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)',
  )
  const rows = await session.rows<{ version: number }>('SELECT version FROM schema_migrations')
  const applied = new Set(rows.map((row) => row.version))
  const done: number[] = []
  for (const migration of postgresMigrations) {
    if (applied.has(migration.version)) continue
    await inTransaction(session, async (tx) => {
      await tx.rows(migration.sql)
      await tx.rows(
        'INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)',
        [migration.version, migration.name, new Date().toISOString()],
      )
    })
    done.push(migration.version)
  }
  return done
}
