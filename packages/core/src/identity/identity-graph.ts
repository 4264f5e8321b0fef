import { messageIdOf, parseTime, rawMessageTime } from '../profiles/message-order.js'
import type { Message } from '../spec/index.js'
import { ComponentEngine } from './components.js'
import { normalizeValue } from './normalize.js'
import { resolveIdentityOptions } from './options.js'
import type { IdentityOptions } from './options.js'
import { BLOCKED, INTAKE_BLOCK, MARKED_SHARED, SUPPRESSED } from './state.js'
import type { IdentityStore, StoredMessage } from './store.js'
import type {
  EvidenceStep,
  Explanation,
  HistoryEntry,
  Identifier,
  IngestResult,
  RecomputedRecord,
  ResolvedProfile,
} from './types.js'

/** Options of an {@link IdentityGraph}: the stitching rules plus where state is persisted. */
export interface IdentityGraphOptions extends IdentityOptions {
  /** Durable state; the graph replays it on construction. @default undefined (memory only) */
  store?: IdentityStore
  /** Record merges, refusals and evidence for `history` and `explain`. @default true */
  audit?: boolean
}

const noRecords: readonly never[] = Object.freeze([])

const suppressedResult = (messageId: string): IngestResult => ({
  profileId: undefined,
  messageId,
  duplicate: false,
  suppressed: true,
  recomputed: false,
  merged: noRecords,
  refused: noRecords,
})
const none: Explanation = { sameProfile: false, profileId: undefined, steps: [] }

/**
 * Incremental identity resolution. Ingest messages in any order: the profiles always equal
 * {@link resolveIdentities} over the same messages, late messages included (their components
 * are replayed in `(timestamp, messageId)` order).
 * @example
 * const graph = new IdentityGraph()
 * const { profileId } = graph.ingest(message)
 * graph.profileOf({ type: 'email', value: 'Ann@Example.com' }) // same profileId
 * @see docs/identity.md
 */
export class IdentityGraph {
  private readonly engine: ComponentEngine
  private readonly store: IdentityStore | undefined
  private readonly erased = new Set<string>()

  constructor(options: IdentityGraphOptions = {}) {
    const { store, audit = true, ...rules } = options
    this.engine = new ComponentEngine(resolveIdentityOptions(rules), audit)
    this.engine.forwards = new Map()
    this.store = store
    if (store) this.load(store)
  }

  private load(store: IdentityStore): void {
    const engine = this.engine
    for (const mark of store.loadMarks()) {
      if (mark.kind === 'erased') this.erased.add(mark.messageId)
      else this.flag(mark.identifier, flagOf[mark.kind])
    }
    const added: number[] = []
    for (const record of store.loadMessages()) {
      if (this.erased.has(record.messageId) || engine.probeMessage(record.messageId) >= 0) continue
      engine.setCollected(record.identifiers)
      added.push(engine.addMessage(record.messageId, parseTime(record.timestamp)))
    }
    added.sort((a, b) => engine.compareMessages(a, b))
    for (const m of added) {
      engine.link(m)
      engine.stitch(m)
    }
    for (const [from, to] of store.loadForwards()) {
      if (engine.profileIds.liveNodeOf(from) < 0) engine.forwards!.set(from, to)
    }
    engine.onForward = (from, to) => store.putForward(from, to)
  }

  /** Adds one message; returns its profile and what merged or was refused. */
  ingest(message: Message): IngestResult {
    const engine = this.engine
    const messageId = messageIdOf(message)
    const known = engine.probeMessage(messageId)
    if (known >= 0 || (this.erased.size > 0 && this.erased.has(messageId))) {
      return this.repeated(messageId, known)
    }
    engine.collect(message)
    if (engine.collectedSuppressed()) return suppressedResult(messageId)
    const timestamp = rawMessageTime(message)
    const record: StoredMessage | undefined = this.store
      ? { messageId, timestamp, identifiers: engine.collectedPairs() }
      : undefined
    return this.place(engine.addMessage(messageId, parseTime(timestamp)), messageId, record)
  }

  /**
   * Adds messages in order: the same results and the same graph as calling {@link ingest} on
   * each, faster for many (a request's batch, an import). Messages are taken in blocks whose
   * messageIds, then identifiers, are looked up together, so the lookups overlap their waits on
   * memory (bench/identity).
   */
  ingestMany(messages: readonly Message[]): IngestResult[] {
    const engine = this.engine
    const results = new Array<IngestResult>(messages.length)
    // Erased ids and suppressed identifiers must be checked before anything is interned.
    if (this.erased.size > 0 || engine.suppressedCount > 0) {
      for (let i = 0; i < messages.length; i++) results[i] = this.ingest(messages[i]!)
      return results
    }
    const found = engine.blockFound
    const fresh = engine.blockFresh
    for (let base = 0; base < messages.length; base += INTAKE_BLOCK) {
      const n = Math.min(INTAKE_BLOCK, messages.length - base)
      engine.addBlock(messages, base, n)
      let f = 0
      for (let i = 0; i < n; i++) {
        const m = found[i]!
        const messageId = engine.blockMessageId(i)
        if (fresh[i] === 0) {
          results[base + i] = this.repeated(messageId, m)
          continue
        }
        const record: StoredMessage | undefined = this.store
          ? {
              messageId,
              timestamp: rawMessageTime(messages[base + i]!),
              identifiers: engine.blockPairs(f),
            }
          : undefined
        f++
        results[base + i] = this.place(m, messageId, record)
      }
    }
    return results
  }

  /** The result for a message whose id is known (`m`) or erased (`m` is -1). */
  private repeated(messageId: string, m: number): IngestResult {
    const engine = this.engine
    const suppressed = m < 0 || engine.msgDeleted[m] !== 0
    return {
      profileId: suppressed ? undefined : engine.profileId(engine.find(engine.msgProfile[m]!)),
      messageId,
      duplicate: !suppressed,
      suppressed,
      recomputed: false,
      merged: noRecords,
      refused: noRecords,
    }
  }

  /** Links and stitches the just-added message `m`, replaying its component when it is late. */
  private place(m: number, messageId: string, record: StoredMessage | undefined): IngestResult {
    const engine = this.engine
    engine.collecting = m
    const root = engine.link(m)
    const late = engine.linkedLate
    if (late && root >= 0) engine.recompute([root])
    else engine.stitch(m)
    engine.collecting = -1
    const merged = engine.collectedMerges.length === 0 ? noRecords : engine.collectedMerges
    const refused = engine.collectedRefusals.length === 0 ? noRecords : engine.collectedRefusals
    if (merged.length > 0) engine.collectedMerges = []
    if (refused.length > 0) engine.collectedRefusals = []
    if (record) this.store!.putMessage(record)
    return {
      profileId: engine.profileId(engine.find(engine.msgProfile[m]!)),
      messageId,
      duplicate: false,
      suppressed: false,
      recomputed: late && root >= 0,
      merged,
      refused,
    }
  }

  /** The profile id holding an identifier (normalized first), or undefined. */
  profileOf(identifier: Identifier): string | undefined {
    const x = this.lookup(identifier)
    if (x < 0) return undefined
    const p = this.engine.profileOfIdentifier(x)
    return p < 0 ? undefined : this.engine.profileId(p)
  }

  /** The live profile id that `id` resolves to (itself, or the survivor of a merge), or undefined. */
  resolve(id: string): string | undefined {
    const p = this.node(id)
    return p < 0 ? undefined : this.engine.profileId(p)
  }

  /** A profile by id; a merged-away id resolves to the profile that absorbed it. */
  profile(id: string): ResolvedProfile | undefined {
    const p = this.node(id)
    if (p < 0) return undefined
    const engine = this.engine
    return {
      id: engine.profileId(p),
      identifiers: engine.identifiersOf(p),
      messageIds: engine.messageIdsOf(p),
    }
  }

  /** Every profile, ordered by earliest message: equal to `resolveIdentities` over the same messages. */
  profiles(): ResolvedProfile[] {
    const engine = this.engine
    const roots: number[] = []
    for (let p = 0; p < engine.profileCount; p++) if (engine.isLiveRoot(p)) roots.push(p)
    roots.sort((a, b) => engine.compareMessages(engine.pEarliest[a]!, engine.pEarliest[b]!))
    return roots.map((p) => ({
      id: engine.profileId(p),
      identifiers: engine.identifiersOf(p),
      messageIds: engine.messageIdsOf(p),
    }))
  }

  /** The audit trail of a profile: merges, refused links, shared markings and recomputations. */
  history(id: string): HistoryEntry[] {
    const p = this.node(id)
    if (p < 0) return []
    return this.engine.historyOf(p)
  }

  /**
   * Why `a` and `b` are in one profile: the shortest chain of linking messages between them.
   * The chain needs `audit: true`; without it `steps` is empty.
   */
  explain(a: Identifier, b: Identifier): Explanation {
    const engine = this.engine
    const xa = this.lookup(a)
    const xb = this.lookup(b)
    if (xa < 0 || xb < 0) return none
    const p = engine.profileOfIdentifier(xa)
    if (p < 0 || p !== engine.profileOfIdentifier(xb)) return none
    const profileId = engine.profileId(p)
    if (xa === xb || !engine.audit) return { sameProfile: true, profileId, steps: [] }
    const links = this.linksOf(p)
    // Breadth-first from `a`: `via` holds, per identifier reached, the identifier and message
    // it was reached through.
    const via = new Map<number, { from: number; m: number }>([[xa, { from: -1, m: -1 }]])
    const queue = [xa]
    for (let i = 0; i < queue.length && !via.has(xb); i++) {
      const x = queue[i]!
      const around = links.get(x) ?? []
      for (let j = 0; j < around.length; j += 2) {
        const other = around[j]!
        if (via.has(other)) continue
        via.set(other, { from: x, m: around[j + 1]! })
        queue.push(other)
      }
    }
    const steps: EvidenceStep[] = []
    for (let x = xb; x !== xa;) {
      const step = via.get(x)
      if (step === undefined) return { sameProfile: true, profileId, steps: [] }
      steps.push({
        from: engine.identifierAt(step.from),
        to: engine.identifierAt(x),
        messageId: engine.messageIdAt(step.m),
        timestamp: engine.timeTextOf(step.m),
      })
      x = step.from
    }
    return { sameProfile: true, profileId, steps: steps.reverse() }
  }

  /**
   * The accepted links of profile `p` as adjacency lists (`[identifier, message, …]` per
   * identifier), rebuilt from the evidence its messages recorded. A message joined its linked
   * identifiers to its anchor, so it links every two of them: a chain never spends two steps
   * on one message. Messages are read in key order, so among equally short chains the earliest
   * evidence wins.
   */
  private linksOf(p: number): Map<number, number[]> {
    const engine = this.engine
    const links = new Map<number, number[]>()
    const add = (from: number, to: number, m: number) => {
      const list = links.get(from)
      if (list) list.push(to, m)
      else links.set(from, [to, m])
    }
    const joined: number[] = []
    for (const m of engine.messagesOf(p)) {
      const start = engine.msgIdentStart[m]!
      const end = start + engine.msgIdentLen[m]!
      joined.length = 0
      for (let k = start; k < end; k++) if (engine.isLinked(k)) joined.push(engine.pool[k]!)
      for (let i = 0; i < joined.length; i++) {
        for (let j = i + 1; j < joined.length; j++) {
          add(joined[i]!, joined[j]!, m)
          add(joined[j]!, joined[i]!, m)
        }
      }
    }
    return links
  }

  /** Marks a value as shared: it stops linking and its component is recomputed. */
  markShared(identifier: Identifier): void {
    this.store?.putMark({ kind: 'shared', identifier })
    this.mark(identifier, MARKED_SHARED, 'mark_shared')
  }

  /** Blocks a value: it never links again and its component is recomputed without it. */
  block(identifier: Identifier): void {
    this.store?.putMark({ kind: 'blocked', identifier })
    this.mark(identifier, BLOCKED, 'block')
  }

  /**
   * Deletes messages (a deletion request) and recomputes what they touched. Their ids become
   * tombstones: ingesting them again is a no-op.
   */
  removeMessages(messageIds: readonly string[]): void {
    const engine = this.engine
    const seeds: number[] = []
    for (const id of messageIds) {
      if (this.erased.has(id)) continue
      this.erased.add(id)
      this.store?.putMark({ kind: 'erased', messageId: id })
      this.store?.deleteMessage(id)
      const m = engine.messages.find(id)
      if (m < 0) continue
      engine.msgDeleted[m] = 1
      const start = engine.msgIdentStart[m]!
      let linked = false
      for (let k = start; k < start + engine.msgIdentLen[m]!; k++) {
        const x = engine.pool[k]!
        if ((engine.identFlags[x]! & BLOCKED) === 0) {
          seeds.push(x)
          linked = true
        }
      }
      if (!linked) {
        const root = engine.find(engine.msgProfile[m]!)
        engine.pRetired[root] = 1
        engine.trail?.drop(root)
      }
    }
    if (seeds.length > 0) {
      engine.recompute(seeds, {
        kind: 'recomputed',
        cause: 'remove_messages',
        subjects: [...messageIds],
      })
    }
  }

  /** Tombstones identifiers: any later message carrying one of them is ignored. */
  suppress(identifiers: readonly Identifier[]): void {
    for (const identifier of identifiers) {
      this.store?.putMark({ kind: 'suppressed', identifier })
      this.flag(identifier, SUPPRESSED)
    }
  }

  /**
   * Erases a person: removes every message of the profile and suppresses its identifiers.
   * @returns what was erased, or undefined when the id is unknown
   */
  erase(profileId: string): ResolvedProfile | undefined {
    const profile = this.profile(profileId)
    if (!profile) return undefined
    this.suppress(profile.identifiers)
    this.removeMessages(profile.messageIds)
    return profile
  }

  private mark(identifier: Identifier, flag: number, cause: RecomputedRecord['cause']): void {
    const x = this.flag(identifier, flag)
    if (x < 0) return
    this.engine.recompute([x], {
      kind: 'recomputed',
      cause,
      subjects: [`${identifier.type}:${identifier.value}`],
    })
  }

  private flag(identifier: Identifier, flag: number): number {
    const engine = this.engine
    const t = engine.typeOf(identifier.type)
    if (t < 0) return -1
    const normalized = normalizeValue(identifier.value, engine.typeSettings[t]!, engine.options)
    const value = normalized.ok ? normalized.value : identifier.value
    const x = engine.intern(t, value)
    if ((flag & SUPPRESSED) !== 0 && (engine.identFlags[x]! & SUPPRESSED) === 0) {
      engine.suppressedCount++
    }
    engine.identFlags[x]! |= flag
    return x
  }

  private lookup(identifier: Identifier): number {
    const engine = this.engine
    const t = engine.typeOf(identifier.type)
    if (t < 0) return -1
    const normalized = normalizeValue(identifier.value, engine.typeSettings[t]!, engine.options)
    if (!normalized.ok) return -1
    return engine.findIdentifier(identifier.type, normalized.value)
  }

  private node(id: string): number {
    const engine = this.engine
    let current = id
    for (let hops = 0; hops < 10_000; hops++) {
      const p = engine.profileIds.nodeOf(current)
      if (p >= 0) {
        const root = engine.find(p)
        if (engine.pRetired[root] === 0) return root
      }
      const next = engine.forwards!.get(current)
      if (next === undefined || next === current) return -1
      current = next
    }
    return -1
  }
}

const flagOf = { shared: MARKED_SHARED, blocked: BLOCKED, suppressed: SUPPRESSED } as const
