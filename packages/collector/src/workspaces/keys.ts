import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'

const token = (bytes: number) => randomBytes(bytes).toString('base64url')

/** A new public write key (ingest only). */
export const generateWriteKey = (): string => `wk_${token(18)}`

/** A new secret key (read and delete). Only its hash is stored. */
export const generateSecretKey = (): string => `sk_${token(32)}`

/** A new workspace id. */
export const generateWorkspaceId = (): string => `ws_${token(9)}`

/** SHA-256 of a secret key, hex encoded: what the store keeps. */
export function hashSecretKey(secretKey: string): string {
  return createHash('sha256').update(secretKey, 'utf8').digest('hex')
}

/** Compares two hex digests in constant time. */
export function digestsEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex')
  const right = Buffer.from(b, 'hex')
  return left.length === right.length && left.length > 0 && timingSafeEqual(left, right)
}
