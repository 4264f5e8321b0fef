import type { Workspace } from '../storage/types.js'
import type { RequestContext } from './router.js'

/** The request context of every collector route. */
export interface CollectorContext extends RequestContext {
  /**
   * Reads and parses the JSON body (gzip or plain). Answers 413 past `maxBytes` and 400 for
   * malformed JSON.
   * @default maxBytes the collector's `limits.maxBatchBytes` (512000)
   */
  json(options?: { maxBytes?: number }): Promise<unknown>
  /**
   * The workspace of the `Authorization: Bearer <secretKey>` header, compared in constant time;
   * answers 401 without a valid secret key and 429 past the key's rate limit.
   */
  authenticateSecret(): Promise<Workspace>
}
