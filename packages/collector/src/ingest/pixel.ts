import type { ServerResponse } from 'node:http'
import { HttpError } from '../http/http-error.js'

/** A transparent 1×1 GIF, the body of every pixel answer. */
const PIXEL = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64')

/**
 * The message of a pixel request: `data` is the message as base64 JSON (standard or URL-safe,
 * padding optional), as in Segment's pixel API (`GET /v1/pixel/track?data=…`), which emails and
 * pages that cannot run scripts use, for example to record an email being opened.
 */
export function decodePixelData(data: string | null): unknown {
  if (!data) {
    throw new HttpError(400, 'invalid_pixel', 'the "data" query parameter (base64 JSON) is missing')
  }
  const base64 = data.replace(/-/g, '+').replace(/_/g, '/').replace(/\s/g, '')
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(base64)) {
    throw new HttpError(400, 'invalid_pixel', 'the "data" query parameter is not base64')
  }
  try {
    return JSON.parse(Buffer.from(base64, 'base64').toString('utf8')) as unknown
  } catch {
    throw new HttpError(400, 'invalid_pixel', 'the "data" query parameter is not base64 JSON')
  }
}

/**
 * Answers a pixel request with the GIF whatever happened, so that an email client never shows a
 * broken image; the status says what happened and `X-Itinera-Error` why it failed.
 */
export function sendPixel(res: ServerResponse, status: number, error?: string): void {
  if (res.headersSent) return
  res.writeHead(status, {
    'content-type': 'image/gif',
    'content-length': PIXEL.length,
    // Every open must reach the collector: nothing may serve the pixel from a cache.
    'cache-control': 'no-store, no-cache, must-revalidate, private',
    ...(error ? { 'x-itinera-error': error.replace(/[^\x20-\x7e]/g, '?') } : {}),
  })
  res.end(PIXEL)
}
