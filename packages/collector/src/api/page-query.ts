import { invalidParam } from './api-error.js'
import { decodeCursor, type CursorPosition } from './cursor.js'

/** Items per page when `limit` is absent. */
export const DEFAULT_PAGE_LIMIT = 100
/** Largest `limit` accepted. */
export const MAX_PAGE_LIMIT = 1000

/** Reads `?limit=&cursor=` of a paginated list; 400 names the parameter that is malformed. */
export function readPageQuery<K extends CursorPosition['kind']>(
  url: URL,
  kind: K,
): { limit: number; cursor: Extract<CursorPosition, { kind: K }> | undefined } {
  const rawLimit = url.searchParams.get('limit')
  let limit = DEFAULT_PAGE_LIMIT
  if (rawLimit !== null) {
    limit = /^\d{1,7}$/.test(rawLimit) ? Number(rawLimit) : Number.NaN
    if (!(limit >= 1 && limit <= MAX_PAGE_LIMIT)) {
      throw invalidParam('limit', `must be an integer from 1 to ${MAX_PAGE_LIMIT}`)
    }
  }
  const rawCursor = url.searchParams.get('cursor')
  const cursor = rawCursor === null || rawCursor === '' ? undefined : decodeCursor(rawCursor, kind)
  return { limit, cursor }
}
