import { formatIssue } from '@itinera/core'
import { HttpError } from '../http/http-error.js'
import type { CollectorContext } from '../http/context.js'
import type { Workspace } from '../storage/types.js'
import type { IngestOutcome } from './ingest-pipeline.js'

/** The answer for an ingest request, in Segment's shape plus per-message receipts. */
export function ingestResponse(outcome: IngestOutcome): { status: number; body: unknown } {
  if (outcome.envelopeErrors.length > 0) {
    const message = outcome.envelopeErrors.map(formatIssue).join('; ')
    return { status: 400, body: { success: false, error: { code: 'invalid_batch', message } } }
  }
  const extras = {
    ...(outcome.duplicates.length > 0 ? { duplicates: outcome.duplicates } : {}),
    ...(outcome.suppressed.length > 0 ? { suppressed: outcome.suppressed } : {}),
  }
  if (outcome.rejected.length === 0) return { status: 200, body: { success: true, ...extras } }
  return {
    status: 400,
    body: {
      success: false,
      accepted: outcome.accepted,
      rejected: outcome.rejected.map((entry) => ({
        index: entry.index,
        messageId: entry.messageId,
        errors: entry.errors.map((issue) => ({ path: issue.path, message: issue.message })),
      })),
      ...extras,
    },
  }
}

/** Answers 403 when the request's browser origin may not send to the workspace. */
export function checkOrigin(ctx: CollectorContext, workspace: Workspace): void {
  const origin = ctx.req.headers.origin
  if (origin === undefined || workspace.allowedOrigins.includes('*')) return
  if (!workspace.allowedOrigins.includes(origin)) {
    throw new HttpError(
      403,
      'origin_not_allowed',
      `origin ${origin} may not send to this workspace`,
    )
  }
}

/** Answers 413 when one request carries more than `maxMessages` messages. */
export function checkBatchCount(count: number, maxMessages: number): void {
  if (count > maxMessages) {
    throw new HttpError(
      413,
      'too_many_messages',
      `the batch holds ${count} messages; the limit is ${maxMessages} per request`,
    )
  }
}
