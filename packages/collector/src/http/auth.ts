import { isPlainObject } from '@itinera/core'
import type { IncomingMessage } from 'node:http'
import type { CollectorStore, Workspace } from '../storage/types.js'
import { digestsEqual, hashSecretKey } from '../workspaces/keys.js'
import { HttpError } from './http-error.js'
import type { RateLimiter } from './rate-limit.js'

/**
 * The write key of a request: Basic auth user name, `X-Write-Key`, the body's `writeKey`, or a
 * `writeKey` query parameter (beacons cannot set headers; RudderStack's SDK sends it so).
 */
function writeKeyOf(req: IncomingMessage, body: unknown): string | undefined {
  const header = req.headers.authorization
  if (header?.toLowerCase().startsWith('basic ')) {
    const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8')
    const user = decoded.split(':')[0]?.trim()
    if (user) return user
  }
  const explicit = req.headers['x-write-key']
  if (typeof explicit === 'string' && explicit.trim()) return explicit.trim()
  if (isPlainObject(body) && typeof body.writeKey === 'string' && body.writeKey.trim()) {
    return body.writeKey.trim()
  }
  const query = new URL(req.url ?? '/', 'http://collector.local').searchParams.get('writeKey')
  return query?.trim() || undefined
}

function limit(limiter: RateLimiter, key: string): void {
  const decision = limiter.take(key)
  if (!decision.allowed) {
    throw new HttpError(429, 'rate_limited', 'too many requests for this key; retry later', {
      'retry-after': String(decision.retryAfterSeconds),
    })
  }
}

/** Authenticates a write key; write keys are public and only ingest. */
export class Authenticator {
  private readonly store: CollectorStore
  private readonly limiter: RateLimiter
  private readonly byWriteKey = new Map<string, Workspace>()

  constructor(store: CollectorStore, limiter: RateLimiter) {
    this.store = store
    this.limiter = limiter
  }

  async writeKey(req: IncomingMessage, body: unknown): Promise<Workspace> {
    const key = writeKeyOf(req, body)
    if (key === undefined) {
      throw new HttpError(
        401,
        'missing_write_key',
        'send the write key as the Basic auth user name, an X-Write-Key header, "writeKey" in the body or a writeKey query parameter',
      )
    }
    const workspace = await this.#lookup(key)
    if (!workspace) throw new HttpError(401, 'invalid_write_key', 'the write key is not valid')
    limit(this.limiter, key)
    return workspace
  }

  /** The workspace of a write key given in a URL (analytics.js settings); 404 when unknown. */
  async writeKeyInPath(key: string): Promise<Workspace> {
    const workspace = await this.#lookup(key)
    if (!workspace) throw new HttpError(404, 'not_found', 'no workspace has this write key')
    limit(this.limiter, key)
    return workspace
  }

  async #lookup(key: string): Promise<Workspace | undefined> {
    let workspace = this.byWriteKey.get(key)
    if (!workspace) {
      workspace = await this.store.findWorkspaceByWriteKey(key)
      if (workspace) this.byWriteKey.set(key, workspace)
    }
    return workspace
  }

  async secretKey(req: IncomingMessage): Promise<Workspace> {
    const header = req.headers.authorization
    const secret = header?.toLowerCase().startsWith('bearer ') ? header.slice(7).trim() : ''
    if (!secret) {
      throw new HttpError(
        401,
        'missing_secret_key',
        'send the workspace secret key as "Authorization: Bearer <secretKey>"',
      )
    }
    const hash = hashSecretKey(secret)
    const found = await this.store.findWorkspaceBySecretHash(hash)
    if (!found || !digestsEqual(found.secretKeyHash, hash)) {
      throw new HttpError(401, 'invalid_secret_key', 'the secret key is not valid')
    }
    limit(this.limiter, `secret:${hash}`)
    return found.workspace
  }
}
