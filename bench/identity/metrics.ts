// Clustering quality against ground truth: B-cubed over messages, plus over-merge counts.

/** Quality of a predicted clustering of messages. */
export interface ClusterQuality {
  precision: number
  recall: number
  f1: number
  profiles: number
  /** Predicted clusters holding messages of more than one true person. */
  overMerged: number
  /** Predicted clusters holding identified (userId) messages of two or more true people. */
  falseMergesOfKnownUsers: number
  largestCluster: number
}

/**
 * B-cubed precision/recall over records (messages), computed from the contingency table so no
 * pair list is built. `predicted[i]` and `truth[i]` are cluster labels of message i.
 */
export function clusterQuality(
  predicted: Int32Array,
  truth: Int32Array,
  known: Uint8Array,
): ClusterQuality {
  const n = predicted.length
  const predSize = new Map<number, number>()
  const trueSize = new Map<number, number>()
  const joint = new Map<number, Map<number, number>>()
  const knownPeople = new Map<number, Set<number>>()
  for (let i = 0; i < n; i++) {
    const p = predicted[i]!
    const t = truth[i]!
    predSize.set(p, (predSize.get(p) ?? 0) + 1)
    trueSize.set(t, (trueSize.get(t) ?? 0) + 1)
    let row = joint.get(p)
    if (!row) joint.set(p, (row = new Map()))
    row.set(t, (row.get(t) ?? 0) + 1)
    if (known[i]) {
      let people = knownPeople.get(p)
      if (!people) knownPeople.set(p, (people = new Set()))
      people.add(t)
    }
  }
  let precision = 0
  let recall = 0
  let overMerged = 0
  let largest = 0
  for (const [p, row] of joint) {
    const size = predSize.get(p)!
    largest = Math.max(largest, size)
    if (row.size > 1) overMerged++
    for (const [t, count] of row) {
      precision += (count * count) / size
      recall += (count * count) / trueSize.get(t)!
    }
  }
  precision /= n
  recall /= n
  let falseMerges = 0
  for (const people of knownPeople.values()) if (people.size > 1) falseMerges++
  return {
    precision,
    recall,
    f1: (2 * precision * recall) / (precision + recall),
    profiles: predSize.size,
    overMerged,
    falseMergesOfKnownUsers: falseMerges,
    largestCluster: largest,
  }
}
