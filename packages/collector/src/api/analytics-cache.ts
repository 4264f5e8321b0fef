import type { ProfileEvents } from '@itinera/core'
import type { CollectorStore } from '../storage/types.js'
import { leanMessage, loadProfileEvents } from './profile-scan.js'

interface WorkspaceCache {
  /** Projection watermark the cache reflects. */
  watermark: number
  profiles: Map<string, ProfileEvents>
  counts: Map<string, number>
}

/**
 * Lean timelines (type, name, time, id: what funnels and paths match on) of every profile, kept in
 * memory per workspace like the projector keeps its identity graphs, so workspace analytics do not
 * re-read millions of rows per request (docs/benchmarks.md, collector-api). Before each use it
 * catches up with the projection: profiles whose message count changed or that hold messages past
 * the last watermark are re-read, vanished ones (merged, deleted) dropped.
 */
export class AnalyticsCache {
  private readonly store: CollectorStore
  private readonly workspaces = new Map<string, Promise<WorkspaceCache>>()
  private syncing = new Map<string, Promise<ProfileEvents[]>>()

  constructor(store: CollectorStore) {
    this.store = store
  }

  /** Every profile's lean messages as of now (for the core's `computeFunnel`/`computePaths`). */
  profiles(workspaceId: string): Promise<ProfileEvents[]> {
    // Concurrent requests share one catch-up.
    let pending = this.syncing.get(workspaceId)
    if (!pending) {
      pending = this.sync(workspaceId).finally(() => this.syncing.delete(workspaceId))
      this.syncing.set(workspaceId, pending)
    }
    return pending
  }

  /** Forgets a workspace (after a deletion request); the next use reloads it. */
  invalidate(workspaceId: string): void {
    this.workspaces.delete(workspaceId)
  }

  private async sync(workspaceId: string): Promise<ProfileEvents[]> {
    let cached = this.workspaces.get(workspaceId)
    if (!cached) {
      cached = this.load(workspaceId)
      this.workspaces.set(workspaceId, cached)
    }
    let cache: WorkspaceCache
    try {
      cache = await cached
    } catch (error) {
      this.workspaces.delete(workspaceId)
      throw error
    }
    const watermark = await this.store.projectionWatermark(workspaceId)
    if (watermark !== cache.watermark) await this.catchUp(workspaceId, cache, watermark)
    return [...cache.profiles.values()]
  }

  private async load(workspaceId: string): Promise<WorkspaceCache> {
    const watermark = await this.store.projectionWatermark(workspaceId)
    const list = await loadProfileEvents(this.store, workspaceId, { lean: true })
    const profiles = new Map(list.map((profile) => [profile.id, profile]))
    const counts = await this.store.listProfileMessageCounts(workspaceId)
    const cache = { watermark, profiles, counts }
    // Rows read across chunks may straddle a projection step: reconcile once against the counts.
    await this.reconcile(workspaceId, cache, counts, [])
    return cache
  }

  private async catchUp(workspaceId: string, cache: WorkspaceCache, watermark: number) {
    const [counts, touched] = await Promise.all([
      this.store.listProfileMessageCounts(workspaceId),
      this.store.listProfilesTouchedAfter(workspaceId, cache.watermark),
    ])
    await this.reconcile(workspaceId, cache, counts, touched)
    cache.watermark = watermark
  }

  private async reconcile(
    workspaceId: string,
    cache: WorkspaceCache,
    counts: Map<string, number>,
    touched: readonly string[],
  ): Promise<void> {
    const stale = new Set(touched)
    for (const [id, count] of counts) {
      if (cache.profiles.get(id)?.messages.length !== count) stale.add(id)
    }
    for (const id of cache.profiles.keys()) if (!counts.has(id)) cache.profiles.delete(id)
    for (const id of stale) {
      const rows = await this.store.readProfileAnalyticsRows(workspaceId, id)
      if (rows.length === 0) cache.profiles.delete(id)
      else cache.profiles.set(id, { id, messages: rows.map(leanMessage) })
    }
    cache.counts = counts
  }
}
