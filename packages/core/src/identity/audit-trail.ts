import { ringAdd, ringJoin, ringMembers } from './rings.js'
import { grown } from './typed-arrays.js'
import type { RecomputedRecord } from './types.js'

/** Record kinds: what each row of the trail describes. */
export const MERGE = 1
export const REFUSED = 2
export const SHARED_MARK = 3
export const RECOMPUTED = 4

/** Fields of one record; what `p`, `q`, `x`, `y` and `detail` hold depends on the kind. */
export interface TrailRecord {
  kind: number
  /** The message (index) that caused it, or -1. */
  m: number
  /** MERGE: survivor node; REFUSED: the message's profile node. */
  p: number
  /** MERGE: absorbed node; REFUSED: the node holding `y`, or -1. */
  q: number
  /** MERGE and REFUSED: the anchor identifier; SHARED_MARK: the identifier. */
  x: number
  /** MERGE and REFUSED: the identifier linked or refused. */
  y: number
  /** REFUSED: the rule's verdict code. */
  detail: number
}

const INITIAL_ROWS = 256

/**
 * The audit trail kept as rows of typed arrays instead of one object graph per record: at a
 * million messages the objects (identifiers, ids and timestamps as strings) cost about 30 MB,
 * the rows and their index about 5 MB (bench/identity). Readers build objects on demand.
 *
 * A row belongs to the history of one or two profile nodes (a refused link is in both); each
 * membership is a node `row * 2 + slot` in a per-profile ring, so two histories join in O(1)
 * on a merge. A row is reused once no history holds it.
 */
export class AuditTrail {
  kind = new Uint8Array(INITIAL_ROWS)
  m = new Int32Array(INITIAL_ROWS)
  p = new Int32Array(INITIAL_ROWS)
  q = new Int32Array(INITIAL_ROWS)
  x = new Int32Array(INITIAL_ROWS)
  y = new Int32Array(INITIAL_ROWS)
  detail = new Int32Array(INITIAL_ROWS)
  /** Creation order: histories read oldest first, whatever slot a row reuses. */
  private seq = new Int32Array(INITIAL_ROWS)
  private refs = new Uint8Array(INITIAL_ROWS)
  private next = new Int32Array(INITIAL_ROWS * 2)
  /** Ring entry of the history of each profile node that has one (most never do). */
  private readonly head = new Map<number, number>()
  private rows = 0
  private created = 0
  private readonly free: number[] = []
  /** RECOMPUTED records keep their cause object here; `detail` indexes it. */
  private readonly causes: (RecomputedRecord | undefined)[] = []
  private readonly causeRefs: number[] = []

  /** Adds a record to the history of node `profile`; returns its row. */
  add(record: TrailRecord, profile: number): number {
    const row = this.free.pop() ?? this.newRow()
    this.kind[row] = record.kind
    this.m[row] = record.m
    this.p[row] = record.p
    this.q[row] = record.q
    this.x[row] = record.x
    this.y[row] = record.y
    this.detail[row] = record.detail
    this.seq[row] = this.created++
    this.refs[row] = 0
    this.attach(row, profile)
    return row
  }

  /** Adds `row` to the history of a second node. */
  attach(row: number, profile: number): void {
    const slot = this.refs[row]!
    if (slot > 1) throw new Error('an audit record belongs to at most two histories')
    this.refs[row] = slot + 1
    this.head.set(profile, ringAdd(this.next, this.head.get(profile) ?? -1, row * 2 + slot))
  }

  /**
   * Records that a recompute rebuilt each of `profiles` (one cause object for all). With no
   * profile left (an erasure), nothing is kept: not even the erased message ids of the cause.
   */
  addRecomputed(cause: RecomputedRecord, profiles: Iterable<number>): void {
    const rebuilt = [...profiles]
    if (rebuilt.length === 0) return
    const index = this.causes.length
    this.causes.push(cause)
    this.causeRefs.push(rebuilt.length)
    for (const profile of rebuilt) {
      this.add({ kind: RECOMPUTED, m: -1, p: profile, q: -1, x: -1, y: -1, detail: index }, profile)
    }
  }

  /** The cause object of a RECOMPUTED row. */
  causeAt(row: number): RecomputedRecord {
    return this.causes[this.detail[row]!]!
  }

  /** Moves the history of node `absorbed` into that of `survivor`. */
  join(survivor: number, absorbed: number): void {
    const other = this.head.get(absorbed)
    if (other === undefined) return
    this.head.set(survivor, ringJoin(this.next, this.head.get(survivor) ?? -1, other))
    this.head.delete(absorbed)
  }

  /** Forgets the history of node `profile`, freeing rows no other history holds. */
  drop(profile: number): void {
    const entry = this.head.get(profile)
    if (entry === undefined) return
    for (const node of ringMembers(this.next, entry, [])) {
      const row = node >> 1
      if (--this.refs[row]! > 0) continue
      if (this.kind[row] === RECOMPUTED) this.releaseCause(this.detail[row]!)
      this.kind[row] = 0
      this.free.push(row)
    }
    this.head.delete(profile)
  }

  /**
   * Rows of the history of node `profile`, oldest first; a row reached twice (a refused link
   * whose two profiles later merged) and a cause recorded on both sides of a merge appear once.
   */
  rowsOf(profile: number): number[] {
    const rows: number[] = []
    const seenCauses = new Set<number>()
    const nodes = ringMembers(this.next, this.head.get(profile) ?? -1, [])
    nodes.sort((a, b) => this.seq[a >> 1]! - this.seq[b >> 1]!)
    let last = -1
    for (const node of nodes) {
      const row = node >> 1
      if (row === last) continue
      last = row
      if (this.kind[row] === RECOMPUTED) {
        const cause = this.detail[row]!
        if (seenCauses.has(cause)) continue
        seenCauses.add(cause)
      }
      rows.push(row)
    }
    return rows
  }

  private releaseCause(index: number): void {
    if (--this.causeRefs[index]! === 0) this.causes[index] = undefined
  }

  private newRow(): number {
    const row = this.rows++
    // Half again, not double: at a million messages the slack of doubling is a megabyte or two.
    if (row >= this.kind.length) this.growRows(Math.ceil(row * 1.5))
    return row
  }

  private growRows(size: number): void {
    this.kind = grown(this.kind, size)
    this.m = grown(this.m, size)
    this.p = grown(this.p, size)
    this.q = grown(this.q, size)
    this.x = grown(this.x, size)
    this.y = grown(this.y, size)
    this.detail = grown(this.detail, size)
    this.seq = grown(this.seq, size)
    this.refs = grown(this.refs, size)
    this.next = grown(this.next, size * 2)
  }
}
