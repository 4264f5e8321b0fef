import type { Message } from '../spec/index.js'
import { shortHash } from './hash.js'

const digit = (text: string, at: number) => text.charCodeAt(at) - 48

/** Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year
  const era = Math.floor(y / 400)
  const yoe = y - era * 400
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy
  return era * 146097 + doe - 719468
}

/**
 * Epoch milliseconds of an ISO-8601 timestamp. `YYYY-MM-DDTHH:MM:SS.sssZ` (what the collector
 * stores) takes an allocation-free path; anything else goes through `Date.parse`.
 */
export function parseTime(text: string): number {
  if (
    text.length === 24 &&
    text.charCodeAt(23) === 90 &&
    text.charCodeAt(10) === 84 &&
    text.charCodeAt(19) === 46
  ) {
    const year = digit(text, 0) * 1000 + digit(text, 1) * 100 + digit(text, 2) * 10 + digit(text, 3)
    const month = digit(text, 5) * 10 + digit(text, 6)
    const day = digit(text, 8) * 10 + digit(text, 9)
    const hour = digit(text, 11) * 10 + digit(text, 12)
    const minute = digit(text, 14) * 10 + digit(text, 15)
    const second = digit(text, 17) * 10 + digit(text, 18)
    const ms = digit(text, 20) * 100 + digit(text, 21) * 10 + digit(text, 22)
    const fast =
      ((daysFromCivil(year, month, day) * 24 + hour) * 60 + minute) * 60000 + second * 1000 + ms
    if (Number.isFinite(fast) && month >= 1 && month <= 12 && day >= 1 && day <= 31) return fast
  }
  const parsed = Date.parse(text)
  return Number.isNaN(parsed) ? Number.NEGATIVE_INFINITY : parsed
}

/**
 * The time a message is ordered by: `timestamp` (the collector stores the clock-skew-corrected
 * time there), else `originalTimestamp`, else `receivedAt`. Untimed messages sort first.
 */
export function messageTime(message: Message): number {
  const text = message.timestamp ?? message.originalTimestamp ?? message.receivedAt
  return text === undefined ? Number.NEGATIVE_INFINITY : parseTime(text)
}

/** The ISO text of the time a message is ordered by, when it has one. */
export function messageTimeText(message: Message): string | undefined {
  return message.timestamp ?? message.originalTimestamp ?? message.receivedAt
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

/** Total order of messages: by time, then by message id (code-unit order). */
export function compareKeys(timeA: number, idA: string, timeB: number, idB: string): number {
  if (timeA !== timeB) return timeA < timeB ? -1 : 1
  return idA < idB ? -1 : idA > idB ? 1 : 0
}
