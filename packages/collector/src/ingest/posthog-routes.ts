import { isPlainObject, type RejectedMessage } from '@itinera/core'
import type { CollectorContext } from '../http/context.js'
import { sendJson } from '../http/respond.js'
import type { Router } from '../http/router.js'
import { handleAmplitudeBody, isAmplitudeBody } from './amplitude-routes.js'
import { checkBatchCount, checkOrigin, ingestResponse } from './ingest-answer.js'
import type { IngestOutcome } from './ingest-pipeline.js'
import type { IngestRouteDeps } from './ingest-routes.js'
import { posthogFlags, posthogRemoteConfig, posthogRemoteConfigScript } from './posthog-config.js'
import { mapPostHogEvent } from './posthog-events.js'
import { parsePostHogPayload, readPostHogBody } from './posthog-payload.js'

/**
 * The paths PostHog's SDKs post events to under their `api_host`/`host`: posthog-js `/e/`,
 * posthog-node `/batch/`, and the other event paths of PostHog's capture service.
 */
export const POSTHOG_CAPTURE_PATHS = ['/e', '/i/v0/e', '/batch', '/capture', '/track'] as const

/** Paths posthog-js calls across origins, for CORS. */
export const POSTHOG_CORS_PATHS = /^\/(e|i\/v0\/e|batch|capture|track|flags|decide)\/?$|^\/array\//

const uuidOf = (event: unknown) =>
  isPlainObject(event) && typeof event.uuid === 'string' ? event.uuid : undefined

// Where the fields of the Segment message came from in the PostHog event, for error paths.
const POSTHOG_FIELDS: Record<string, string> = {
  messageId: 'uuid',
  sentAt: 'sent_at',
  userId: 'distinct_id',
  anonymousId: 'distinct_id',
  previousId: 'properties.alias',
  groupId: 'properties.$group_key',
  name: 'properties.$screen_name',
  traits: '$set',
}

/** The PostHog name of a field path of the mapped message (`sentAt` → `sent_at`). */
function postHogPath(path: string): string {
  const [head = '', ...rest] = path.split('.')
  const field = Object.hasOwn(POSTHOG_FIELDS, head) ? POSTHOG_FIELDS[head]! : head
  return [field, ...rest].join('.')
}

/** Maps the events of a request and ingests the valid ones, receipts indexed as sent. */
async function ingestPostHog(
  ctx: CollectorContext,
  deps: IngestRouteDeps,
  body: unknown,
): Promise<IngestOutcome> {
  const payload = parsePostHogPayload(body)
  const workspace = await deps.authenticateWrite(ctx, { writeKey: payload.token })
  checkOrigin(ctx, workspace)
  checkBatchCount(payload.events.length, deps.pipeline.maxBatchMessages)
  const receivedAt = Date.now()
  const batch: unknown[] = []
  const positions: number[] = []
  const unmapped: RejectedMessage[] = []
  payload.events.forEach((event, index) => {
    const mapped = mapPostHogEvent(event, { sentAt: payload.sentAt, receivedAt })
    if (mapped.ok) {
      positions.push(index)
      batch.push(mapped.value)
    } else {
      const errors = mapped.error.map((issue) => ({ ...issue, index }))
      unmapped.push({ index, messageId: uuidOf(event), errors })
    }
  })
  const outcome = await deps.pipeline.ingestBatch(workspace, { batch }, receivedAt)
  const rejected = outcome.rejected.map((entry) => {
    const index = positions[entry.index] ?? entry.index
    const errors = entry.errors.map((issue) => ({ ...issue, path: postHogPath(issue.path), index }))
    return { ...entry, index, errors }
  })
  return { ...outcome, rejected: [...unmapped, ...rejected].sort((a, b) => a.index - b.index) }
}

/**
 * Registers what PostHog's SDKs call, so that they send to the collector unmodified with their
 * host set to it and a write key as project token: the event paths, posthog-js' project
 * configuration (`/array/<token>/config.js` and `/config`) and `/flags` and `/decide`, which
 * answer that there are no feature flags. Events become Segment messages (see posthog-events.ts)
 * and take the path of every other message.
 */
export function registerPostHogRoutes(
  router: Router<CollectorContext>,
  deps: IngestRouteDeps,
): void {
  for (const path of POSTHOG_CAPTURE_PATHS) {
    router.add('POST', path, async (ctx) => {
      const body = await readPostHogBody(ctx.req, ctx.url, deps.maxBatchBytes)
      // Amplitude's Batch API posts to `/batch` too, its events under `events`.
      if (path === '/batch' && isAmplitudeBody(body)) return handleAmplitudeBody(ctx, deps, body)
      const answer = ingestResponse(await ingestPostHog(ctx, deps, body))
      sendJson(ctx.res, answer.status, answer.body)
    })
  }
  router.add('GET', '/array/:token/config', async (ctx) => {
    await deps.workspaceOfWriteKey(ctx.params.token ?? '')
    ctx.res.setHeader('cache-control', 'no-store')
    return posthogRemoteConfig()
  })
  router.add('GET', '/array/:token/config.js', async (ctx) => {
    const token = ctx.params.token ?? ''
    await deps.workspaceOfWriteKey(token)
    const script = posthogRemoteConfigScript(token)
    ctx.res.writeHead(200, {
      'content-type': 'application/javascript; charset=utf-8',
      'content-length': Buffer.byteLength(script),
      'cache-control': 'no-store',
    })
    ctx.res.end(script)
  })
  for (const path of ['/flags', '/decide']) {
    router.add('POST', path, (ctx) => {
      // The answer is the same for every project and person: the request is not read.
      ctx.req.resume()
      return posthogFlags()
    })
  }
}
