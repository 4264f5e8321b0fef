import { isPlainObject } from '@itinera/core'
import type { CollectorContext } from '../http/context.js'
import { HttpError } from '../http/http-error.js'
import { sendJson } from '../http/respond.js'
import type { Router } from '../http/router.js'
import { type AmplitudeIssue, mapAmplitudeEvent } from './amplitude-events.js'
import { checkBatchCount, checkOrigin } from './ingest-answer.js'
import type { IngestOutcome } from './ingest-pipeline.js'
import type { IngestRouteDeps } from './ingest-routes.js'
import { readPostHogBody } from './posthog-payload.js'

/** Amplitude's HTTP API v2 path; its Batch API path, `/batch`, is shared with PostHog's. */
export const AMPLITUDE_HTTP_API_PATH = '/2/httpapi'

/** Paths Amplitude's browser SDK calls across origins, for CORS. */
export const AMPLITUDE_CORS_PATHS = /^\/(2\/httpapi|batch)\/?$|^\/amplitude\/config\//

/** Where the fields of the Segment message came from in the Amplitude event, for errors. */
const AMPLITUDE_FIELDS: Record<string, string> = {
  messageId: 'insert_id',
  userId: 'user_id',
  anonymousId: 'device_id',
  event: 'event_type',
  timestamp: 'time',
  sentAt: 'client_upload_time',
  properties: 'event_properties',
  traits: 'user_properties',
  groupId: 'groups',
  context: 'event',
  '': 'event',
}

/** The Amplitude field a path of the mapped message came from (`properties.sku` → `event_properties`). */
const amplitudeField = (path: string): string => {
  const head = path.split('.')[0] ?? ''
  return Object.hasOwn(AMPLITUDE_FIELDS, head) ? AMPLITUDE_FIELDS[head]! : head
}

/** A request of the HTTP API or the Batch API: `{ api_key, events: [...] }`. */
export const isAmplitudeBody = (body: unknown): body is Record<string, unknown> =>
  isPlainObject(body) && Array.isArray(body.events) && !Array.isArray(body.batch)

/** A rejected event: its index as sent, its insert_id, and each problem by Amplitude field. */
interface AmplitudeRejection {
  index: number
  messageId: string | undefined
  issues: AmplitudeIssue[]
}

/** Maps the events of a request and ingests the valid ones; rejections indexed as sent. */
async function ingestAmplitude(
  ctx: CollectorContext,
  deps: IngestRouteDeps,
  body: Record<string, unknown>,
): Promise<{ outcome: IngestOutcome; rejected: AmplitudeRejection[] }> {
  const events = body.events as unknown[]
  const apiKey = typeof body.api_key === 'string' ? body.api_key.trim() : ''
  if (apiKey === '') {
    throw new HttpError(
      401,
      'missing_write_key',
      'the api_key is missing: initialize the SDK with the workspace write key as its API key',
    )
  }
  const workspace = await deps.authenticateWrite(ctx, { writeKey: apiKey })
  checkOrigin(ctx, workspace)
  checkBatchCount(events.length, deps.pipeline.maxBatchMessages)
  const receivedAt = Date.now()
  const sentAt = typeof body.client_upload_time === 'string' ? body.client_upload_time : undefined
  const batch: unknown[] = []
  const positions: number[] = []
  const rejected: AmplitudeRejection[] = []
  events.forEach((event, index) => {
    const mapped = mapAmplitudeEvent(event, { sentAt, receivedAt })
    if (mapped.ok) {
      positions.push(index)
      batch.push(mapped.value)
      return
    }
    rejected.push({ index, messageId: insertIdOf(event), issues: mapped.error })
  })
  const outcome = await deps.pipeline.ingestBatch(workspace, { batch }, receivedAt)
  for (const entry of outcome.rejected) {
    const issues = entry.errors.map((issue): AmplitudeIssue => ({
      field: amplitudeField(issue.path),
      kind: 'invalid',
      message: issue.message,
    }))
    rejected.push({
      index: positions[entry.index] ?? entry.index,
      messageId: entry.messageId,
      issues,
    })
  }
  rejected.sort((a, b) => a.index - b.index)
  return { outcome, rejected }
}

const insertIdOf = (event: unknown) =>
  isPlainObject(event) && typeof event.insert_id === 'string' ? event.insert_id : undefined

/**
 * Amplitude's answer, which its SDKs read from the body's `code` rather than the status: 200
 * with what was ingested, or 400 naming each invalid event's index under the field at fault
 * (`events_with_invalid_fields`, `events_with_missing_fields`). The SDKs drop those events and
 * send the others again, which the collector acknowledges as duplicates of what it stored.
 */
function amplitudeAnswer(
  outcome: IngestOutcome,
  rejected: AmplitudeRejection[],
  payloadBytes: number,
): { status: number; body: Record<string, unknown> } {
  if (outcome.envelopeErrors.length > 0) {
    const error = outcome.envelopeErrors.map((issue) => issue.message).join('; ')
    return { status: 400, body: { code: 400, error, missing_field: 'events' } }
  }
  if (rejected.length === 0) {
    return {
      status: 200,
      body: {
        code: 200,
        events_ingested: outcome.accepted,
        payload_size_bytes: payloadBytes,
        server_upload_time: Date.now(),
      },
    }
  }
  const invalid: Record<string, number[]> = {}
  const missing: Record<string, number[]> = {}
  for (const { index, issues } of rejected) {
    for (const { field, kind } of issues) {
      const byField = kind === 'missing' ? missing : invalid
      const indices = (byField[field] ??= [])
      if (!indices.includes(index)) indices.push(index)
    }
  }
  const first = rejected[0]!
  const detail = first.issues.map(({ field, message }) => {
    const at = field === 'event' ? '' : `.${field}`
    return `events[${first.index}]${at}: ${message}`
  })
  const more = rejected.length > 1 ? ` (and ${rejected.length - 1} more events)` : ''
  return {
    status: 400,
    body: {
      code: 400,
      error: `${rejected.length} of the events are invalid: ${detail.join('; ')}${more}`,
      events_with_invalid_fields: invalid,
      events_with_missing_fields: missing,
      rejected: rejected.map(({ index, messageId, issues }) => ({
        index,
        insert_id: messageId,
        errors: issues.map(({ field, message }) => ({ field, message })),
      })),
    },
  }
}

/**
 * An error in Amplitude's shape. A refused API key reads "Invalid API key", which tells the SDKs
 * not to send the events again; a rate limit names every event as throttled, so that they wait
 * before trying again rather than at once.
 */
function amplitudeError(error: HttpError, eventCount: number): Record<string, unknown> {
  if (error.status === 401 || error.status === 403) {
    return { code: error.status, error: `Invalid API key: ${error.message}` }
  }
  if (error.status === 429) {
    return {
      code: 429,
      error: error.message,
      throttled_events: Array.from({ length: eventCount }, (_, index) => index),
    }
  }
  return { code: error.status, error: error.message }
}

/**
 * Registers Amplitude's HTTP API (`POST /2/httpapi`) and the answer to the browser SDK's remote
 * configuration (`GET /amplitude/config/<key>`, everything left at its default), so that
 * Amplitude's SDKs send to the collector unmodified with `serverUrl` set to it and a write key as
 * API key. Its Batch API (`POST /batch`) shares a path with PostHog's, which hands it requests
 * in Amplitude's shape ({@link handleAmplitudeBody}).
 */
export function registerAmplitudeRoutes(
  router: Router<CollectorContext>,
  deps: IngestRouteDeps,
): void {
  router.add('POST', AMPLITUDE_HTTP_API_PATH, async (ctx) => {
    const body = await readAmplitudeBody(ctx, deps)
    if (ctx.res.headersSent) return
    if (!isAmplitudeBody(body)) {
      const error = 'the body is not an Amplitude request ({"api_key", "events": [...]})'
      sendJson(ctx.res, 400, { code: 400, error, missing_field: 'events' })
      return
    }
    await handleAmplitudeBody(ctx, deps, body)
  })
  router.add('GET', '/amplitude/config/:key', async (ctx) => {
    await deps.workspaceOfWriteKey(ctx.params.key ?? '')
    ctx.res.setHeader('cache-control', 'no-store')
    return { configs: {} }
  })
}

/** The JSON of a request, answering a malformed one in Amplitude's shape. */
async function readAmplitudeBody(ctx: CollectorContext, deps: IngestRouteDeps): Promise<unknown> {
  try {
    return await readPostHogBody(ctx.req, ctx.url, deps.maxBatchBytes)
  } catch (error) {
    if (!(error instanceof HttpError)) throw error
    sendJson(ctx.res, error.status, amplitudeError(error, 0), error.headers)
    return undefined
  }
}

/** Ingests a parsed Amplitude request and answers it as Amplitude does. */
export async function handleAmplitudeBody(
  ctx: CollectorContext,
  deps: IngestRouteDeps,
  body: Record<string, unknown>,
): Promise<void> {
  const eventCount = (body.events as unknown[]).length
  try {
    const { outcome, rejected } = await ingestAmplitude(ctx, deps, body)
    const bytes = Number(ctx.req.headers['content-length']) || 0
    const { status, body: answer } = amplitudeAnswer(outcome, rejected, bytes)
    sendJson(ctx.res, status, answer)
  } catch (error) {
    if (!(error instanceof HttpError)) throw error
    sendJson(ctx.res, error.status, amplitudeError(error, eventCount), error.headers)
  }
}
