import { correctTimestamp, type Message } from '@itinera/core'
import { randomUUID } from 'node:crypto'
import type { NewMessage } from '../storage/types.js'

// A measured skew includes the request's time in transit; below this it is latency, not a wrong
// clock, and correcting it would reorder a device's events across its batches.
const SKEW_TOLERANCE_MS = 2_000

/**
 * Turns a validated message into what the raw log stores: a messageId (generated when absent),
 * `timestamp` corrected for clock skew, the client's `originalTimestamp` and `sentAt` kept, and
 * `receivedAt` stamped by the server; serialized once, here.
 */
export function prepareMessage(
  message: Message,
  receivedAtMs: number,
  receivedAt = new Date(receivedAtMs).toISOString(),
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
