import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { Worker } from 'node:worker_threads'
import type { ProjectionChange } from '../types.js'
import type { OpenDatabaseOptions } from './open-database.js'
import type { RowWriter } from './row-writer.js'
import type { AppendRequest } from './sqlite-writes.js'
import {
  writerThreadUrl,
  type WriterData,
  type WriterReply,
  type WriterRequest,
} from './writer-thread.js'

interface Waiting {
  resolve: (reply: WriterReply) => void
  reject: (error: Error) => void
}

// Run from the TypeScript sources (tests, `npm start`), the thread registers tsx itself: a
// worker does not inherit the `--import tsx` hooks on Node 20.
function tsxApiUrl(): string {
  const require = createRequire(writerThreadUrl)
  const manifest = require.resolve('tsx/package.json')
  const exports = (
    require(manifest) as { exports: Record<string, { import: { default: string } }> }
  ).exports
  const api = exports['./esm/api']?.import.default ?? './dist/esm/api/index.mjs'
  return pathToFileURL(join(dirname(manifest), api)).href
}

/** The thread's entry script: imports the writer module (through tsx when it is TypeScript). */
function bootstrap(): string {
  const entry = JSON.stringify(writerThreadUrl)
  if (!writerThreadUrl.endsWith('.ts')) return `import(${entry})`
  const tsx = JSON.stringify(tsxApiUrl())
  return `import(${tsx}).then(({ register }) => { register(); return import(${entry}) })`
}

const replyError = (error: NonNullable<WriterReply['error']>) =>
  Object.assign(new Error(error.message), error.code === undefined ? {} : { code: error.code })

/** A writer thread: a worker with its own connection that commits appends and derived rows. */
class ThreadWriter implements RowWriter {
  private readonly worker: Worker
  private readonly waiting = new Map<number, Waiting>()
  private nextId = 1
  private failure: Error | undefined
  private closed: Promise<void> | undefined
  private readonly exited: Promise<void>

  constructor(path: string, options: OpenDatabaseOptions) {
    const workerData: WriterData = { ...options, itineraSqliteWriter: true, path }
    this.worker = new Worker(bootstrap(), { eval: true, workerData })
    this.worker.on('message', (reply: WriterReply) => this.settle(reply))
    this.worker.on('error', (error) => this.fail(error))
    this.exited = new Promise((resolve) =>
      this.worker.once('exit', (code) => {
        this.fail(new Error(`the SQLite writer thread exited (${code})`))
        resolve()
      }),
    )
    // Idle, the thread must not keep the process alive; while a write is waiting, it must.
    this.worker.unref()
  }

  /** Resolves when the thread has opened the database. */
  ready(): Promise<void> {
    return this.wait(0).then(() => undefined)
  }

  append(request: AppendRequest): Promise<Float64Array> {
    return this.send({ op: 'append', id: this.nextId++, request }).then(
      (reply) => reply.seqs ?? new Float64Array(0),
    )
  }

  project(workspaceId: string, change: ProjectionChange): Promise<void> {
    return this.send({ op: 'project', id: this.nextId++, workspaceId, change }).then(
      () => undefined,
    )
  }

  close(): Promise<void> {
    this.closed ??= this.failure
      ? Promise.resolve()
      : this.send({ op: 'close', id: this.nextId++ }).then(() => {
          // The reply unrefs the thread; until it has exited it must keep the process alive, or
          // a process with nothing else to do ends with `close()` never settled.
          this.worker.ref()
          return this.exited
        })
    return this.closed
  }

  private send(request: WriterRequest): Promise<WriterReply> {
    if (this.failure) return Promise.reject(this.failure)
    const reply = this.wait(request.id)
    this.worker.postMessage(request)
    return reply
  }

  private wait(id: number): Promise<WriterReply> {
    if (this.waiting.size === 0) this.worker.ref()
    return new Promise((resolve, reject) => this.waiting.set(id, { resolve, reject }))
  }

  private settle(reply: WriterReply): void {
    const waiting = this.waiting.get(reply.id)
    this.waiting.delete(reply.id)
    if (this.waiting.size === 0) this.worker.unref()
    if (!waiting) return
    if (reply.error) waiting.reject(replyError(reply.error))
    else waiting.resolve(reply)
  }

  private fail(error: Error): void {
    this.failure ??= error
    for (const waiting of this.waiting.values()) waiting.reject(error)
    this.waiting.clear()
  }
}

/** Starts a writer thread on the database file at `path` (already migrated). */
export async function startWriterThread(
  path: string,
  options: OpenDatabaseOptions = {},
): Promise<RowWriter> {
  const writer = new ThreadWriter(path, options)
  await writer.ready()
  return writer
}
