import { isPlainObject } from '@itinera/core'
import type { IncomingMessage } from 'node:http'
import type { CollectorStore, Workspace } from '../storage/types.js'
import { digestsEqual, hashSecretKey } from '../workspaces/keys.js'
import { HttpError } from './http-error.js'
import type { RateLimiter } from './rate-limit.js'

// Jitsu's keys are `keyId:secret` and its SDK refuses a key without the colon; ours have none,
// so the part before a colon names the key, as the Basic auth user name does.
const keyIdOf = (value: unknown): string | undefined =>
  typeof value === 'string' ? value.split(':')[0]?.trim() || undefined : undefined

/**
 * The write key of a request: Basic auth user name, `X-Write-Key`, the body's `writeKey`, or a
 * `writeKey` query parameter (beacons cannot set headers; RudderStack's SDK sends it so). Each
 * may be Jitsu's `keyId:secret`, read as `keyId`.
 */
function writeKeyOf(req: IncomingMessage, body: unknown): string | undefined {
  const header = req.headers.authorization
  const basic = header?.toLowerCase().startsWith('basic ')
    ? Buffer.from(header.slice(6).trim(), 'base64').toString('utf8')
    : undefined
  return (
    keyIdOf(basic) ??
    keyIdOf(req.headers['x-write-key']) ??
    keyIdOf(isPlainObject(body) ? body.writeKey : undefined) ??
    keyIdOf(new URL(req.url ?? '/', 'http://collector.local').searchParams.get('writeKey'))
  )
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
