import type { CollectorContext } from '../http/context.js'
import { HttpError } from '../http/http-error.js'
import { sendJson } from '../http/respond.js'
import type { RouteHandler } from '../http/router.js'
import type { CollectorStore, Workspace } from '../storage/types.js'
import { apiErrorBody } from './api-error.js'

/** A profile API handler: runs once the secret key named its workspace. */
export type SecretHandler = (ctx: CollectorContext, workspace: Workspace) => Promise<unknown>

/** Wraps a {@link SecretHandler} into a route with authentication and the API's error bodies. */
export type SecretRoute = (handler: SecretHandler) => RouteHandler<CollectorContext>

const WRITE_KEY_MESSAGE =
  'a write key can only send events; reading and deleting profiles needs the workspace secret key as "Authorization: Bearer <secretKey>"'

/** Says plainly when the refused key is a write key (write keys are public, so this leaks nothing). */
async function explain(store: CollectorStore, ctx: CollectorContext, error: HttpError) {
  if (error.status !== 401) return error
  const header = ctx.req.headers.authorization ?? ''
  const bearer = /^bearer\s+(.+)$/i.exec(header)?.[1]?.trim()
  const basic = /^basic\s+(.+)$/i.exec(header)?.[1]?.trim()
  const candidate =
    bearer ?? (basic && Buffer.from(basic, 'base64').toString('utf8').split(':')[0]?.trim())
  if (candidate && (await store.findWorkspaceByWriteKey(candidate))) {
    return new HttpError(401, 'unauthorized', WRITE_KEY_MESSAGE)
  }
  return error
}

/**
 * Creates the wrapper every profile API route goes through: `Authorization: Bearer <secretKey>`
 * (401 otherwise, 429 past the key's rate limit) and `{ error: { code, message, ... } }` bodies.
 * Unexpected errors propagate to the collector, which answers 500 without details.
 */
export function createSecretRoute(store: CollectorStore): SecretRoute {
  return (handler) => async (ctx) => {
    try {
      const workspace = await ctx.authenticateSecret()
      return await handler(ctx, workspace)
    } catch (error) {
      if (!(error instanceof HttpError)) throw error
      const shown = await explain(store, ctx, error)
      sendJson(ctx.res, shown.status, apiErrorBody(shown), {
        ...shown.headers,
        'cache-control': 'no-store',
      })
      return undefined
    }
  }
}
