// Circular singly linked lists over typed arrays, used for the identifiers and messages of
// profiles and raw components. A list is named by any one member (its entry), so it needs no
// tail pointer: adding is O(1) after the entry, and two lists join in O(1) by swapping their
// entries' successors. Order is not kept; every reader sorts.

/** Adds `item` to the ring entered at `entry` (-1 for none); returns the ring's entry. */
export function ringAdd(next: Int32Array, entry: number, item: number): number {
  if (entry < 0) {
    next[item] = item
    return item
  }
  next[item] = next[entry]!
  next[entry] = item
  return entry
}

/** Joins the rings entered at `a` and `b` (disjoint; -1 for none); returns the joined entry. */
export function ringJoin(next: Int32Array, a: number, b: number): number {
  if (a < 0) return b
  if (b < 0) return a
  const afterA = next[a]!
  next[a] = next[b]!
  next[b] = afterA
  return a
}

/** Appends the members of the ring entered at `entry` (-1 for none) to `out`. */
export function ringMembers(next: Int32Array, entry: number, out: number[]): number[] {
  if (entry < 0) return out
  let item = entry
  do {
    out.push(item)
    item = next[item]!
  } while (item !== entry)
  return out
}
