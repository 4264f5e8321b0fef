import { cyrb53, cyrb53Units } from './hash.js'
import { grown, table } from './typed-arrays.js'

/** Most bytes per arena chunk: positions are `chunk << CHUNK_BITS | offset` in an Int32. */
const CHUNK_BITS = 16
const CHUNK_SIZE = 1 << CHUNK_BITS
const CHUNK_MASK = CHUNK_SIZE - 1
/** Longest key kept in the arena; longer keys, and keys beyond Latin-1, stay strings. */
const MAX_ARENA_KEY = 255

/**
 * Interns `(tag, key)` pairs to dense indices `0, 1, 2, …` in insertion order. The engine's
 * hot path is one lookup per identifier and one per messageId, so this replaces `Map` with
 * open addressing over a typed array of `[signature, index]` pairs: one probe finds or
 * inserts, and the signature (24 hash bits and the 8-bit tag) rejects almost every mismatch
 * without touching the other key, which at a million keys is a cache miss (bench/identity).
 *
 * Keys are kept as bytes, one per UTF-16 code unit, in an arena of chunks of up to 64 KiB: a
 * 19-character messageId takes 24 bytes there (with its length and position) where, by V8's
 * layout, a string takes 40 and its slot in an array 8. Keys with a code unit above 0xFF, or longer than
 * {@link MAX_ARENA_KEY}, are rare and stay strings.
 */
export class StringTable {
  /** Tags by index (the engine stores identifier types here). */
  tags: Uint8Array
  private count = 0
  /**
   * Arena position of each key, or `-1 - w` for a key kept as `wide[w]`. At the position, a
   * byte gives the key's length and its code units follow: one load brings both in.
   */
  private starts: Int32Array
  private chunks: Uint8Array[] = []
  /** Next free arena position. */
  private end = 0
  private readonly wide: string[] = []
  /** The keys as strings, in a table made to keep them so (no arena then). */
  private readonly strings: string[] | undefined
  private slots: Int32Array
  private mask: number
  /** `32 - log2(slot count)`: {@link slotOf} keeps the top bits of a multiplicative hash. */
  private shift: number
  /** Hash and slot of the last {@link probe} that missed, for {@link insertProbed}. */
  private probedHash = 0
  private probedSlot = -1
  private probedKey: string | undefined
  private probedTag = 0
  /** Signatures of the keys of the current {@link internMany} call. */
  private manySignatures = new Int32Array(256)
  /** Keeps the warm-up loads of {@link internMany} from being optimized away. */
  private touched = 0

  /**
   * @param capacity expected number of keys.
   * @param keepStrings keep each key as the string it came as, not as bytes: for a short-lived
   *   table whose caller holds those strings anyway (the batch holds its input), it saves
   *   copying keys in and building strings back out.
   */
  constructor(capacity = 1024, keepStrings = false) {
    this.strings = keepStrings ? [] : undefined
    let size = 1024
    while (size * 3 < capacity * 4) size *= 2
    this.slots = table(Int32Array, size * 2).fill(-1)
    this.mask = size - 1
    this.shift = 32 - Math.log2(size)
    const rows = Math.max(capacity, 1024)
    this.tags = table(Uint8Array, rows)
    this.starts = table(Int32Array, keepStrings ? 0 : rows)
  }

  get size(): number {
    return this.count
  }

  /** The key of index `index`. */
  keyAt(index: number): string {
    if (this.strings !== undefined) return this.strings[index]!
    const start = this.starts[index]!
    if (start < 0) return this.wide[-1 - start]!
    const chunk = this.chunks[start >>> CHUNK_BITS]!
    const at = (start & CHUNK_MASK) + 1
    const units = chunk.subarray(at, at + chunk[at - 1]!)
    return String.fromCharCode.apply(null, units as unknown as number[])
  }

  /** {@link cyrb53} of the key of index `index`, without building the string. */
  cyrb53At(index: number): number {
    if (this.strings !== undefined) return cyrb53(this.strings[index]!)
    const start = this.starts[index]!
    if (start < 0) return cyrb53(this.wide[-1 - start]!)
    const chunk = this.chunks[start >>> CHUNK_BITS]!
    const at = (start & CHUNK_MASK) + 1
    return cyrb53Units(chunk, at, at + chunk[at - 1]!)
  }

  /** Code-unit order of the keys of two indices, as `<` orders strings. */
  compareKeys(a: number, b: number): number {
    if (this.strings === undefined) {
      const sa = this.starts[a]!
      const sb = this.starts[b]!
      if (sa >= 0 && sb >= 0) return this.compareInArena(sa, sb)
    }
    const ka = this.keyAt(a)
    const kb = this.keyAt(b)
    return ka < kb ? -1 : ka > kb ? 1 : 0
  }

  /** {@link compareKeys} of two keys in the arena, at positions `sa` and `sb`. */
  private compareInArena(sa: number, sb: number): number {
    const ca = this.chunks[sa >>> CHUNK_BITS]!
    const cb = this.chunks[sb >>> CHUNK_BITS]!
    const oa = (sa & CHUNK_MASK) + 1
    const ob = (sb & CHUNK_MASK) + 1
    const la = ca[oa - 1]!
    const lb = cb[ob - 1]!
    const n = la < lb ? la : lb
    for (let i = 0; i < n; i++) {
      const d = ca[oa + i]! - cb[ob + i]!
      if (d !== 0) return d < 0 ? -1 : 1
    }
    return la === lb ? 0 : la < lb ? -1 : 1
  }

  /** True when index `index` holds `key`. */
  private holds(index: number, key: string): boolean {
    if (this.strings !== undefined) return this.strings[index] === key
    const start = this.starts[index]!
    if (start < 0) return this.wide[-1 - start] === key
    const chunk = this.chunks[start >>> CHUNK_BITS]!
    const at = (start & CHUNK_MASK) + 1
    const n = chunk[at - 1]!
    if (n !== key.length) return false
    for (let i = 0; i < n; i++) if (chunk[at + i] !== key.charCodeAt(i)) return false
    return true
  }

  /** Stores `key` for index `index`: in the arena when it fits there, else as a string. */
  private storeKey(index: number, key: string): void {
    const n = key.length
    if (n <= MAX_ARENA_KEY) {
      let start = this.end
      let chunk = this.chunks[start >>> CHUNK_BITS]
      if (chunk === undefined || (start & CHUNK_MASK) + n + 1 > chunk.length) {
        start = this.newChunk()
        chunk = this.chunks[start >>> CHUNK_BITS]!
      }
      const at = (start & CHUNK_MASK) + 1
      let i = 0
      for (; i < n; i++) {
        const unit = key.charCodeAt(i)
        if (unit > 0xff) break
        chunk[at + i] = unit
      }
      if (i === n) {
        chunk[at - 1] = n
        this.starts[index] = start
        this.end = start + n + 1
        return
      }
    }
    this.starts[index] = -1 - this.wide.length
    this.wide.push(key)
  }

  /**
   * Opens a chunk and returns its first position. The first chunks are smaller (1 KiB, then
   * doubling), so a small table, such as a small workspace's graph, stays small.
   */
  private newChunk(): number {
    // Positions are non-negative Int32s: at most 2^15 chunks of at most 64 KiB.
    if (this.chunks.length >= 1 << (31 - CHUNK_BITS)) {
      throw new RangeError('StringTable holds its limit of keys (2 GiB)')
    }
    const small = this.chunks.length < 6
    this.chunks.push(table(Uint8Array, small ? 1024 << this.chunks.length : CHUNK_SIZE))
    this.end = (this.chunks.length - 1) << CHUNK_BITS
    return this.end
  }

  /** Index of `(tag, key)`, or -1. */
  find(key: string, tag = 0): number {
    return this.slots[2 * this.locate(key, signature(key, tag)) + 1]!
  }

  /**
   * Index of `(tag, key)`, or -1; a miss remembers where the pair belongs, so a following
   * {@link insertProbed} of the same pair needs no second lookup.
   */
  probe(key: string, tag = 0): number {
    const hash = signature(key, tag)
    const s = this.locate(key, hash)
    const index = this.slots[2 * s + 1]!
    if (index < 0) {
      this.probedHash = hash
      this.probedSlot = s
      this.probedKey = key
      this.probedTag = tag
    }
    return index
  }

  /** The slot holding the pair with this signature and key, or the empty slot where it belongs. */
  private locate(key: string, hash: number): number {
    const slots = this.slots
    const mask = this.mask
    for (let s = slotOf(hash, this.shift); ; s = (s + 1) & mask) {
      const index = slots[2 * s + 1]!
      if (index < 0 || (slots[2 * s] === hash && this.holds(index, key))) return s
    }
  }

  /** Adds the pair of the last missed {@link probe}; returns its index. */
  insertProbed(key: string, tag = 0): number {
    const s = this.probedSlot
    if (s < 0 || key !== this.probedKey || tag !== this.probedTag) {
      throw new Error('insertProbed needs a missed probe of the same key first')
    }
    this.probedSlot = -1
    this.probedKey = undefined
    return this.insertAt(s, key, tag, this.probedHash)
  }

  private insertAt(s: number, key: string, tag: number, hash: number): number {
    const index = this.count++
    if (index >= this.tags.length) {
      const rows = this.tags.length * 2
      this.tags = grown(this.tags, rows)
      if (this.strings === undefined) this.starts = grown(this.starts, rows)
    }
    this.tags[index] = tag
    if (this.strings !== undefined) this.strings.push(key)
    else this.storeKey(index, key)
    this.slots[2 * s] = hash
    this.slots[2 * s + 1] = index
    // Keep the load factor at most 3/4: probe chains stay short, and the signatures keep a
    // longer chain from touching other keys.
    if (this.count * 4 > (this.mask + 1) * 3) this.grow()
    return index
  }

  /** Index of `(tag, key)`, added when new. */
  intern(key: string, tag = 0): number {
    const index = this.probe(key, tag)
    return index >= 0 ? index : this.insertProbed(key, tag)
  }

  /**
   * Interns `keys[0 … count)` (tag `tags[i]`, or 0) and writes each index to `out[i]`: the same
   * as calling {@link intern} on each in order, faster for many keys. Lookups in a large table
   * wait on memory; here the first slot and stored key of every pair are loaded in one loop of
   * independent loads, which the CPU overlaps, before the in-order pass finds or inserts them
   * (about twice as fast over the 2.9 million ids of bench/identity's stream).
   */
  internMany(
    keys: readonly string[],
    tags: Uint8Array | undefined,
    count: number,
    out: Int32Array,
  ): void {
    if (this.manySignatures.length < count) this.manySignatures = new Int32Array(count * 2)
    const signatures = this.manySignatures
    for (let i = 0; i < count; i++) signatures[i] = signature(keys[i]!, tags ? tags[i]! : 0)
    const slots = this.slots
    const starts = this.starts
    const chunks = this.chunks
    const strings = this.strings
    let touched = 0
    for (let i = 0; i < count; i++) {
      const index = slots[2 * slotOf(signatures[i]!, this.shift) + 1]!
      if (index < 0) continue
      if (strings !== undefined) {
        touched += strings[index]!.length
        continue
      }
      const start = starts[index]!
      if (start < 0) continue
      // The key's first and last bytes: a key may straddle two cache lines.
      const chunk = chunks[start >>> CHUNK_BITS]!
      const at = start & CHUNK_MASK
      touched += chunk[at + chunk[at]!]!
    }
    this.touched = touched
    for (let i = 0; i < count; i++) {
      const key = keys[i]!
      const hash = signatures[i]!
      const s = this.locate(key, hash)
      const index = this.slots[2 * s + 1]!
      out[i] = index >= 0 ? index : this.insertAt(s, key, tags ? tags[i]! : 0, hash)
    }
  }

  private grow(): void {
    const old = this.slots
    const size = (this.mask + 1) * 2
    const mask = size - 1
    const shift = this.shift - 1
    const slots = table(Int32Array, size * 2).fill(-1)
    for (let i = 0; i < old.length; i += 2) {
      const index = old[i + 1]!
      if (index < 0) continue
      const hash = old[i]!
      let s = slotOf(hash, shift)
      while (slots[2 * s + 1]! >= 0) s = (s + 1) & mask
      slots[2 * s] = hash
      slots[2 * s + 1] = index
    }
    this.slots = slots
    this.mask = mask
    this.shift = shift
  }
}

/** Home slot of a signature: Fibonacci hashing over all 32 bits, tag included. */
function slotOf(signature: number, shift: number): number {
  return Math.imul(signature, 0x9e3779b1) >>> shift
}

/**
 * The slot signature of `(tag, key)`: a hash whose low 8 bits are replaced by the tag, so
 * equal signatures and equal keys mean equal pairs. Slots come from the high bits.
 */
function signature(key: string, tag: number): number {
  return (hashKey(key) & ~0xff) | tag
}

/**
 * A 32-bit hash of `key`: two multiply-xor lanes over alternate code units, then a
 * murmur-style finalizer so every bit depends on every character.
 */
function hashKey(key: string): number {
  let a = 0x9e3779b9
  let b = 0x85ebca6b ^ key.length
  const n = key.length
  let i = 0
  for (; i + 1 < n; i += 2) {
    a = Math.imul(a ^ key.charCodeAt(i), 0x01000193)
    b = Math.imul(b ^ key.charCodeAt(i + 1), 0x5bd1e995)
  }
  if (i < n) a = Math.imul(a ^ key.charCodeAt(i), 0x01000193)
  a ^= Math.imul(b ^ (b >>> 15), 0x27d4eb2d)
  a ^= a >>> 16
  a = Math.imul(a, 0x85ebca6b)
  a ^= a >>> 13
  a = Math.imul(a, 0xc2b2ae35)
  return a ^ (a >>> 16)
}
