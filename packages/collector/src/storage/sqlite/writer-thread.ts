import { isMainThread, parentPort, workerData, type MessagePort } from 'node:worker_threads'
import type { ProjectionChange } from '../types.js'
import { GroupCommit } from './group-commit.js'
import { openDatabase, type OpenDatabaseOptions } from './open-database.js'
import { SqliteWrites, type AppendRequest } from './sqlite-writes.js'

// The writer thread's side: its own connection to the database file, committing appends and
// derived rows while the HTTP thread parses and validates the next requests (issue 6).

/** What the store asks of the writer thread. */
export type WriterRequest =
  | { op: 'append'; id: number; request: AppendRequest }
  | { op: 'project'; id: number; workspaceId: string; change: ProjectionChange }
  | { op: 'close'; id: number }

/** The writer thread's answer to request `id` (0: the thread is ready). */
export interface WriterReply {
  id: number
  seqs?: Float64Array
  error?: { message: string; code?: string }
}

/** The thread's `workerData`. */
export interface WriterData extends OpenDatabaseOptions {
  itineraSqliteWriter: true
  path: string
}

/** The module the writer thread loads: this file, or the bundle chunk that holds it. */
export const writerThreadUrl = import.meta.url

function serveWrites(port: MessagePort, data: WriterData): void {
  const db = openDatabase(data.path, data)
  const writes = new SqliteWrites(db)
  const commits = new GroupCommit(writes)
  const reply = (id: number, error: unknown, seqs?: Float64Array) => {
    if (seqs) port.postMessage({ id, seqs } satisfies WriterReply, [seqs.buffer as ArrayBuffer])
    else if (error === undefined) port.postMessage({ id } satisfies WriterReply)
    else {
      const { message, code } = error as { message?: string; code?: string }
      port.postMessage({ id, error: { message: String(message ?? error), code } })
    }
  }
  port.on('message', (message: WriterRequest) => {
    if (message.op === 'append') {
      commits.add(message.request, (error, seqs) => reply(message.id, error, seqs))
      return
    }
    // Queued appends commit first: their requests are waiting for the answer.
    commits.flush()
    try {
      if (message.op === 'project') writes.project(message.workspaceId, message.change)
      else db.close()
      reply(message.id, undefined)
    } catch (error) {
      reply(message.id, error)
    }
    if (message.op === 'close') port.close()
  })
  reply(0, undefined)
}

const data = workerData as Partial<WriterData> | null
// Loaded as the writer thread's entry: a bundle has no separate file for it, so the check runs on load.
if (!isMainThread && parentPort && data?.itineraSqliteWriter === true) {
  serveWrites(parentPort, data as WriterData)
}
