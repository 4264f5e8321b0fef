/**
 * The `q` quantile (0–1) of ascending-sorted numbers, interpolated linearly between ranks (as
 * DuckDB's `quantile_cont` and numpy's default); `null` for an empty list.
 */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number | null {
  if (sorted.length === 0) return null
  const rank = (sorted.length - 1) * q
  const low = Math.floor(rank)
  const high = Math.ceil(rank)
  const lower = sorted[low] as number
  return lower + ((sorted[high] as number) - lower) * (rank - low)
}

/** Ratio `part / whole`, 0 when `whole` is 0. */
export const ratio = (part: number, whole: number): number => (whole === 0 ? 0 : part / whole)
