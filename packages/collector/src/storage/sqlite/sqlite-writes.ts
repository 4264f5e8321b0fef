import type Database from 'better-sqlite3'
import type { ProjectionChange } from '../types.js'
import { decodeRows, rowCount, type EncodedRows } from './encoded-rows.js'
import { writeProjection, writeWithoutFsync } from './projection-writes.js'
import { createWriteStatements, type WriteStatements } from './statements.js'

/** One request's rows for the raw log. */
export interface AppendRequest {
  workspaceId: string
  rows: EncodedRows
}

/**
 * The writes that happen on every request or projection step, on one connection: the writer
 * thread's, or the store's own when it writes in-thread.
 */
export class SqliteWrites {
  private readonly db: Database.Database
  private readonly sql: WriteStatements

  constructor(db: Database.Database) {
    this.db = db
    this.sql = createWriteStatements(db)
  }

  /**
   * Appends every request in one transaction and one fsync (group commit); for each request, the
   * seq assigned to each of its rows, 0 for a messageId the workspace already had.
   */
  appendAll(requests: readonly AppendRequest[]): Float64Array[] {
    const { claimMessageId, insertMessage, lastSeq } = this.sql
    // IMMEDIATE takes the write lock first, so the sequence read below cannot go stale.
    return this.db
      .transaction(() => {
        let next = ((lastSeq.pluck().get() as number | undefined) ?? 0) + 1
        return requests.map(({ workspaceId, rows }) => {
          const seqs = new Float64Array(rowCount(rows))
          let i = 0
          decodeRows(rows, (row) => {
            if (claimMessageId.run(workspaceId, row.messageId, next).changes === 1) {
              insertMessage.run(
                next,
                workspaceId,
                row.messageId,
                row.type,
                row.timestamp,
                row.receivedAt,
                row.skewMs,
                row.body,
                row.identifiers,
              )
              seqs[i] = next++
            }
            i++
          })
          return seqs
        })
      })
      .immediate()
  }

  /** Writes derived rows (rebuilt from the log, so without an fsync of their own). */
  project(workspaceId: string, change: ProjectionChange): void {
    writeWithoutFsync(this.db, () => writeProjection(this.sql, workspaceId, change))
  }
}
