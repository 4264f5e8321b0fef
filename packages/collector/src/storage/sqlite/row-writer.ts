import type Database from 'better-sqlite3'
import type { ProjectionChange } from '../types.js'
import { GroupCommit } from './group-commit.js'
import { SqliteWrites, type AppendRequest } from './sqlite-writes.js'

/**
 * Where the store sends the writes of every request and projection step: a thread of their own
 * ({@link startWriterThread}), or the store's connection ({@link createInlineWriter}).
 */
export interface RowWriter {
  /** Resolves once the rows are durably committed: each row's seq, 0 for a duplicate. */
  append(request: AppendRequest): Promise<Float64Array>
  /** Resolves once the derived rows are committed. */
  project(workspaceId: string, change: ProjectionChange): Promise<void>
  /** Commits what is queued and stops. */
  close(): Promise<void>
}

/** Writes on the store's own connection, in the calling thread (`:memory:` databases). */
export function createInlineWriter(db: Database.Database): RowWriter {
  const writes = new SqliteWrites(db)
  const commits = new GroupCommit(writes)
  return {
    append: (request) =>
      new Promise((resolve, reject) =>
        commits.add(request, (error, seqs) => (seqs ? resolve(seqs) : reject(error))),
      ),
    project: (workspaceId, change) => {
      writes.project(workspaceId, change)
      return Promise.resolve()
    },
    close: () => {
      commits.flush()
      return Promise.resolve()
    },
  }
}
