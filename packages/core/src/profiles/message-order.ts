import type { Message } from '../spec/index.js'
import { contentHash } from './content-hash.js'

/** A message with its sort key: corrected time and id. */
export interface OrderedMessage {
  message: Message
  /** Epoch milliseconds; 0 when the message carries no valid time. */
  time: number
  messageId: string
}

// Two ASCII digits at `i` as a number, or -1 when either is not a digit.
function twoDigits(text: string, i: number): number {
  const high = text.charCodeAt(i) - 48
  const low = text.charCodeAt(i + 1) - 48
  return high >>> 0 > 9 || low >>> 0 > 9 ? -1 : high * 10 + low
}

/**
 * Epoch ms of a timestamp in the canonical form `2024-03-01T12:34:56.789Z` (what Segment
 * libraries and `toISOString` write); NaN for any other form. Several times faster than
 * `Date.parse`, which matters at a million messages (see docs/benchmarks.md).
 */
export function parseCanonicalIso(text: string): number {
  if (text.length !== 24 || text.charCodeAt(23) !== 90 || text.charCodeAt(10) !== 84) return NaN
  const century = twoDigits(text, 0)
  const yy = twoDigits(text, 2)
  const month = twoDigits(text, 5)
  const day = twoDigits(text, 8)
  const hour = twoDigits(text, 11)
  const minute = twoDigits(text, 14)
  const second = twoDigits(text, 17)
  const msHigh = twoDigits(text, 20)
  const msLow = text.charCodeAt(22) - 48
  if (
    century < 0 ||
    yy < 0 ||
    month < 1 ||
    month > 12 ||
    day < 1 ||
    day > 31 ||
    hour < 0 ||
    hour > 23 ||
    minute < 0 ||
    minute > 59 ||
    second < 0 ||
    second > 59 ||
    msHigh < 0 ||
    msLow >>> 0 > 9 ||
    text.charCodeAt(4) !== 45 ||
    text.charCodeAt(7) !== 45 ||
    text.charCodeAt(13) !== 58 ||
    text.charCodeAt(16) !== 58 ||
    text.charCodeAt(19) !== 46
  ) {
    return NaN
  }
  const year = century * 100 + yy
  if (day > 28 && day > daysInMonth(year, month)) return NaN
  const time = ((hour * 60 + minute) * 60 + second) * 1000 + msHigh * 10 + msLow
  return daysFromCivil(year, month, day) * 86_400_000 + time
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31
}

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil).
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year
  const era = Math.floor(y / 400)
  const yearOfEra = y - era * 400
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1
  const dayOfEra =
    yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear
  return era * 146_097 + dayOfEra - 719_468
}

/** The raw time field of a message: `timestamp`, else `originalTimestamp`, else `receivedAt`. */
export function rawMessageTime(message: Message): string | undefined {
  return message.timestamp ?? message.originalTimestamp ?? message.receivedAt
}

/** Epoch ms of a raw time field; 0 when absent or invalid. */
export function parseTime(raw: string | undefined): number {
  if (raw === undefined) return 0
  const fast = parseCanonicalIso(raw)
  if (fast === fast) return fast
  const ms = Date.parse(raw)
  return Number.isNaN(ms) ? 0 : ms
}

/**
 * Epoch milliseconds of a message: `timestamp` (clock-skew corrected), else `originalTimestamp`,
 * else `receivedAt`; 0 when none is a valid date.
 */
export function messageTime(message: Message): number {
  return parseTime(rawMessageTime(message))
}

/**
 * The message's `messageId`, or `h_<content hash>` when it has none (or an empty one), so
 * identical copies count as duplicates. Identity resolution and journeys share this rule.
 */
export function messageIdOf(message: Message): string {
  const id = message.messageId
  return id !== undefined && id !== '' ? id : `h_${contentHash(message)}`
}

/** Orders by time, then by message id (code-unit order), so arrival order never matters. */
export function compareOrdered(
  a: { time: number; messageId: string },
  b: { time: number; messageId: string },
): number {
  if (a.time !== b.time) return a.time - b.time
  return a.messageId < b.messageId ? -1 : a.messageId > b.messageId ? 1 : 0
}

type Sortable = { time: number; messageId: string; message: Message }

// Most profiles hold a handful of messages; insertion sort beats Array#sort's setup there.
function insertionSort<T extends Sortable>(items: T[]): void {
  for (let i = 1; i < items.length; i++) {
    const item = items[i] as T
    let j = i - 1
    while (j >= 0 && compareOrdered(items[j] as T, item) > 0) {
      items[j + 1] = items[j] as T
      j--
    }
    items[j + 1] = item
  }
}

/**
 * Sorts in place by (time, messageId) and drops later copies of a `messageId`: the earliest copy
 * stays (same time: the smaller content hash), as a retry must not count twice.
 */
export function sortAndDedupe<T extends Sortable>(items: T[]): T[] {
  if (items.length > 16) items.sort(compareOrdered)
  else insertionSort(items)
  // Small profiles are the common case: a linear scan beats allocating a Set.
  const seen = items.length > 16 ? new Set<string>() : undefined
  let write = 0
  for (let read = 0; read < items.length; read++) {
    const current = items[read] as T
    let duplicate = false
    if (seen !== undefined) duplicate = seen.has(current.messageId)
    else
      for (let k = 0; k < write && !duplicate; k++)
        duplicate = items[k]?.messageId === current.messageId
    if (duplicate) {
      const previous = items[write - 1] as T
      if (
        previous.messageId === current.messageId &&
        previous.time === current.time &&
        contentHash(current.message) < contentHash(previous.message)
      ) {
        items[write - 1] = current
      }
      continue
    }
    seen?.add(current.messageId)
    items[write++] = current
  }
  items.length = write
  return items
}

/**
 * Sorts messages by (corrected time, messageId) and drops duplicates of a `messageId`, keeping
 * the first copy in that order.
 */
export function orderMessages(messages: readonly Message[]): OrderedMessage[] {
  const ordered = new Array<OrderedMessage>(messages.length)
  for (let i = 0; i < messages.length; i++) {
    const message = messages[i] as Message
    ordered[i] = { message, time: messageTime(message), messageId: messageIdOf(message) }
  }
  return sortAndDedupe(ordered)
}
