import { formatIssue, isPlainObject, type MessageType } from '@itinera/core'
import { HttpError } from '../http/http-error.js'
import { sendJson } from '../http/respond.js'
import type { CollectorContext } from '../http/context.js'
import type { Router } from '../http/router.js'
import type { Workspace } from '../storage/types.js'
import { ANALYTICS_JS_PATHS, analyticsJsSettings } from './analytics-js.js'
import { decodePixelData, sendPixel } from './pixel.js'
import { checkBatchCount, checkOrigin, ingestResponse } from './ingest-answer.js'
import type { IngestPipeline } from './ingest-pipeline.js'
import { JITSU_JS_PATHS } from './jitsu-js.js'
import { rudderstackSourceConfig } from './rudderstack-js.js'

/** What the ingest routes need from the collector. */
export interface IngestRouteDeps {
  pipeline: IngestPipeline
  /** Largest request body in bytes (batch). */
  maxBatchBytes: number
  /** Largest single-call body in bytes. */
  maxMessageBytes: number
  /** Resolves the write key (Basic auth, X-Write-Key or body) to a workspace; 401 otherwise. */
  authenticateWrite(ctx: CollectorContext, body: unknown): Promise<Workspace>
  /** The workspace of a write key named in the path; 404 otherwise. */
  workspaceOfWriteKey(writeKey: string): Promise<Workspace>
  /** The collector's address as browsers reach it, for SDK settings; else taken from requests. */
  publicUrl?: URL
  /** Receives unexpected errors of routes that answer without throwing (the pixel). */
  onError(error: unknown): void
}

const SINGLE_TYPES: MessageType[] = ['track', 'identify', 'page', 'screen', 'group', 'alias']

/** The single-call type a path names, if it names one. */
const singleTypeOf = (name: string | undefined) => SINGLE_TYPES.find((type) => type === name)

/**
 * Registers `POST /v1/batch` and the single-call endpoints, with the paths and settings
 * analytics.js uses (see analytics-js.ts), the source configuration and beacon path of
 * RudderStack's browser SDK (see rudderstack-js.ts), the paths of Jitsu's SDK (see jitsu-js.ts),
 * and Segment's pixel API (see pixel.ts).
 */
export function registerIngestRoutes(
  router: Router<CollectorContext>,
  deps: IngestRouteDeps,
): void {
  const handle = async (ctx: CollectorContext, type: MessageType | 'batch') => {
    const maxBytes = type === 'batch' ? deps.maxBatchBytes : deps.maxMessageBytes
    const body = await ctx.json({ maxBytes })
    const workspace = await deps.authenticateWrite(ctx, body)
    checkOrigin(ctx, workspace)
    const batch = type === 'batch' && isPlainObject(body) ? body.batch : undefined
    if (Array.isArray(batch)) checkBatchCount(batch.length, deps.pipeline.maxBatchMessages)
    const receivedAt = Date.now()
    const outcome =
      type === 'batch'
        ? await deps.pipeline.ingestBatch(workspace, body, receivedAt)
        : await deps.pipeline.ingestOne(workspace, type, body, receivedAt)
    const { status, body: answer } = ingestResponse(outcome)
    sendJson(ctx.res, status, answer)
  }
  router.add('POST', '/v1/batch', (ctx) => handle(ctx, 'batch'))
  router.add('POST', '/v1/import', (ctx) => handle(ctx, 'batch'))
  // RudderStack's browser SDK sends page-exit beacons here, with the write key in the query.
  router.add('POST', '/beacon/v1/batch', (ctx) => handle(ctx, 'batch'))
  for (const type of SINGLE_TYPES) router.add('POST', `/v1/${type}`, (ctx) => handle(ctx, type))
  for (const [letter, type] of Object.entries(ANALYTICS_JS_PATHS)) {
    router.add('POST', `/v1/${letter}`, (ctx) => handle(ctx, type))
  }
  for (const path of JITSU_JS_PATHS) {
    router.add('POST', path, (ctx) => {
      const type = singleTypeOf(ctx.params.type)
      if (type) return handle(ctx, type)
      throw new HttpError(
        404,
        'not_found',
        `${ctx.url.pathname} names no message type; the last segment is one of ${SINGLE_TYPES.join(', ')}`,
      )
    })
  }
  router.add('GET', '/v1/projects/:writeKey/settings', async (ctx) => {
    const writeKey = ctx.params.writeKey ?? ''
    await deps.workspaceOfWriteKey(writeKey)
    // Built from the request's Host unless publicUrl is set: no shared cache may keep it.
    ctx.res.setHeader('cache-control', 'no-store')
    return analyticsJsSettings(writeKey, ctx.req, deps.publicUrl)
  })
  router.add('GET', '/v1/pixel/:type', async (ctx) => {
    const type = singleTypeOf(ctx.params.type)
    const unknownType = `pixels record ${SINGLE_TYPES.join(', ')}`
    // A HEAD (a link checker, a proxy probing the image) records nothing.
    if (ctx.req.method === 'HEAD') return sendPixel(ctx.res, type ? undefined : unknownType)
    try {
      if (!type) throw new HttpError(404, 'not_found', unknownType)
      const body = decodePixelData(ctx.url.searchParams.get('data'))
      const workspace = await deps.authenticateWrite(ctx, body)
      checkOrigin(ctx, workspace)
      const outcome = await deps.pipeline.ingestOne(workspace, type, body, Date.now())
      const issue = outcome.rejected[0]?.errors[0]
      sendPixel(ctx.res, issue && formatIssue(issue))
    } catch (error) {
      if (error instanceof HttpError) return sendPixel(ctx.res, error.message, error.headers)
      deps.onError(error)
      sendPixel(ctx.res, 'the collector could not store this message')
    }
  })
  router.add('GET', '/sourceConfig', async (ctx) => {
    const writeKey = ctx.url.searchParams.get('writeKey') ?? ''
    await deps.workspaceOfWriteKey(writeKey)
    ctx.res.setHeader('cache-control', 'no-store')
    return rudderstackSourceConfig(writeKey)
  })
}
