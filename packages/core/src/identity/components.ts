import { ProfileIdIndex } from './profile-ids.js'
import { ringAdd, ringJoin, ringMembers } from './rings.js'
import { AUTO_SHARED, BLOCKED, findRoot, grow32 } from './state.js'
import { Stitcher } from './stitcher.js'
import type { RecomputedRecord } from './types.js'

/**
 * Incremental stitching. Besides the profiles it keeps the raw components (identifiers joined by
 * any message, ignoring the rules): the rules only ever read state inside one raw component,
 * so replaying one component in key order gives exactly the batch result for it.
 */
export class ComponentEngine extends Stitcher {
  rawParent = new Int32Array(1024).fill(-1)
  /** Ring of the identifiers of each raw component (a root is a member of its own ring). */
  rawIdentNext = new Int32Array(1024).fill(-1)
  /** Entry of each raw root's ring of messages (linked through `msgRawNext`), or -1. */
  rawMsgHead = new Int32Array(1024).fill(-1)
  /** Latest message (in key order) of each raw root. */
  rawLatest = new Int32Array(1024).fill(-1)
  msgRawNext = new Int32Array(1024).fill(-1)
  /** Profile nodes by id. */
  readonly profileIds = new ProfileIdIndex(this)

  protected override onGrowIdentifiers(size: number): void {
    this.rawParent = grow32(this.rawParent, size)
    this.rawIdentNext = grow32(this.rawIdentNext, size)
    this.rawMsgHead = grow32(this.rawMsgHead, size)
    this.rawLatest = grow32(this.rawLatest, size)
  }

  protected override onGrowMessages(size: number): void {
    this.msgRawNext = grow32(this.msgRawNext, size)
  }

  protected override onNewIdentifiers(from: number, to: number): void {
    for (let x = from; x < to; x++) this.resetRaw(x)
  }

  private resetRaw(x: number): void {
    this.rawParent[x] = x
    this.rawIdentNext[x] = x
    this.rawMsgHead[x] = -1
    this.rawLatest[x] = -1
  }

  /** Raw root of identifier `x`. */
  rawFind(x: number): number {
    return findRoot(this.rawParent, x)
  }

  /**
   * True when the message last {@link link}ed sorts before the latest message of a raw component
   * it touched (the latest of the joined component is the latest of its parts): it arrived late.
   */
  linkedLate = false

  /** Joins the raw components of message `m`'s identifiers and files `m` there. */
  link(m: number): number {
    const start = this.msgIdentStart[m]!
    const end = start + this.msgIdentLen[m]!
    let root = -1
    for (let k = start; k < end; k++) {
      const x = this.pool[k]!
      if ((this.identFlags[x]! & BLOCKED) !== 0) continue
      const r = this.rawFind(x)
      root = root < 0 ? r : this.rawUnion(root, r)
    }
    this.linkedLate = false
    if (root < 0) return -1
    this.rawMsgHead[root] = ringAdd(this.msgRawNext, this.rawMsgHead[root]!, m)
    const latest = this.rawLatest[root]!
    // Distinct messages never compare equal: their messageIds differ.
    if (latest >= 0 && this.compareMessages(m, latest) < 0) this.linkedLate = true
    else this.rawLatest[root] = m
    return root
  }

  private rawUnion(a: number, b: number): number {
    if (a === b) return a
    this.rawParent[b] = a
    ringJoin(this.rawIdentNext, a, b)
    this.rawMsgHead[a] = ringJoin(this.msgRawNext, this.rawMsgHead[a]!, this.rawMsgHead[b]!)
    const lb = this.rawLatest[b]!
    const la = this.rawLatest[a]!
    if (lb >= 0 && (la < 0 || this.compareMessages(la, lb) < 0)) this.rawLatest[a] = lb
    return a
  }

  /**
   * Replays the raw components containing `seeds` (identifier indices) in key order, so their
   * profiles equal a sorted replay; old profile ids forward to the new profile of their earliest
   * surviving message. With `audit`, `cause` is added to the history of each rebuilt profile.
   */
  recompute(seeds: readonly number[], cause?: RecomputedRecord): void {
    const roots = new Set<number>()
    for (const x of seeds) roots.add(this.rawFind(x))
    const identifiers: number[] = []
    const messages: number[] = []
    for (const root of roots) {
      ringMembers(this.rawIdentNext, root, identifiers)
      ringMembers(this.msgRawNext, this.rawMsgHead[root]!, messages)
    }
    // Old profiles: remember each one's earliest surviving message to forward its id.
    const oldRoots = new Map<number, number>()
    const note = (p: number, m: number) => {
      if (p < 0) return
      const root = this.find(p)
      if (!oldRoots.has(root)) oldRoots.set(root, -1)
      if (m < 0 || this.msgDeleted[m] !== 0) return
      const best = oldRoots.get(root)!
      if (best < 0 || this.compareMessages(m, best) < 0) oldRoots.set(root, m)
    }
    for (const x of identifiers) note(this.identProfile[x]!, -1)
    for (const m of messages) note(this.msgProfile[m]!, m)
    const oldIds: [id: string, best: number, earliest: number][] = []
    for (const [root, best] of oldRoots) {
      const id = this.profileId(root)
      this.pRetired[root] = 1
      this.trail?.drop(root)
      oldIds.push([id, best, this.pEarliest[root]!])
    }
    for (const x of identifiers) {
      this.identProfile[x] = -1
      this.identFlags[x]! &= ~AUTO_SHARED
      this.identRefusals[x] = 0
      this.identLastAnchor[x] = -1
      this.identNext[x] = -1
      this.resetRaw(x)
    }
    if (this.audit) for (const m of messages) this.clearLinks(m)
    const live = messages.filter((m) => this.msgDeleted[m] === 0)
    live.sort((a, b) => this.compareMessages(a, b))
    this.replaying = true
    for (const m of live) {
      this.msgProfile[m] = -1
      this.link(m)
      this.stitch(m)
    }
    this.replaying = false
    // An id derives from its node's earliest message: an old id is live again when the replay
    // ended with a profile whose earliest message is the old profile's.
    const liveEarliest = new Set<number>()
    for (const m of live) liveEarliest.add(this.pEarliest[this.find(this.msgProfile[m]!)]!)
    for (const [id, best, earliest] of oldIds) {
      if (liveEarliest.has(earliest)) continue
      if (best < 0) {
        this.forwards?.delete(id)
        continue
      }
      const target = this.profileId(this.find(this.msgProfile[best]!))
      this.forwards?.set(id, target)
      this.onForward?.(id, target)
    }
    if (cause && this.trail) {
      const touched = new Set<number>()
      for (const m of live) touched.add(this.find(this.msgProfile[m]!))
      this.trail.addRecomputed(cause, touched)
    }
  }
}
