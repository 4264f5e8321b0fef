import type { AppendRequest, SqliteWrites } from './sqlite-writes.js'

/** Receives an append's seqs (0 for a duplicate), or the error that rolled it back. */
export type AppendSettler = (error: unknown, seqs?: Float64Array) => void

/**
 * Queues appends and commits everything queued in one transaction on the next turn of the event
 * loop, so one fsync acknowledges every request that arrived meanwhile.
 */
export class GroupCommit {
  private readonly writes: SqliteWrites
  private pending: { request: AppendRequest; settle: AppendSettler }[] = []
  private scheduled = false

  constructor(writes: SqliteWrites) {
    this.writes = writes
  }

  add(request: AppendRequest, settle: AppendSettler): void {
    this.pending.push({ request, settle })
    if (this.scheduled) return
    this.scheduled = true
    setImmediate(() => this.flush())
  }

  /** Commits what is queued now. */
  flush(): void {
    this.scheduled = false
    const batch = this.pending
    this.pending = []
    if (batch.length === 0) return
    let results: Float64Array[]
    try {
      results = this.writes.appendAll(batch.map((item) => item.request))
    } catch (error) {
      for (const item of batch) item.settle(error)
      return
    }
    batch.forEach((item, i) => item.settle(undefined, results[i]))
  }
}
