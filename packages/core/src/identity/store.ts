import type { Identifier } from './types.js'

/** What the graph persists about one message: enough to replay it. */
export interface StoredMessage {
  messageId: string
  /** The ISO time the message is ordered by, when it had one. */
  timestamp: string | undefined
  /** Its normalized identifiers, in priority order. */
  identifiers: Identifier[]
}

/** An operator decision or a deletion tombstone. */
export type IdentityMark =
  | { kind: 'shared' | 'blocked' | 'suppressed'; identifier: Identifier }
  | { kind: 'erased'; messageId: string }

/**
 * Durable state of an {@link IdentityGraph}: the message log, operator marks and id forwards.
 * The graph keeps its indexes in memory and rebuilds them from the store when constructed,
 * so a database-backed store (the collector's SQLite) only needs these synchronous calls.
 */
export interface IdentityStore {
  /** Every stored message, in any order. */
  loadMessages(): Iterable<StoredMessage>
  /** Persists an ingested message (called once per new message id). */
  putMessage(record: StoredMessage): void
  /** Forgets a message removed by a deletion request. */
  deleteMessage(messageId: string): void
  /** Every mark, in the order they were put. */
  loadMarks(): Iterable<IdentityMark>
  /** Persists an operator decision or tombstone. */
  putMark(mark: IdentityMark): void
  /** Every forward `from -> to` (merged-away or recomputed profile ids), latest last. */
  loadForwards(): Iterable<readonly [from: string, to: string]>
  /** Persists that profile id `from` now resolves to `to` (a later call for `from` wins). */
  putForward(from: string, to: string): void
}

/**
 * An {@link IdentityStore} in memory: for tests, examples and single-process use.
 * @example
 * const store = createMemoryIdentityStore()
 * const graph = new IdentityGraph({ store })
 */
export function createMemoryIdentityStore(): IdentityStore {
  const messages = new Map<string, StoredMessage>()
  const marks: IdentityMark[] = []
  const forwards = new Map<string, string>()
  return {
    loadMessages: () => messages.values(),
    putMessage: (record) => void messages.set(record.messageId, record),
    deleteMessage: (messageId) => void messages.delete(messageId),
    loadMarks: () => marks.values(),
    putMark: (mark) => void marks.push(mark),
    loadForwards: () => forwards.entries(),
    putForward: (from, to) => {
      forwards.delete(from)
      forwards.set(from, to)
    },
  }
}
