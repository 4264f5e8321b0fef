import { formatIssue, isRetryableStatus, type ValidationIssue } from '@itinera/core'
import type { PostResult } from './post'

/** What to do with a batch after its request returned. */
export type Outcome =
  | { kind: 'ack'; rejected: Map<number, string[]> }
  | { kind: 'retry'; retryAfterMs?: number }
  | { kind: 'split' }

interface RejectedEntry {
  index?: unknown
  errors?: unknown
}

/**
 * Sorts a response: 2xx acknowledges; 408, 429, 5xx and network failures retry; 413 splits a
 * batch of several; any other 4xx drops, only the listed messages when the collector lists them.
 */
export function classify(result: PostResult, size: number): Outcome {
  const { status } = result
  if (status >= 200 && status < 300) return { kind: 'ack', rejected: new Map() }
  if (status === 0 || isRetryableStatus(status)) {
    return { kind: 'retry', retryAfterMs: result.retryAfterMs }
  }
  if (status === 413 && size > 1) return { kind: 'split' }
  const rejected = new Map<number, string[]>()
  const listed = (result.body as { rejected?: unknown } | undefined)?.rejected
  if (status === 400 && Array.isArray(listed)) {
    for (const entry of listed as RejectedEntry[]) {
      const index = entry?.index
      if (typeof index !== 'number') continue
      const errors = Array.isArray(entry.errors)
        ? entry.errors.map((e: string | ValidationIssue) =>
            typeof e === 'string' ? e : formatIssue(e),
          )
        : []
      rejected.set(index, errors.length ? errors : [`rejected with HTTP ${status}`])
    }
  }
  if (!rejected.size) {
    for (let i = 0; i < size; i++) rejected.set(i, [`rejected with HTTP ${status}`])
  }
  return { kind: 'ack', rejected }
}
