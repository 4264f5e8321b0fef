import { parseCanonicalIso, rawMessageTime } from '../profiles/message-order.js'
import type { Message } from '../spec/index.js'
import { shortHash } from './hash.js'

/**
 * Epoch milliseconds of an ISO-8601 timestamp: the canonical form (what the collector stores)
 * through {@link parseCanonicalIso}, anything else through `Date.parse`; `-Infinity` when
 * absent or invalid, so untimed messages sort first.
 */
export function parseTime(text: string | undefined): number {
  if (text === undefined) return Number.NEGATIVE_INFINITY
  const fast = parseCanonicalIso(text)
  if (!Number.isNaN(fast)) return fast
  const parsed = Date.parse(text)
  return Number.isNaN(parsed) ? Number.NEGATIVE_INFINITY : parsed
}

/**
 * The time a message is ordered by: `timestamp` (the collector stores the clock-skew-corrected
 * time there), else `originalTimestamp`, else `receivedAt`. Untimed messages sort first.
 */
export function messageTime(message: Message): number {
  return parseTime(rawMessageTime(message))
}

/**
 * The message's `messageId`, or for a message without one a deterministic id derived from its
 * content (`derived_` + a hash of its JSON), so identical copies count as duplicates.
 */
export function messageIdOf(message: Message): string {
  const id = message.messageId
  if (id !== undefined && id !== '') return id
  return `derived_${shortHash(JSON.stringify(message))}`
}
