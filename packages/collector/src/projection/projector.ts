import {
  IdentityGraph,
  extractIdentifiers,
  type IdentityStore,
  type JourneyOptions,
  type StoredMessage as IdentityRecord,
} from '@itinera/core'
import type {
  CollectorStore,
  IdentityRecord as StoredIdentityRecord,
  ProfileProjection,
  ProjectionChange,
  StoredMessage,
} from '../storage/types.js'
import { identifierKey } from '../identifier-key.js'
import type { IngestPipeline } from '../ingest/ingest-pipeline.js'
import { buildProfile } from './build-profile.js'
import { eraseProfile, type ErasedProfile } from './erase-profile.js'
import { MessageCache } from './message-cache.js'

/** Options for {@link Projector}. */
export interface ProjectorOptions {
  /** How long stored messages wait to be projected together, in ms. @default 50 */
  delayMs?: number
  /** Journey options (stage model, session timeout). @default the core's defaults */
  journey?: Omit<JourneyOptions, 'now'>
  /** Profiles written per transaction during a rebuild. @default 500 */
  chunkSize?: number
  /** Profiles written per transaction before yielding to the event loop. @default 256 */
  sliceSize?: number
  /** Messages of recently touched profiles kept in memory, per workspace. @default 200000 */
  cachedMessages?: number
  /**
   * Load every workspace's graph (and repair derived rows that lag the log) when the collector
   * is created; otherwise graphs load on first use. @default true
   */
  loadOnStart?: boolean
  /** Receives projection failures (the raw messages stay stored; `itinera rebuild` repairs). */
  onError?: (error: unknown) => void
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve))

/** What was last written for a profile, to write only what changed next time. */
interface WrittenProfile {
  messageCount: number
  identifiersKey: string
  historyLength: number
}

interface WorkspaceState {
  graph: IdentityGraph
  written: Map<string, WrittenProfile>
  cache: MessageCache
  /** `from → to` profile ids forwarded since the last flush (merges, recomputations). */
  forwards: Map<string, string>
  pending: StoredMessage[]
  /** What the graph persisted of each new message, in order (`IdentityStore.putMessage`). */
  persisted: IdentityRecord[]
  /** Identifiers of stored messages that the next write records (`messageIdentifiers`). */
  unrecorded: NonNullable<ProjectionChange['messageIdentifiers']>
}

const PAGE = 5000

/**
 * Keeps one identity graph per workspace in memory (rebuilt from the raw log at start-up) and,
 * shortly after each committed batch, rewrites the derived rows of every profile it touched:
 * identifiers, merges, timeline assignment, traits, journey and identity audit.
 */
export class Projector {
  private readonly store: CollectorStore
  private readonly options: Required<Omit<ProjectorOptions, 'onError'>> &
    Pick<ProjectorOptions, 'onError'>
  private readonly states = new Map<string, Promise<WorkspaceState>>()
  private chain: Promise<void> = Promise.resolve()
  /** Messages waiting for their workspace's state to load before they join its queue. */
  private readonly queueing = new Set<Promise<void>>()
  private timer: NodeJS.Timeout | undefined
  private dirty = new Set<string>()

  constructor(store: CollectorStore, options: ProjectorOptions = {}) {
    this.store = store
    this.options = {
      delayMs: options.delayMs ?? 50,
      journey: options.journey ?? {},
      chunkSize: options.chunkSize ?? 500,
      sliceSize: options.sliceSize ?? 256,
      cachedMessages: options.cachedMessages ?? 200_000,
      loadOnStart: options.loadOnStart ?? true,
      onError: options.onError,
    }
  }

  /** Loads every workspace's graph; re-projects a workspace whose derived rows lag its log. */
  async start(): Promise<void> {
    for (const workspace of await this.store.listWorkspaces()) {
      const [watermark, last] = await Promise.all([
        this.store.projectionWatermark(workspace.id),
        this.store.lastSeq(workspace.id),
      ])
      // A rebuild loads the graph itself: loading it first would read the whole log twice.
      if (watermark < last) await this.run(() => this.rebuildNow(workspace.id))
      else await this.stateOf(workspace.id)
    }
  }

  /** Queues committed messages; their profiles are written within `delayMs`. */
  enqueue(workspaceId: string, stored: readonly StoredMessage[]): void {
    const queued = this.stateOf(workspaceId).then(
      (state) => {
        state.pending.push(...stored)
        this.dirty.add(workspaceId)
        this.schedule()
      },
      (error: unknown) => this.options.onError?.(error),
    )
    this.queueing.add(queued)
    void queued.then(() => this.queueing.delete(queued))
  }

  /** Writes everything queued so far, including messages whose workspace is still loading. */
  async flush(): Promise<void> {
    // A workspace's first messages wait for its graph to load from the store (a round trip on
    // PostgreSQL): they join the queue before this flush writes it.
    while (this.queueing.size > 0) await Promise.all(this.queueing)
    if (this.timer) clearTimeout(this.timer)
    this.timer = undefined
    return this.run(() => this.flushNow())
  }

  /**
   * Drops and recomputes the derived rows of one workspace (or all) from the raw messages,
   * with a fresh identity graph.
   */
  async rebuild(workspaceId?: string): Promise<{ profiles: number; messages: number }> {
    const ids = workspaceId ? [workspaceId] : (await this.store.listWorkspaces()).map((ws) => ws.id)
    let profiles = 0
    let messages = 0
    for (const id of ids) {
      this.states.delete(id)
      await this.run(async () => {
        const result = await this.rebuildNow(id)
        profiles += result.profiles
        messages += result.messages
      })
    }
    return { profiles, messages }
  }

  /**
   * Deletion request: resolves `profileId` (merged-away ids too), suppresses its identifiers,
   * removes its raw messages and derived rows. Later messages carrying its identifiers are
   * dropped at ingest, replays of its messages are duplicates, and `rebuild` keeps it deleted.
   */
  async erase(
    pipeline: IngestPipeline,
    workspaceId: string,
    profileId: string,
    deletionId: string,
  ): Promise<ErasedProfile | undefined> {
    await this.flush()
    return this.run(async () => {
      const state = await this.stateOf(workspaceId)
      const erased = await eraseProfile(
        { store: this.store, pipeline, graph: state.graph },
        workspaceId,
        profileId,
        deletionId,
      )
      if (!erased) return undefined
      state.forwards.delete(erased.profileId)
      // A deletion can split or renumber other profiles: forget what was cached and written.
      state.cache.clear()
      state.written.clear()
      const watermark = await this.store.projectionWatermark(workspaceId)
      await this.store.applyProjection(workspaceId, {
        profiles: [],
        removedProfiles: [{ id: erased.profileId, survivorId: undefined }],
      })
      await this.write(workspaceId, state, new Map(), watermark)
      return erased
    })
  }

  /** The identity graph of a workspace (loaded on first use). */
  graph(workspaceId: string): Promise<IdentityGraph> {
    return this.stateOf(workspaceId).then((state) => state.graph)
  }

  /** Flushes and stops the timer. */
  async close(): Promise<void> {
    await this.flush()
  }

  private schedule(): void {
    if (this.timer) return
    this.timer = setTimeout(() => {
      this.timer = undefined
      void this.run(() => this.flushNow())
    }, this.options.delayMs)
  }

  /** Runs projection work one step at a time, so graph and rows never interleave. */
  private run<T>(work: () => Promise<T>): Promise<T> {
    const next = this.chain.then(work)
    this.chain = next.then(
      () => undefined,
      (error: unknown) => this.options.onError?.(error),
    )
    return next
  }

  private stateOf(workspaceId: string): Promise<WorkspaceState> {
    let state = this.states.get(workspaceId)
    if (!state) {
      state = this.loadState(workspaceId)
      this.states.set(workspaceId, state)
    }
    return state
  }

  private async loadState(workspaceId: string): Promise<WorkspaceState> {
    const records: IdentityRecord[] = []
    // Messages committed before the graph saw them (or before migration 6) were read from their
    // bodies: their identifiers are recorded with the next write.
    const unrecorded: WorkspaceState['unrecorded'] = []
    let afterSeq = 0
    for (;;) {
      const page = await this.store.readIdentityRecords(workspaceId, { afterSeq, limit: PAGE })
      for (const stored of page) {
        const record = identityRecord(stored)
        records.push(record)
        if (!stored.identifiers)
          unrecorded.push({ seq: stored.seq, identifiers: record.identifiers })
      }
      if (page.length < PAGE) break
      afterSeq = page.at(-1)?.seq ?? afterSeq
    }
    const suppressed = await this.store.listSuppressions(workspaceId)
    const forwards = new Map<string, string>()
    const persisted: WorkspaceState['persisted'] = []
    const identityStore: IdentityStore = {
      loadMessages: () => records,
      putMessage: (record) => void persisted.push(record),
      deleteMessage: () => undefined,
      loadMarks: () =>
        suppressed.map((s) => ({
          kind: 'suppressed' as const,
          identifier: { type: s.type, value: s.value },
        })),
      putMark: () => undefined,
      loadForwards: () => [],
      putForward: (from, to) => void forwards.set(from, to),
    }
    const graph = new IdentityGraph({ store: identityStore })
    records.length = 0
    return {
      graph,
      forwards,
      persisted,
      unrecorded,
      pending: [],
      written: new Map(),
      cache: new MessageCache(this.options.cachedMessages),
    }
  }

  private async flushNow(): Promise<void> {
    const workspaces = [...this.dirty]
    this.dirty.clear()
    for (const workspaceId of workspaces) {
      const state = await this.stateOf(workspaceId)
      const pending = state.pending
      state.pending = []
      if (pending.length === 0) continue
      // The whole backlog goes through the graph first, so a profile touched many times while the
      // projection was busy is written once (the backlog shrinks the cost per message).
      const added: { stored: StoredMessage; profileId: string }[] = []
      // The graph extracts each new message's identifiers; they are stored from here rather than
      // extracted a second time at ingest (issue 6).
      const identified = state.unrecorded.splice(0)
      let watermark = 0
      const chunk = this.options.sliceSize * 4
      for (let from = 0; from < pending.length; from += chunk) {
        if (from > 0) await yieldToEventLoop()
        const slice = pending.slice(from, from + chunk)
        const results = state.graph.ingestMany(slice.map((stored) => stored.message))
        // The graph persisted one record per new message, in order.
        let next = 0
        for (let i = 0; i < slice.length; i++) {
          const stored = slice[i]!
          const result = results[i]!
          watermark = Math.max(watermark, stored.seq)
          if (!result.profileId) continue
          if (result.duplicate) {
            // Already in the graph (loaded from the log before it was projected): rewrite in full.
            state.written.delete(result.profileId)
            state.cache.delete(result.profileId)
          } else {
            const record = state.persisted[next++]
            if (record?.messageId === stored.messageId) {
              identified.push({ seq: stored.seq, identifiers: record.identifiers })
            }
          }
          added.push({ stored, profileId: result.profileId })
        }
        state.persisted.length = 0
      }
      const touched = new Map<string, StoredMessage[]>()
      for (const { stored, profileId } of added) {
        const live = state.graph.profile(profileId)?.id
        if (!live) continue
        const list = touched.get(live) ?? []
        list.push(stored)
        touched.set(live, list)
      }
      await this.write(workspaceId, state, touched, watermark, identified)
    }
  }

  /** Writes the touched profiles in slices, yielding between them so acknowledgments flow. */
  private async write(
    workspaceId: string,
    state: WorkspaceState,
    touched: Map<string, StoredMessage[]>,
    watermark: number,
    messageIdentifiers?: ProjectionChange['messageIdentifiers'],
  ): Promise<void> {
    const removed: { id: string; survivorId: string | undefined }[] = []
    for (const [from, to] of state.forwards) {
      state.written.delete(from)
      state.cache.delete(from)
      state.cache.delete(to)
      const survivor = state.graph.profile(to)?.id
      if (state.graph.profile(from)?.id === from) continue
      removed.push({ id: from, survivorId: survivor })
      if (survivor && !touched.has(survivor)) touched.set(survivor, [])
      if (survivor) state.written.delete(survivor)
    }
    state.forwards.clear()
    const entries = [...touched]
    let removedProfiles = removed
    for (let start = 0; start < entries.length || start === 0; start += this.options.sliceSize) {
      if (start > 0) await yieldToEventLoop()
      const profiles: ProfileProjection[] = []
      for (const [id, added] of entries.slice(start, start + this.options.sliceSize)) {
        const projected = await this.project(workspaceId, state, id, added)
        if (projected) profiles.push(projected)
      }
      const last = start + this.options.sliceSize >= entries.length
      await this.store.applyProjection(workspaceId, {
        profiles,
        removedProfiles,
        watermark: last ? watermark : undefined,
        messageIdentifiers: last ? messageIdentifiers : undefined,
      })
      removedProfiles = []
    }
  }

  /**
   * Builds a profile's row. When the only change since the last write is `added` messages,
   * only those are assigned and unchanged identifiers and audit are left alone.
   */
  private async project(
    workspaceId: string,
    state: WorkspaceState,
    id: string,
    added: readonly StoredMessage[] | undefined,
  ): Promise<ProfileProjection | undefined> {
    const resolved = state.graph.profile(id)
    if (!resolved) return undefined
    // A profile made only of messages just stored, or whose earlier messages are cached, needs no
    // read back from the log; the counts guard against a membership change the cache missed.
    const total = resolved.messageIds.length
    const cached = added ? state.cache.get(resolved.id) : undefined
    const messages =
      added && added.length === total
        ? [...added]
        : added && cached && cached.length + added.length === total
          ? [...cached, ...added]
          : await this.store.getMessagesByIds(workspaceId, resolved.messageIds)
    state.cache.set(resolved.id, messages)
    const history = state.graph.history(resolved.id)
    const projected = buildProfile(resolved, messages, history, this.options.journey)
    const identifiersKey = resolved.identifiers.map(identifierKey).join('\n')
    const previous = state.written.get(resolved.id)
    state.written.set(resolved.id, {
      messageCount: resolved.messageIds.length,
      identifiersKey,
      historyLength: history.length,
    })
    if (
      !previous ||
      !added ||
      previous.messageCount + added.length !== resolved.messageIds.length
    ) {
      return projected
    }
    return {
      ...projected,
      messages: added.map((stored) => ({ seq: stored.seq, timestamp: stored.timestamp })),
      appendMessages: true,
      history: previous.historyLength === history.length ? undefined : projected.history,
      identifiersChanged: previous.identifiersKey !== identifiersKey,
    }
  }

  private async rebuildNow(workspaceId: string): Promise<{ profiles: number; messages: number }> {
    this.states.delete(workspaceId)
    const state = await this.stateOf(workspaceId)
    state.forwards.clear()
    const last = await this.store.lastSeq(workspaceId)
    await this.store.clearDerived(workspaceId)
    const all = state.graph.profiles()
    let messages = 0
    for (let i = 0; i < all.length; i += this.options.chunkSize) {
      const profiles: ProfileProjection[] = []
      for (const resolved of all.slice(i, i + this.options.chunkSize)) {
        const projected = await this.project(workspaceId, state, resolved.id, undefined)
        if (!projected) continue
        messages += projected.messages.length
        profiles.push(projected)
      }
      await this.store.applyProjection(workspaceId, { profiles, removedProfiles: [] })
    }
    await this.store.applyProjection(workspaceId, {
      profiles: [],
      removedProfiles: [],
      watermark: last,
      messageIdentifiers: state.unrecorded.splice(0),
    })
    return { profiles: all.length, messages }
  }
}

function identityRecord(record: StoredIdentityRecord): IdentityRecord {
  const identifiers =
    record.identifiers ??
    (record.message
      ? extractIdentifiers(record.message).identifiers.map(({ type, value }) => ({ type, value }))
      : [])
  return { messageId: record.messageId, timestamp: record.timestamp, identifiers }
}
