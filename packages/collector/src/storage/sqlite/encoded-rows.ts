import type { NewMessage } from '../types.js'
import { encodeIdentifiers } from '../identifier-lines.js'

// The rows of one append, in the form that crosses to the writer thread cheaply: every column as
// text, concatenated into one string, with the length of each field in a transferable array.
// One string costs the thread hop a copy; thousands of small strings cost a clone each (issue 6).

/** Columns per row: message_id, type, timestamp, received_at, skew_ms, body, identifiers. */
const FIELDS = 7

/** The rows of one append, ready for {@link decodeRows}. */
export interface EncodedRows {
  text: string
  /** Length of each field in `text`; -1 for SQL `NULL`. */
  lengths: Int32Array
}

/** A row as the `messages` table stores it. */
export interface MessageColumns {
  messageId: string
  type: string
  timestamp: string
  receivedAt: string
  skewMs: number
  body: string
  identifiers: string | null
}

/** Serializes each message once (its stored body) and packs the rows into one string. */
export function encodeRows(messages: readonly NewMessage[]): EncodedRows {
  const lengths = new Int32Array(messages.length * FIELDS)
  const parts: string[] = []
  let k = 0
  for (const input of messages) {
    const skew = String(input.skewMs)
    const body = input.body ?? JSON.stringify(input.message)
    const identifiers = input.identifiers ? encodeIdentifiers(input.identifiers) : null
    parts.push(input.messageId, input.type, input.timestamp, input.receivedAt, skew, body)
    lengths[k++] = input.messageId.length
    lengths[k++] = input.type.length
    lengths[k++] = input.timestamp.length
    lengths[k++] = input.receivedAt.length
    lengths[k++] = skew.length
    lengths[k++] = body.length
    if (identifiers === null) lengths[k++] = -1
    else {
      parts.push(identifiers)
      lengths[k++] = identifiers.length
    }
  }
  return { text: parts.join(''), lengths }
}

/** How many rows `rows` holds. */
export const rowCount = (rows: EncodedRows): number => rows.lengths.length / FIELDS

/** Unpacks what {@link encodeRows} packed, calling `each` with every row in order. */
export function decodeRows(rows: EncodedRows, each: (row: MessageColumns) => void): void {
  const { text, lengths } = rows
  let at = 0
  const next = (length: number) => (length < 0 ? null : text.slice(at, (at += length)))
  for (let k = 0; k < lengths.length; k += FIELDS) {
    each({
      messageId: next(lengths[k] ?? 0) ?? '',
      type: next(lengths[k + 1] ?? 0) ?? '',
      timestamp: next(lengths[k + 2] ?? 0) ?? '',
      receivedAt: next(lengths[k + 3] ?? 0) ?? '',
      skewMs: Number(next(lengths[k + 4] ?? 0)),
      body: next(lengths[k + 5] ?? 0) ?? '',
      identifiers: next(lengths[k + 6] ?? -1),
    })
  }
}
