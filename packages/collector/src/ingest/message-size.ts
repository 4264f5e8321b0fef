import { isPlainObject, validateBatch, type RejectedMessage } from '@itinera/core'

// The ingest path serializes each message once, for storage, and checks the size limit on that
// string; core measures the message as sent only for the rare one that may be near the limit.

/** True when `json` is at most `maxBytes` bytes in UTF-8 (counted only when it could be more). */
export const fitsInBytes = (json: string, maxBytes: number): boolean =>
  json.length * 3 <= maxBytes || Buffer.byteLength(json) <= maxBytes

/**
 * True when a message stored as `json` might be over `maxBytes` as it was sent (`raw`): the
 * stored form drops a `writeKey` and optional fields sent as `null`, so it can be smaller. It is
 * measured as sent when it carried a `writeKey` or its stored form is within an eighth of the
 * limit, far more than any number of dropped `null` fields takes.
 */
export function mayBeOverAsSent(json: string, raw: unknown, maxBytes: number): boolean {
  if (isPlainObject(raw) && raw.writeKey !== undefined) return true
  return !fitsInBytes(json, maxBytes - (maxBytes >> 3))
}

/**
 * Core's size check of message `index` of a batch body, as sent (the envelope applied): its
 * rejection, or `undefined` when it fits.
 */
export function checkSentSize(
  body: { batch: readonly unknown[] },
  index: number,
  maxMessageBytes: number,
): RejectedMessage | undefined {
  const checked = validateBatch(
    { ...body, batch: [body.batch[index]] },
    { maxBytes: Number.POSITIVE_INFINITY, maxMessages: 1, maxMessageBytes },
  )
  const rejected = checked.rejected[0]
  if (!rejected) return undefined
  return { ...rejected, index, errors: rejected.errors.map((issue) => ({ ...issue, index })) }
}
