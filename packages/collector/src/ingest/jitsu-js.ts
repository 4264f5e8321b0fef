/**
 * The paths Jitsu's SDK (`@jitsu/js`) posts each call to under its `host`, one message per
 * request with the message type last: `/api/s/page` and so on in the browser, and
 * `/api/s/s2s/page` with its `s2s` (server-to-server) option. The body is a Segment message and
 * the write key travels in `X-Write-Key`. The SDK has no batching or beacon delivery; it reads
 * the answer as JSON and only acts on a `destinations` list, which the collector never sends.
 */
export const JITSU_JS_PATHS = ['/api/s/:type', '/api/s/s2s/:type'] as const
