import { messageIdOf, messageTime } from '../profiles/message-order.js'
import type { Message } from '../spec/index.js'
import { readIdentifiers } from './extract.js'
import { normalizeOrReject } from './normalize.js'
import { typeOptions } from './options.js'
import type { ResolvedIdentityOptions, ResolvedTypeOptions } from './options.js'
import { StringTable } from './string-table.js'
import { grown, table } from './typed-arrays.js'

/** Identifier flags. */
export const AUTO_SHARED = 1
export const MARKED_SHARED = 2
export const BLOCKED = 4
export const SUPPRESSED = 8
export const SHARED = AUTO_SHARED | MARKED_SHARED

/** Identifiers kept per message; more are ignored. */
const MAX_MESSAGE_IDENTIFIERS = 255
/** Messages per block of {@link IdentityState.addBlock}, the most one call takes. */
export const INTAKE_BLOCK = 128

/** Union-find: the root of `x` in the forest `parent`, compressing the path on the way. */
export function findRoot(parent: Int32Array, x: number): number {
  let root = x
  while (parent[root] !== root) root = parent[root]!
  while (parent[x] !== root) {
    const next = parent[x]!
    parent[x] = root
    x = next
  }
  return root
}

/** An index array grown to `size`; the new cells hold `fill` (-1: none). */
export const grow32 = <T extends Int32Array>(array: T, size: number, fill = -1): T =>
  grown(array, size, fill)

/**
 * The engine's memory: interned identifiers, union-find profile nodes and message records in
 * growable typed arrays (bench/identity measures bytes per identifier). Indices, not objects.
 */
export class IdentityState {
  readonly options: ResolvedIdentityOptions
  readonly audit: boolean

  // Identifier types, interned to small integers.
  typeNames: string[] = []
  typeRank: number[] = []
  typeLimit: number[] = []
  typeSettings: ResolvedTypeOptions[] = []
  /** Type indices by priority (then name). */
  typesByRank: number[] = []
  private typeIndex = new Map<string, number>()
  /** Type-count cells per profile: the configured types, widened when custom types appear. */
  stride: number

  // Identifiers: `identifiers` interns (type, value); its keys and tags are the values and types.
  identifiers: StringTable
  identCount = 0
  identProfile = new Int32Array(1024).fill(-1)
  identFlags = new Uint8Array(1024)
  identRefusals = new Uint8Array(1024)
  identLastAnchor = new Int32Array(1024).fill(-1)
  identNext = new Int32Array(1024).fill(-1)

  // Profile nodes (union-find over profiles; a root is a live profile).
  profileCount = 0
  pParent = new Int32Array(1024)
  pIdentCount = new Int32Array(1024)
  pMerges = new Int32Array(1024)
  pTypeCounts: Uint16Array
  pEarliest = new Int32Array(1024)
  /** Entry of each profile's ring of identifiers (linked through `identNext`), or -1. */
  pIdentHead = new Int32Array(1024).fill(-1)
  /** Entry of each profile's ring of messages (linked through `msgNext`), or -1. */
  pMsgHead = new Int32Array(1024).fill(-1)
  /** 1 for nodes a recompute or deletion discarded: their ids forward elsewhere. */
  pRetired = new Uint8Array(1024)
  /**
   * Hash of each node's id plus one (0: not computed yet), kept once computed since a node's
   * earliest message never changes. Numbers, not the id strings: at a million messages the
   * strings took 23 MB, the hashes take 4 (bench/identity).
   */
  pIdHash = new Float64Array(1024)

  // Messages: `messages` interns messageIds, so a message's index is its position there.
  messages: StringTable
  msgCount = 0
  msgTime = new Float64Array(1024)
  msgProfile = new Int32Array(1024).fill(-1)
  msgNext = new Int32Array(1024).fill(-1)
  msgIdentStart = new Int32Array(1024)
  msgIdentLen = new Uint8Array(1024)
  msgDeleted = new Uint8Array(1024)
  pool = new Int32Array(4096)
  poolSize = 0
  /**
   * Evidence (audit only), one bit per pool entry: set on the identifiers a message joined
   * together (its anchor and each identifier it linked to it). `explain` rebuilds one profile's
   * links from its messages, so no edge list is kept (15 MB at a million messages).
   */
  private poolLinks = new Uint8Array(0)

  /** How many identifiers carry the SUPPRESSED flag (skips lookups while there are none). */
  suppressedCount = 0
  // Identifiers of the message being added; `scratchCount` of them are current (a counter,
  // not `length = 0`, which is a runtime call per message).
  private scratchCount = 0
  private scratchType = new Uint8Array(64)
  private scratchValue: string[] = []
  /** Interned indices of the scratch identifiers, reused across calls. */
  private interned = new Int32Array(256)

  /** Keep per-profile message lists (`profile()` needs them; the batch groups by sort order). */
  readonly messageLists: boolean

  /**
   * @param capacity expected number of messages, when known: arrays are sized once instead of
   *   doubling, which saves garbage and major GCs on large batches (bench/identity). Only for
   *   the base engine: subclass arrays do not exist yet while this constructor runs.
   * @param keepStrings keep identifier values and messageIds as the strings they came as (a
   *   batch, which holds its input anyway) instead of as bytes ({@link StringTable}).
   */
  constructor(
    options: ResolvedIdentityOptions,
    audit: boolean,
    capacity = 0,
    messageLists = true,
    keepStrings = false,
  ) {
    this.options = options
    this.audit = audit
    if (audit) this.poolLinks = new Uint8Array(this.pool.length >> 3)
    this.messageLists = messageLists
    this.stride = Math.max(1, options.types.size)
    this.pTypeCounts = new Uint16Array(1024 * this.stride)
    this.identifiers = new StringTable(capacity, keepStrings)
    this.messages = new StringTable(capacity, keepStrings)
    if (capacity > 1024) {
      this.growMessages(capacity)
      this.growIdentifiers(capacity)
      this.growProfiles(capacity >> 1)
    }
    for (const name of options.types.keys()) this.typeOf(name)
  }

  /** Interned index of a type name. */
  typeOf(name: string): number {
    const known = this.typeIndex.get(name)
    if (known !== undefined) return known
    const index = this.typeNames.length
    if (index >= 255) return -1
    const settings = typeOptions(this.options, name)
    this.typeIndex.set(name, index)
    this.typeNames.push(name)
    this.typeRank.push(settings.priority)
    this.typeLimit.push(settings.limit)
    this.typeSettings.push(settings)
    this.typesByRank = this.typeNames
      .map((_, i) => i)
      .sort(
        (a, b) =>
          this.typeRank[a]! - this.typeRank[b]! ||
          (this.typeNames[a]! < this.typeNames[b]! ? -1 : 1),
      )
    if (index >= this.stride) this.widenTypeCounts()
    return index
  }

  private widenTypeCounts(): void {
    // Half again, not double: one custom type beside the five built-in ones would otherwise
    // leave four of ten cells per profile empty (bench/identity).
    const stride = this.stride + Math.max(2, this.stride >> 1)
    const next = table(Uint16Array, (this.pTypeCounts.length / this.stride) * stride)
    for (let p = 0; p < this.profileCount; p++) {
      for (let t = 0; t < this.stride; t++)
        next[p * stride + t] = this.pTypeCounts[p * this.stride + t]!
    }
    this.pTypeCounts = next
    this.stride = stride
  }

  /** The normalized value of identifier `x`. */
  identValueAt(x: number): string {
    return this.identifiers.keyAt(x)
  }

  /** The messageId of message `m`. */
  messageIdAt(m: number): string {
    return this.messages.keyAt(m)
  }

  /** Type index of each identifier (the table's tags). */
  get identType(): Uint8Array {
    return this.identifiers.tags
  }

  /** Index of an existing identifier, or -1. */
  findIdentifier(type: string, value: string): number {
    const t = this.typeIndex.get(type)
    if (t === undefined) return -1
    return this.identifiers.find(value, t)
  }

  /** Index of an identifier, interning it when new. */
  intern(t: number, value: string): number {
    const table = this.identifiers
    const known = table.probe(value, t)
    if (known >= 0) return known
    const x = table.insertProbed(value, t)
    this.identifiersAdded(x + 1)
    return x
  }

  /** Makes room for identifiers interned up to `count` and announces the new ones. */
  private identifiersAdded(count: number): void {
    const from = this.identCount
    this.identCount = count
    if (count > this.identProfile.length) {
      this.growIdentifiers(Math.max(count, this.identProfile.length * 2))
    }
    this.onNewIdentifiers(from, count)
  }

  /** Hook for subclasses: identifiers `from … to - 1` were just interned. */
  protected onNewIdentifiers(_from: number, _to: number): void {}

  private growIdentifiers(size: number): void {
    this.identProfile = grow32(this.identProfile, size)
    this.identFlags = grown(this.identFlags, size)
    this.identRefusals = grown(this.identRefusals, size)
    this.identLastAnchor = grow32(this.identLastAnchor, size)
    this.identNext = grow32(this.identNext, size)
    this.onGrowIdentifiers(size)
  }

  /** Hook for subclasses that keep more per-identifier arrays. */
  protected onGrowIdentifiers(_size: number): void {}

  /** A fresh profile node whose earliest message is `m`. */
  newProfile(m: number): number {
    const p = this.profileCount++
    if (p >= this.pParent.length) this.growProfiles(p * 2)
    this.pParent[p] = p
    this.pEarliest[p] = m
    return p
  }

  private growProfiles(size: number): void {
    this.pParent = grow32(this.pParent, size, 0)
    this.pIdentCount = grow32(this.pIdentCount, size, 0)
    this.pMerges = grow32(this.pMerges, size, 0)
    this.pEarliest = grow32(this.pEarliest, size, 0)
    this.pIdentHead = grow32(this.pIdentHead, size)
    this.pRetired = grown(this.pRetired, size)
    this.pIdHash = grown(this.pIdHash, size)
    if (this.messageLists) {
      this.pMsgHead = grow32(this.pMsgHead, size)
    }
    const counts = table(Uint16Array, size * this.stride)
    counts.set(this.pTypeCounts)
    this.pTypeCounts = counts
  }

  /** Root profile of node `p`, compressing the path. */
  find(p: number): number {
    return findRoot(this.pParent, p)
  }

  /** True when node `p` is a live profile: a root not discarded by a recompute. */
  isLiveRoot(p: number): boolean {
    return this.pParent[p] === p && this.pRetired[p] === 0
  }

  /** Live profile root of identifier `x`, or -1. */
  profileOfIdentifier(x: number): number {
    const p = this.identProfile[x]!
    return p < 0 ? -1 : this.find(p)
  }

  /** Extracts and normalizes the identifiers of a message into the scratch buffers. */
  collect(message: Message): void {
    this.scratchCount = 0
    readIdentifiers(message, this.sink)
  }

  private sink = (typeName: string, raw: string): void => {
    const t = this.typeOf(typeName)
    if (t < 0) return
    const value = normalizeOrReject(raw, this.typeSettings[t]!, this.options)
    if (typeof value !== 'string') return
    this.pushScratch(t, value)
  }

  private pushScratch(t: number, value: string): void {
    if (this.scratchCount === this.scratchType.length) {
      this.scratchType = grown(this.scratchType, this.scratchCount * 2)
    }
    this.scratchType[this.scratchCount] = t
    this.scratchValue[this.scratchCount++] = value
  }

  /** True when a collected identifier is a suppressed (erased) identifier. */
  collectedSuppressed(): boolean {
    if (this.suppressedCount === 0) return false
    for (let i = 0; i < this.scratchCount; i++) {
      const x = this.identifiers.find(this.scratchValue[i]!, this.scratchType[i]!)
      if (x >= 0 && (this.identFlags[x]! & SUPPRESSED) !== 0) return true
    }
    return false
  }

  /** The collected identifiers as `{ type, value }` records (for the store), as many as are kept. */
  collectedPairs(): { type: string; value: string }[] {
    return this.scratchPairs(0, Math.min(this.scratchCount, MAX_MESSAGE_IDENTIFIERS))
  }

  /** Scratch identifiers `[from, to)` as `{ type, value }` records. */
  private scratchPairs(from: number, to: number): { type: string; value: string }[] {
    const pairs: { type: string; value: string }[] = []
    for (let k = from; k < to; k++) {
      pairs.push({ type: this.typeNames[this.scratchType[k]!]!, value: this.scratchValue[k]! })
    }
    return pairs
  }

  /** Replaces the scratch buffers with already-normalized identifiers (store records). */
  setCollected(identifiers: readonly { type: string; value: string }[]): void {
    this.scratchCount = 0
    for (const { type, value } of identifiers) {
      const t = this.typeOf(type)
      if (t < 0) continue
      this.pushScratch(t, value)
    }
  }

  /** Index of a known messageId, or -1 (a miss prepares {@link addMessage} of that id). */
  probeMessage(id: string): number {
    return this.messages.probe(id)
  }

  /**
   * Records a message with the collected identifiers, in priority order, deduplicated. The
   * id must be new and the subject of the last {@link probeMessage}.
   */
  addMessage(id: string, time: number): number {
    const m = this.messages.insertProbed(id)
    this.msgCount = m + 1
    if (m >= this.msgTime.length) this.growMessages(m * 2)
    this.msgTime[m] = time
    const count = Math.min(this.scratchCount, MAX_MESSAGE_IDENTIFIERS)
    const interned = this.blockIdents(count)
    for (let i = 0; i < count; i++) {
      interned[i] = this.intern(this.scratchType[i]!, this.scratchValue[i]!)
    }
    this.placeIdentifiers(m, interned, 0, count)
    return m
  }

  /**
   * Batch intake: adds each message whose id is new, in order, exactly as
   * {@link probeMessage}, {@link collect} and {@link addMessage} would one message at a time.
   */
  addMessages(messages: readonly Message[]): void {
    for (let base = 0; base < messages.length; base += INTAKE_BLOCK) {
      this.addBlock(messages, base, Math.min(INTAKE_BLOCK, messages.length - base))
    }
  }

  // What the last {@link addBlock} did, per message of the block and per fresh message.
  /** Message index of each message of the block: new, or the known one its id repeats. */
  readonly blockFound = new Int32Array(INTAKE_BLOCK)
  /** 1 where the message was added by this block. */
  readonly blockFresh = new Uint8Array(INTAKE_BLOCK)
  /** The f-th fresh message's identifiers are scratch `[blockStarts[f], blockStarts[f + 1])`. */
  readonly blockStarts = new Int32Array(INTAKE_BLOCK + 1)
  private readonly blockIds: string[] = new Array<string>(INTAKE_BLOCK)

  /**
   * Adds each message of `messages[base … base + count)` (at most one block) whose id is new,
   * exactly as {@link probeMessage}, {@link collect} and {@link addMessage} would one at a
   * time. The block's messageIds, then its identifiers, are looked up together
   * ({@link StringTable.internMany}): the lookups wait on memory, and together they overlap.
   * The fresh messages are not linked or stitched; {@link blockFound}, {@link blockFresh} and
   * {@link blockStarts} say what was added.
   */
  addBlock(messages: readonly Message[], base: number, count: number): void {
    const n = Math.min(count, INTAKE_BLOCK)
    const ids = this.blockIds
    const found = this.blockFound
    const fresh = this.blockFresh
    const starts = this.blockStarts
    for (let i = 0; i < n; i++) ids[i] = messageIdOf(messages[base + i]!)
    let next = this.messages.size
    this.messages.internMany(ids, undefined, n, found)
    this.scratchCount = 0
    let freshCount = 0
    const added = next
    for (let i = 0; i < n; i++) {
      // A new id was inserted in order, so it got the next index; anything else repeats one.
      if (found[i] !== next) {
        fresh[i] = 0
        continue
      }
      fresh[i] = 1
      const m = next++
      const message = messages[base + i]!
      if (m >= this.msgTime.length) this.growMessages(m * 2)
      this.msgTime[m] = messageTime(message)
      const start = this.scratchCount
      readIdentifiers(message, this.sink)
      this.scratchCount = Math.min(this.scratchCount, start + MAX_MESSAGE_IDENTIFIERS)
      starts[freshCount++] = start
    }
    starts[freshCount] = this.scratchCount
    this.msgCount = next
    const interned = this.blockIdents(this.scratchCount)
    this.identifiers.internMany(this.scratchValue, this.scratchType, this.scratchCount, interned)
    if (this.identifiers.size > this.identCount) this.identifiersAdded(this.identifiers.size)
    for (let f = 0; f < freshCount; f++) {
      this.placeIdentifiers(added + f, interned, starts[f]!, starts[f + 1]!)
    }
  }

  /** The messageId of the i-th message of the last {@link addBlock}. */
  blockMessageId(i: number): string {
    return this.blockIds[i]!
  }

  /** The identifiers collected for the f-th fresh message of the last {@link addBlock}. */
  blockPairs(f: number): { type: string; value: string }[] {
    return this.scratchPairs(this.blockStarts[f]!, this.blockStarts[f + 1]!)
  }

  private blockIdents(count: number): Int32Array {
    if (this.interned.length < count) this.interned = new Int32Array(count * 2)
    return this.interned
  }

  /**
   * Stores message `m`'s identifiers `interned[from … to)` in the pool: by priority (ties in
   * reading order), without repeats.
   */
  private placeIdentifiers(m: number, interned: Int32Array, from: number, to: number): void {
    const count = to - from
    if (this.poolSize + count > this.pool.length) {
      const pool = table(Int32Array, Math.max(this.pool.length * 2, this.poolSize + count))
      pool.set(this.pool)
      this.pool = pool
      if (this.audit) this.poolLinks = grown(this.poolLinks, (pool.length >> 3) + 1)
    }
    const start = this.poolSize
    let length = 0
    for (let i = from; i < to; i++) {
      const x = interned[i]!
      const rank = this.typeRank[this.identType[x]!]!
      // Insertion sort by priority; ties keep reading order. Messages carry a handful of ids.
      let at = start + length
      let duplicate = false
      for (let j = start; j < start + length; j++) if (this.pool[j] === x) duplicate = true
      if (duplicate) continue
      while (at > start && this.typeRank[this.identType[this.pool[at - 1]!]!]! > rank) {
        this.pool[at] = this.pool[at - 1]!
        at--
      }
      this.pool[at] = x
      length++
    }
    this.poolSize += length
    this.msgIdentStart[m] = start
    this.msgIdentLen[m] = length
  }

  private growMessages(size: number): void {
    this.msgTime = grown(this.msgTime, size)
    this.msgProfile = grow32(this.msgProfile, size)
    if (this.messageLists) this.msgNext = grow32(this.msgNext, size)
    this.msgIdentStart = grow32(this.msgIdentStart, size, 0)
    this.msgIdentLen = grown(this.msgIdentLen, size)
    this.msgDeleted = grown(this.msgDeleted, size)
    this.onGrowMessages(size)
  }

  /** Hook for subclasses that keep more per-message arrays. */
  protected onGrowMessages(_size: number): void {}

  /** Records that pool entry `k` was linked to the anchor at pool entry `anchorK` (audit only). */
  noteLink(anchorK: number, k: number): void {
    this.poolLinks[anchorK >> 3]! |= 1 << (anchorK & 7)
    this.poolLinks[k >> 3]! |= 1 << (k & 7)
  }

  /** True when the message of pool entry `k` joined that identifier to its others. */
  isLinked(k: number): boolean {
    return ((this.poolLinks[k >> 3]! >> (k & 7)) & 1) !== 0
  }

  /** Forgets the links recorded for message `m` (before it is replayed). */
  clearLinks(m: number): void {
    const start = this.msgIdentStart[m]!
    for (let k = start; k < start + this.msgIdentLen[m]!; k++) {
      this.poolLinks[k >> 3]! &= ~(1 << (k & 7))
    }
  }

  /**
   * The time of message `m` for audit records, as ISO-8601; undefined for an untimed message
   * (time 0). Derived from the parsed time rather than kept as text: a string per message would
   * cost more than the rest of the audit trail.
   */
  timeTextOf(m: number): string | undefined {
    const time = this.msgTime[m]!
    return time === 0 ? undefined : new Date(time).toISOString()
  }

  /** Key order of messages `a` and `b`. */
  compareMessages(a: number, b: number): number {
    const ta = this.msgTime[a]!
    const tb = this.msgTime[b]!
    if (ta !== tb) return ta < tb ? -1 : 1
    return this.messages.compareKeys(a, b)
  }
}
