import { createSqliteStore } from './sqlite/sqlite-store.js'
import type { CollectorStore } from './types.js'

/** True when `db` names a PostgreSQL database: a `postgres://` or `postgresql://` URL. */
export const isPostgresUrl = (db: string): boolean => /^postgres(ql)?:\/\//i.test(db)

/**
 * Opens the store `db` names: a PostgreSQL database for a `postgres://` URL, else the SQLite
 * file at that path. PostgreSQL's client is loaded only then.
 */
export async function openStore(db: string): Promise<CollectorStore> {
  if (!isPostgresUrl(db)) return createSqliteStore({ path: db })
  const { createPostgresStore } = await import('./postgres/index.js')
  try {
    return await createPostgresStore({ url: db })
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    throw new Error(`cannot open the PostgreSQL database ${describeDatabase(db)}: ${reason}`, {
      cause: error,
    })
  }
}

/** `db` as it may be shown in logs: a URL without its password. */
export function describeDatabase(db: string): string {
  if (!isPostgresUrl(db) || !URL.canParse(db)) return db
  const url = new URL(db)
  if (url.password) url.password = '***'
  return url.toString()
}
