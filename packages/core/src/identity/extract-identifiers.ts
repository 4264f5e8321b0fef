import type { Message } from '../spec/index.js'
import { extractWithOptions } from './extract.js'
import { resolveIdentityOptions } from './options.js'
import type { IdentityOptions } from './options.js'
import type { ExtractionResult } from './types.js'

/**
 * The identifiers a message carries, normalized, in priority order, with each raw value kept;
 * values that never link (blocked, invalid, too long) are listed in `rejected` with the reason.
 * @example
 * extractIdentifiers({ type: 'identify', userId: ' u1 ', traits: { email: 'Ann@X.io' } })
 * // identifiers: [{ type: 'user_id', value: 'u1', raw: ' u1 ', source: 'userId' }, { type: 'email', value: 'ann@x.io', … }]
 */
export function extractIdentifiers(message: Message, options?: IdentityOptions): ExtractionResult {
  return extractWithOptions(message, resolveIdentityOptions(options))
}
