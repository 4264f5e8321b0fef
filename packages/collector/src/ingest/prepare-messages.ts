import { correctTimestamp, type Message } from '@itinera/core'
import { randomUUID } from 'node:crypto'
import type { NewMessage } from '../storage/types.js'

// A measured skew includes the request's time in transit; below this it is latency, not a wrong
// clock, and correcting it would reorder a device's events across its batches.
const SKEW_TOLERANCE_MS = 2_000

/**
 * Turns a validated message into what the raw log stores: a messageId (generated when absent),
 * `timestamp` corrected for clock skew, the client's `originalTimestamp` and `sentAt` kept, and
 * `receivedAt` stamped by the server; serialized once, here (twice when a string holds U+0000).
 */
export function prepareMessage(
  input: Message,
  receivedAtMs: number,
  receivedAt = new Date(receivedAtMs).toISOString(),
): NewMessage & { body: string } {
  const prepared = prepareAsSent(input, receivedAtMs, receivedAt)
  // JSON writes U+0000 as an escape: the common case costs one scan of the body.
  if (!prepared.body.includes('\\u0000')) return prepared
  return prepareAsSent(withoutNul(input), receivedAtMs, receivedAt)
}

/**
 * `value` with every U+0000 (NUL) in its strings and keys replaced by U+FFFD: PostgreSQL cannot
 * store NUL in text, and both stores keep the same data. Retries carry the same NULs, so they are
 * still duplicates.
 */
export function withoutNul<T>(value: T): T {
  if (typeof value === 'string') return value.replaceAll('\u0000', '\uFFFD') as T
  if (Array.isArray(value)) return value.map((item: unknown) => withoutNul(item)) as T
  if (value === null || typeof value !== 'object') return value
  // fromEntries defines keys as own data properties, `__proto__` included.
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [withoutNul(key), withoutNul(item)]),
  ) as T
}

function prepareAsSent(
  message: Message,
  receivedAtMs: number,
  receivedAt: string,
): NewMessage & { body: string } {
  const time = correctTimestamp(
    {
      timestamp: message.timestamp ?? message.originalTimestamp,
      sentAt: message.sentAt,
      receivedAt: receivedAtMs,
    },
    { toleranceMs: SKEW_TOLERANCE_MS },
  )
  const messageId = message.messageId ?? randomUUID()
  const stored: Message & { writeKey?: unknown } = {
    ...message,
    messageId,
    timestamp: time.timestamp,
    originalTimestamp: time.originalTimestamp,
    sentAt: message.sentAt,
    receivedAt,
  }
  // Rare (the key usually travels in a header); one copy per message is the common case.
  if ('writeKey' in stored) delete stored.writeKey
  return {
    messageId,
    type: message.type,
    timestamp: time.timestamp,
    receivedAt,
    skewMs: time.skewMs,
    message: stored,
    body: JSON.stringify(stored),
  }
}
