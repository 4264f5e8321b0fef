import type { NewMessage } from '../types.js'

/** Commits one workspace's messages; each one's seq, or undefined for a duplicate. */
export type CommitAppend = (
  workspaceId: string,
  messages: readonly NewMessage[],
) => Promise<(number | undefined)[]>

interface PendingAppend {
  messages: readonly NewMessage[]
  resolve(seqs: (number | undefined)[]): void
  reject(error: unknown): void
}

/** Messages one grouped transaction takes at most: a bound on its size, not on throughput. */
const GROUP_MESSAGES = 10_000

/**
 * Group commit per workspace. Appends to one workspace commit one transaction at a time (the
 * store serializes them so seqs follow commit order); those that arrive while a transaction runs
 * wait and then commit together in the next one, so one commit, and one WAL flush, acknowledges
 * every request that arrived meanwhile. A lone request commits at once. When a group fails, its
 * requests are committed again one by one, so a bad request fails alone.
 */
export class GroupedAppends {
  private readonly commit: CommitAppend
  private readonly queues = new Map<string, PendingAppend[]>()
  private readonly draining = new Map<string, Promise<void>>()

  constructor(commit: CommitAppend) {
    this.commit = commit
  }

  append(workspaceId: string, messages: readonly NewMessage[]): Promise<(number | undefined)[]> {
    return new Promise((resolve, reject) => {
      const queue = this.queues.get(workspaceId)
      if (queue) queue.push({ messages, resolve, reject })
      else this.queues.set(workspaceId, [{ messages, resolve, reject }])
      if (!this.draining.has(workspaceId)) this.draining.set(workspaceId, this.drain(workspaceId))
    })
  }

  /** Resolves once every append queued so far has committed or failed. */
  async idle(): Promise<void> {
    while (this.draining.size > 0) await Promise.all(this.draining.values())
  }

  // Leaves `draining` in the same turn that finds the queue empty: an append queued later starts
  // a new drain instead of waiting for one that is ending.
  private async drain(workspaceId: string): Promise<void> {
    for (;;) {
      const group = this.takeGroup(workspaceId)
      if (group.length === 0) {
        this.draining.delete(workspaceId)
        return
      }
      await this.commitGroup(workspaceId, group)
    }
  }

  /** The oldest waiting appends, up to {@link GROUP_MESSAGES} messages (always at least one). */
  private takeGroup(workspaceId: string): PendingAppend[] {
    const queue = this.queues.get(workspaceId) ?? []
    let count = 0
    let taken = 0
    while (
      taken < queue.length &&
      (taken === 0 || count + queue[taken]!.messages.length <= GROUP_MESSAGES)
    ) {
      count += queue[taken]!.messages.length
      taken++
    }
    const group = queue.splice(0, taken)
    if (queue.length === 0) this.queues.delete(workspaceId)
    return group
  }

  private async commitGroup(workspaceId: string, group: PendingAppend[]): Promise<void> {
    if (group.length > 1) {
      let seqs: (number | undefined)[] | undefined
      try {
        seqs = await this.commit(
          workspaceId,
          group.flatMap((pending) => pending.messages),
        )
      } catch {
        // Rolled back: commit each request on its own below, so only a bad one fails.
      }
      if (seqs) {
        let offset = 0
        for (const pending of group) {
          pending.resolve(seqs.slice(offset, offset + pending.messages.length))
          offset += pending.messages.length
        }
        return
      }
    }
    for (const pending of group) {
      try {
        pending.resolve(await this.commit(workspaceId, pending.messages))
      } catch (error) {
        pending.reject(error)
      }
    }
  }
}
