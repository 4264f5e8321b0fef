import type { Message } from '../spec/index.js'
import { contentHash } from './content-hash.js'

/** A message with its sort key: corrected time and id. */
export interface OrderedMessage {
  message: Message
  /** Epoch milliseconds; 0 when the message carries no valid time. */
  time: number
  messageId: string
}

/**
 * Epoch milliseconds of a message: `timestamp` (clock-skew corrected), else `originalTimestamp`,
 * else `receivedAt`; 0 when none is a valid date.
 */
export function messageTime(message: Message): number {
  const raw = message.timestamp ?? message.originalTimestamp ?? message.receivedAt
  if (raw === undefined) return 0
  const ms = Date.parse(raw)
  return Number.isNaN(ms) ? 0 : ms
}

/** The message's `messageId`, or `h_<content hash>` when it has none. */
export function messageIdOf(message: Message): string {
  return message.messageId ?? `h_${contentHash(message)}`
}

/** Orders by time, then by message id (code-unit order), so arrival order never matters. */
export function compareOrdered(a: OrderedMessage, b: OrderedMessage): number {
  if (a.time !== b.time) return a.time - b.time
  return a.messageId < b.messageId ? -1 : a.messageId > b.messageId ? 1 : 0
}

/**
 * Sorts messages by (corrected time, messageId) and drops duplicates of a `messageId`: the
 * earliest copy stays (ties broken by content), as a retry must not count twice.
 */
export function orderMessages(messages: readonly Message[]): OrderedMessage[] {
  const ordered: OrderedMessage[] = new Array<OrderedMessage>(messages.length)
  for (let i = 0; i < messages.length; i++) {
    const message = messages[i] as Message
    ordered[i] = { message, time: messageTime(message), messageId: messageIdOf(message) }
  }
  ordered.sort(compareOrdered)
  const seen = new Set<string>()
  let write = 0
  for (let read = 0; read < ordered.length; read++) {
    const current = ordered[read] as OrderedMessage
    if (seen.has(current.messageId)) {
      const previous = ordered[write - 1] as OrderedMessage
      // Same id at the same time with other content: keep the smaller hash, whatever arrived first.
      if (
        previous.messageId === current.messageId &&
        previous.time === current.time &&
        contentHash(current.message) < contentHash(previous.message)
      ) {
        ordered[write - 1] = current
      }
      continue
    }
    seen.add(current.messageId)
    ordered[write++] = current
  }
  ordered.length = write
  return ordered
}
