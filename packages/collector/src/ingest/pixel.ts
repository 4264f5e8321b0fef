import type { ServerResponse } from 'node:http'
import { decodeBase64 } from '../http/base64.js'
import { HttpError } from '../http/http-error.js'

/** A transparent 1×1 GIF, the body of every pixel answer. */
const PIXEL = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64')

/**
 * The message of a pixel request: `data` is the message as base64 JSON (standard or URL-safe,
 * padding optional), as in Segment's pixel API (`GET /v1/pixel/track?data=…`), which emails and
 * pages that cannot run scripts use, for example to record an email being opened. Templates
 * often leave standard base64 unencoded in the URL (see {@link decodeBase64}).
 */
export function decodePixelData(data: string | null): unknown {
  if (!data) {
    throw new HttpError(400, 'invalid_pixel', 'the "data" query parameter (base64 JSON) is missing')
  }
  const bytes = decodeBase64(data)
  if (!bytes) {
    throw new HttpError(400, 'invalid_pixel', 'the "data" query parameter is not base64')
  }
  try {
    return JSON.parse(bytes.toString('utf8')) as unknown
  } catch {
    throw new HttpError(400, 'invalid_pixel', 'the "data" query parameter is not base64 JSON')
  }
}

/**
 * Answers a pixel request: always 200 with the GIF, whatever happened, because an email client
 * or image proxy may show a broken image for any other status, and nothing retries a pixel.
 * `X-Itinera-Error` says why the message was not stored; `headers` carries e.g. `Retry-After`.
 */
export function sendPixel(
  res: ServerResponse,
  error?: string,
  headers: Record<string, string> = {},
): void {
  if (res.headersSent) return
  res.writeHead(200, {
    ...headers,
    'content-type': 'image/gif',
    'content-length': PIXEL.length,
    // Every open must reach the collector: nothing may serve the pixel from a cache.
    'cache-control': 'no-store, no-cache, must-revalidate, private',
    ...(error ? { 'x-itinera-error': error.replace(/[^\x20-\x7e]/g, '?') } : {}),
  })
  res.end(PIXEL)
}
