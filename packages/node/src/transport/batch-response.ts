import {
  DeliveryError,
  isPlainObject,
  isRetryableStatus,
  parseRetryAfter,
  type RejectedMessage,
  type ValidationIssue,
} from '@itinera/core/wire'
import type { TransportResponse } from './http-transport.js'

/** What to do with a batch after the collector answered. */
export type BatchOutcome =
  | { kind: 'accepted' }
  | { kind: 'partial'; rejected: RejectedMessage[] }
  | { kind: 'retry'; error: DeliveryError }
  | { kind: 'refused'; error: DeliveryError }

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

/** The server's own words: `error.message`, `message`, or the start of the body. */
function serverMessage(body: unknown, text: string): string {
  if (isPlainObject(body)) {
    if (isPlainObject(body.error) && typeof body.error.message === 'string')
      return body.error.message
    if (typeof body.error === 'string') return body.error
    if (typeof body.message === 'string') return body.message
  }
  return text.slice(0, 200)
}

function readRejected(body: unknown, count: number): RejectedMessage[] | undefined {
  if (!isPlainObject(body) || !Array.isArray(body.rejected)) return undefined
  const rejected: RejectedMessage[] = []
  for (const entry of body.rejected) {
    if (!isPlainObject(entry) || !Number.isInteger(entry.index)) return undefined
    const index = entry.index as number
    if (index < 0 || index >= count) return undefined
    rejected.push({
      index,
      messageId: typeof entry.messageId === 'string' ? entry.messageId : undefined,
      errors: Array.isArray(entry.errors) ? (entry.errors as ValidationIssue[]) : [],
    })
  }
  return rejected.length > 0 ? rejected : undefined
}

/**
 * Reads the collector's answer to a batch of `count` messages: 2xx accepts it; a 400 listing
 * `rejected` messages drops only those; 408, 429 and 5xx are retried (honouring Retry-After);
 * any other status refuses the whole batch.
 */
export function classifyResponse(
  response: TransportResponse,
  count: number,
  nowMs: number,
): BatchOutcome {
  const { status } = response
  if (status >= 200 && status < 300) return { kind: 'accepted' }
  const body = parseJson(response.body)
  const message = `collector answered ${status}: ${serverMessage(body, response.body) || 'no details'}`
  if (isRetryableStatus(status)) {
    const retryAfterMs = parseRetryAfter(response.retryAfter, nowMs)
    return {
      kind: 'retry',
      error: new DeliveryError(message, { status, retryable: true, retryAfterMs }),
    }
  }
  if (status === 400) {
    const rejected = readRejected(body, count)
    if (rejected) return { kind: 'partial', rejected }
  }
  return { kind: 'refused', error: new DeliveryError(message, { status, retryable: false }) }
}
