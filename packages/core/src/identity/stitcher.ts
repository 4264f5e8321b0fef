import { AuditTrail, MERGE, RECOMPUTED, REFUSED, SHARED_MARK } from './audit-trail.js'
import { profileIdOfHash } from './hash.js'
import { ringAdd, ringJoin, ringMembers } from './rings.js'
import { AUTO_SHARED, BLOCKED, IdentityState, SHARED } from './state.js'
import type { HistoryEntry, Identifier, MergeRecord, RefusalRule, RefusedLink } from './types.js'

const OK = 0
const MAX_IDENTIFIERS = -1
const MAX_MERGES = -2

/**
 * The merge rules, applied to one message at a time in `(timestamp, messageId)` order:
 * identifiers are visited by priority; the first linking one anchors the message; each
 * further one joins the anchor's profile only if every limit and cap still holds.
 */
export class Stitcher extends IdentityState {
  /** Records of the message being processed, for {@link IngestResult}. */
  collecting = -1
  collectedMerges: MergeRecord[] = []
  collectedRefusals: RefusedLink[] = []
  /** True while a component is being replayed. */
  replaying = false
  /** Merged-away or discarded id -> the id it now resolves to (graph mode only). */
  forwards: Map<string, string> | undefined
  onForward: ((from: string, to: string) => void) | undefined
  /** Merges, refusals and recomputes per profile node (audit only). */
  readonly trail: AuditTrail | undefined = this.audit ? new AuditTrail() : undefined

  /** Processes message `m`; returns its profile root. */
  stitch(m: number): number {
    const start = this.msgIdentStart[m]!
    const end = start + this.msgIdentLen[m]!
    const pool = this.pool
    let profile = -1
    let anchor = -1
    let anchorK = -1
    let firstShared = -1
    for (let k = start; k < end; k++) {
      const x = pool[k]!
      const flags = this.identFlags[x]!
      if ((flags & BLOCKED) !== 0) continue
      if ((flags & SHARED) !== 0) {
        if (firstShared < 0) firstShared = x
        continue
      }
      const px = this.profileOfIdentifier(x)
      if (profile < 0) {
        anchor = x
        anchorK = k
        if (px >= 0) profile = px
        else {
          profile = this.createProfile(m)
          this.addIdentifier(profile, x)
        }
        continue
      }
      if (px === profile) continue
      if (px < 0) {
        const verdict = this.canAdd(profile, this.identType[x]!)
        if (verdict === OK) {
          this.addIdentifier(profile, x)
          if (this.audit) this.noteLink(anchorK, k)
        } else this.refuse(m, profile, anchor, x, -1, verdict)
      } else {
        const verdict = this.canMerge(profile, px)
        if (verdict === OK) {
          profile = this.merge(profile, px, m, anchor, x)
          if (this.audit) this.noteLink(anchorK, k)
        } else this.refuse(m, profile, anchor, x, px, verdict)
      }
    }
    if (profile < 0) {
      const px = firstShared < 0 ? -1 : this.profileOfIdentifier(firstShared)
      if (px >= 0) profile = px
      else {
        profile = this.createProfile(m)
        if (firstShared >= 0) this.addIdentifier(profile, firstShared)
      }
    }
    // A shared value links nothing, but a profile may still hold it while it has no other holder.
    if (firstShared >= 0) this.keepShared(profile, anchorK, start, end)
    this.attach(m, profile)
    return profile
  }

  private keepShared(profile: number, anchorK: number, start: number, end: number) {
    for (let k = start; k < end; k++) {
      const x = this.pool[k]!
      if ((this.identFlags[x]! & SHARED) === 0 || (this.identFlags[x]! & BLOCKED) !== 0) continue
      if (this.identProfile[x]! >= 0 || this.canAdd(profile, this.identType[x]!) !== OK) continue
      this.addIdentifier(profile, x)
      if (this.audit && anchorK >= 0) this.noteLink(anchorK, k)
    }
  }

  private createProfile(m: number): number {
    const p = this.newProfile(m)
    // Only a replay can recreate an id that was forwarded away.
    if (this.replaying && this.forwards) this.forwards.delete(this.profileId(p))
    return p
  }

  /** The id of profile node `p`: derived from its earliest message. */
  profileId(p: number): string {
    let stored = this.pIdHash[p]!
    if (stored === 0) {
      stored = this.messages.cyrb53At(this.pEarliest[p]!) + 1
      this.pIdHash[p] = stored
    }
    return profileIdOfHash(stored - 1)
  }

  private addIdentifier(p: number, x: number): void {
    this.identProfile[x] = p
    this.pIdentCount[p]!++
    this.pTypeCounts[p * this.stride + this.identType[x]!]!++
    this.pIdentHead[p] = ringAdd(this.identNext, this.pIdentHead[p]!, x)
  }

  private attach(m: number, p: number): void {
    this.msgProfile[m] = p
    if (!this.messageLists) return
    this.pMsgHead[p] = ringAdd(this.msgNext, this.pMsgHead[p]!, m)
  }

  private canAdd(p: number, t: number): number {
    if (this.pTypeCounts[p * this.stride + t]! + 1 > this.typeLimit[t]!) return t + 1
    if (this.pIdentCount[p]! + 1 > this.options.maxIdentifiers) return MAX_IDENTIFIERS
    return OK
  }

  private canMerge(p: number, q: number): number {
    const counts = this.pTypeCounts
    const stride = this.stride
    for (const t of this.typesByRank) {
      if (counts[p * stride + t]! + counts[q * stride + t]! > this.typeLimit[t]!) return t + 1
    }
    if (this.pIdentCount[p]! + this.pIdentCount[q]! > this.options.maxIdentifiers) {
      return MAX_IDENTIFIERS
    }
    if (this.pMerges[p]! + this.pMerges[q]! + 1 > this.options.maxMerges) return MAX_MERGES
    return OK
  }

  private merge(p: number, q: number, m: number, anchor: number, x: number): number {
    const older = this.compareMessages(this.pEarliest[p]!, this.pEarliest[q]!) <= 0
    const survivor = older ? p : q
    const absorbed = older ? q : p
    this.pParent[absorbed] = survivor
    this.pIdentCount[survivor]! += this.pIdentCount[absorbed]!
    this.pMerges[survivor] = this.pMerges[survivor]! + this.pMerges[absorbed]! + 1
    const stride = this.stride
    for (let t = 0; t < this.typeNames.length; t++) {
      this.pTypeCounts[survivor * stride + t]! += this.pTypeCounts[absorbed * stride + t]!
    }
    this.concatIdentifiers(survivor, absorbed)
    if (this.messageLists) this.concatMessages(survivor, absorbed)
    const trail = this.trail
    if (trail) {
      trail.join(survivor, absorbed)
      const row = trail.add(
        { kind: MERGE, m, p: survivor, q: absorbed, x: anchor, y: x, detail: 0 },
        survivor,
      )
      if (this.collecting === m) this.collectedMerges.push(this.entryAt(row) as MergeRecord)
    }
    if (this.forwards) {
      const absorbedId = this.profileId(absorbed)
      const survivorId = this.profileId(survivor)
      this.forwards.set(absorbedId, survivorId)
      this.onForward?.(absorbedId, survivorId)
    }
    return survivor
  }

  private concatIdentifiers(survivor: number, absorbed: number): void {
    const heads = this.pIdentHead
    heads[survivor] = ringJoin(this.identNext, heads[survivor]!, heads[absorbed]!)
  }

  private concatMessages(survivor: number, absorbed: number): void {
    const heads = this.pMsgHead
    heads[survivor] = ringJoin(this.msgNext, heads[survivor]!, heads[absorbed]!)
  }

  private refuse(m: number, p: number, anchor: number, x: number, px: number, verdict: number) {
    // A value refused by different higher-priority identifiers is a hub (family laptop, sales@).
    const conflictType = verdict > 0 ? verdict - 1 : -1
    const hub =
      conflictType >= 0 && this.typeRank[conflictType]! < this.typeRank[this.identType[x]!]!
    let becameShared = false
    if (hub && this.identLastAnchor[x] !== anchor) {
      this.identLastAnchor[x] = anchor
      if (this.identRefusals[x]! < 255) this.identRefusals[x]!++
      if (this.identRefusals[x]! >= this.options.sharedAfter) {
        this.identFlags[x]! |= AUTO_SHARED
        becameShared = true
      }
    }
    const trail = this.trail
    if (!trail) return
    const row = trail.add({ kind: REFUSED, m, p, q: px, x: anchor, y: x, detail: verdict }, p)
    if (px >= 0) trail.attach(row, px)
    if (this.collecting === m) this.collectedRefusals.push(this.entryAt(row) as RefusedLink)
    if (becameShared) {
      const holder = px >= 0 ? px : p
      trail.add({ kind: SHARED_MARK, m, p: holder, q: -1, x, y: -1, detail: 0 }, holder)
    }
  }

  private refusalRule(verdict: number): RefusalRule {
    if (verdict === MAX_IDENTIFIERS)
      return { rule: 'max_identifiers', limit: this.options.maxIdentifiers }
    if (verdict === MAX_MERGES) return { rule: 'max_merges', limit: this.options.maxMerges }
    const t = verdict - 1
    return { rule: 'limit', type: this.typeNames[t]!, limit: this.typeLimit[t]! }
  }

  /** The audit trail of root `p`, oldest record first (empty without audit). */
  historyOf(p: number): HistoryEntry[] {
    const trail = this.trail
    if (!trail) return []
    return trail.rowsOf(p).map((row) => this.entryAt(row))
  }

  /** The record in row `row` of the trail, as the object the API returns. */
  private entryAt(row: number): HistoryEntry {
    const trail = this.trail!
    const kind = trail.kind[row]!
    if (kind === RECOMPUTED) return trail.causeAt(row)
    const m = trail.m[row]!
    const messageId = this.messageIdAt(m)
    const timestamp = this.timeTextOf(m)
    const x = trail.x[row]!
    if (kind === SHARED_MARK) {
      return { kind: 'shared', messageId, timestamp, identifier: this.identifierAt(x) }
    }
    const y = trail.y[row]!
    if (kind === MERGE) {
      return {
        kind: 'merge',
        messageId,
        timestamp,
        survivor: this.profileId(trail.p[row]!),
        absorbed: this.profileId(trail.q[row]!),
        link: [this.identifierAt(x), this.identifierAt(y)],
      }
    }
    const q = trail.q[row]!
    return {
      kind: 'refused',
      messageId,
      timestamp,
      profileId: this.profileId(trail.p[row]!),
      anchor: this.identifierAt(x),
      identifier: this.identifierAt(y),
      otherProfileId: q < 0 ? undefined : this.profileId(q),
      reason: this.refusalRule(trail.detail[row]!),
    }
  }

  /** `{ type, value }` of identifier index `x`. */
  identifierAt(x: number): Identifier {
    return { type: this.typeNames[this.identType[x]!]!, value: this.identValueAt(x) }
  }

  /** The identifiers of root `p`, by priority then value. */
  identifiersOf(p: number): Identifier[] {
    const list = ringMembers(this.identNext, this.pIdentHead[p]!, [])
    // Insertion sort: profiles hold a handful of identifiers.
    for (let i = 1; i < list.length; i++) {
      const x = list[i]!
      let at = i
      while (at > 0 && this.compareIdentifiers(list[at - 1]!, x) > 0) {
        list[at] = list[at - 1]!
        at--
      }
      list[at] = x
    }
    const identifiers: Identifier[] = new Array<Identifier>(list.length)
    for (let i = 0; i < list.length; i++) identifiers[i] = this.identifierAt(list[i]!)
    return identifiers
  }

  /** Priority, then type name, then value. */
  compareIdentifiers(a: number, b: number): number {
    const ta = this.identType[a]!
    const tb = this.identType[b]!
    if (ta !== tb) {
      const byRank = this.typeRank[ta]! - this.typeRank[tb]!
      if (byRank !== 0) return byRank
      return this.typeNames[ta]! < this.typeNames[tb]! ? -1 : 1
    }
    return this.identifiers.compareKeys(a, b)
  }

  /** The messages (indices) of root `p`, in key order. */
  messagesOf(p: number): number[] {
    const list = ringMembers(this.msgNext, this.pMsgHead[p]!, [])
    return list.sort((a, b) => this.compareMessages(a, b))
  }

  /** The message ids of root `p`, in key order. */
  messageIdsOf(p: number): string[] {
    return this.messagesOf(p).map((m) => this.messageIdAt(m))
  }
}
