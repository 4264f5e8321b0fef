import type { ProfileTimeline } from '@itinera/core'
import type { CollectorStore } from '../storage/types.js'
import { leanTimeline } from './lean-timeline.js'
import { leanMessage, loadProfileEvents } from './profile-scan.js'

interface WorkspaceCache {
  /** Projection watermark the cache reflects. */
  watermark: number
  profiles: Map<string, ProfileTimeline>
}

/**
 * Lean timelines (type, name, time, id: what funnels and paths match on) of every profile, kept in
 * memory per workspace like the projector keeps its identity graphs, so workspace analytics do not
 * re-read millions of rows per request (docs/benchmarks.md, collector-api). Before each use it
 * catches up with the projection: profiles holding messages past the last watermark and new
 * profiles are re-read, vanished ones (merged, deleted) dropped; when old messages moved to a new
 * profile (an identity split), every profile's message count is compared too.
 */
export class AnalyticsCache {
  private readonly store: CollectorStore
  private readonly workspaces = new Map<string, Promise<WorkspaceCache>>()
  private syncing = new Map<string, Promise<ProfileTimeline[]>>()

  constructor(store: CollectorStore) {
    this.store = store
  }

  /** Every profile's lean timeline as of now (for the core's `computeFunnel`/`computePaths`). */
  profiles(workspaceId: string): Promise<ProfileTimeline[]> {
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

  private async sync(workspaceId: string): Promise<ProfileTimeline[]> {
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
    const profiles = new Map(list.map((p) => [p.id, leanTimeline(p.id, p.messages)]))
    const cache = { watermark, profiles }
    // Chunks read while the projection wrote may straddle a step: catch up once from `watermark`.
    await this.catchUp(workspaceId, cache, watermark)
    return cache
  }

  private async catchUp(workspaceId: string, cache: WorkspaceCache, watermark: number) {
    const [ids, touched] = await Promise.all([
      this.store.listProfileIds(workspaceId),
      this.store.listProfilesTouchedAfter(workspaceId, cache.watermark),
    ])
    const current = new Set(ids)
    for (const id of cache.profiles.keys()) if (!current.has(id)) cache.profiles.delete(id)
    const changed = new Set(touched)
    const stale = new Set(touched)
    for (const id of ids) if (!cache.profiles.has(id)) stale.add(id)
    let moved = false
    for (const id of stale) {
      const rows = await this.store.readProfileAnalyticsRows(workspaceId, id)
      if (rows.length === 0) cache.profiles.delete(id)
      else cache.profiles.set(id, leanTimeline(id, rows.map(leanMessage)))
      // A profile that is new here yet holds messages already projected took them from another.
      if (!changed.has(id) && rows.some((row) => row.seq <= cache.watermark)) moved = true
    }
    if (moved) await this.recount(workspaceId, cache)
    cache.watermark = watermark
  }

  /** Re-reads every profile whose message count differs from the cached one. */
  private async recount(workspaceId: string, cache: WorkspaceCache): Promise<void> {
    const counts = await this.store.listProfileMessageCounts(workspaceId)
    for (const [id, count] of counts) {
      if (cache.profiles.get(id)?.timeline.length === count) continue
      const rows = await this.store.readProfileAnalyticsRows(workspaceId, id)
      cache.profiles.set(id, leanTimeline(id, rows.map(leanMessage)))
    }
  }
}
