import type { ProjectionChange } from '../types.js'

/** A row of `profile_merges`: lookups of `mergedId` resolve to `survivorId`. */
export interface MergeRow {
  mergedId: string
  survivorId: string
}

/**
 * The merge rows after removing profiles one by one, as the SQLite store does it: each removal
 * with a survivor repoints the ids merged into the removed one, then records its own merge.
 * `existing` holds the stored rows whose survivor is one of the removed ids; the result holds
 * every row that the removals wrote (to upsert in one statement).
 */
export function mergeRowsAfter(
  existing: readonly MergeRow[],
  removed: ProjectionChange['removedProfiles'],
): MergeRow[] {
  const survivorOf = new Map<string, string>()
  const mergedInto = new Map<string, Set<string>>()
  const point = (mergedId: string, survivorId: string) => {
    survivorOf.set(mergedId, survivorId)
    const merged = mergedInto.get(survivorId) ?? new Set<string>()
    merged.add(mergedId)
    mergedInto.set(survivorId, merged)
  }
  for (const row of existing) point(row.mergedId, row.survivorId)
  const written = new Set<string>()
  for (const { id, survivorId } of removed) {
    if (survivorId === undefined || survivorId === id) continue
    for (const mergedId of mergedInto.get(id) ?? []) {
      point(mergedId, survivorId)
      written.add(mergedId)
    }
    mergedInto.delete(id)
    const previous = survivorOf.get(id)
    if (previous !== undefined) mergedInto.get(previous)?.delete(id)
    point(id, survivorId)
    written.add(id)
  }
  return [...survivorOf]
    .filter(([mergedId]) => written.has(mergedId))
    .map(([mergedId, survivorId]) => ({ mergedId, survivorId }))
}

/** The removed ids whose merges a removal can repoint: those removed into a survivor. */
export const mergeTargets = (removed: ProjectionChange['removedProfiles']): string[] =>
  removed.flatMap(({ id, survivorId }) =>
    survivorId === undefined || survivorId === id ? [] : [id],
  )
