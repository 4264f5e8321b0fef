import { grow32 } from './state.js'
import type { Stitcher } from './stitcher.js'
import { StringTable } from './string-table.js'

/**
 * Finds profile nodes by id. Ingest creates a node per new profile but lookups by id are rare,
 * so ids are indexed lazily: each lookup first indexes the nodes created since the last one.
 */
export class ProfileIdIndex {
  private readonly ids = new StringTable()
  private nodeAt = new Int32Array(1024).fill(-1)
  private indexed = 0

  constructor(private readonly engine: Stitcher) {}

  /** The node most recently created with this id (a replay can recreate an id), or -1. */
  nodeOf(id: string): number {
    const engine = this.engine
    for (; this.indexed < engine.profileCount; this.indexed++) {
      const i = this.ids.intern(engine.profileId(this.indexed))
      if (i >= this.nodeAt.length) this.nodeAt = grow32(this.nodeAt, i * 2)
      this.nodeAt[i] = this.indexed
    }
    const i = this.ids.find(id)
    return i < 0 ? -1 : this.nodeAt[i]!
  }

  /** The live profile whose own id this is (not a merged-away one), or -1. */
  liveNodeOf(id: string): number {
    const p = this.nodeOf(id)
    return p >= 0 && this.engine.isLiveRoot(p) ? p : -1
  }
}
