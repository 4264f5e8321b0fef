import { parseRetryAfter } from '@itinera/core'

/** What a batch request came back with. */
export interface PostResult {
  /** HTTP status, or 0 when the request failed or timed out. */
  status: number
  /** The parsed JSON body, when there was one. */
  body?: unknown
  /** `Retry-After` in milliseconds, when the server sent one. */
  retryAfterMs?: number
  /** Why the request failed without a status. */
  error?: unknown
}

/**
 * POSTs a batch body. A normal flush authenticates with HTTP Basic; a page-exit request sends
 * `text/plain` with the write key in the body only, so no CORS preflight can delay it.
 */
export async function postBatch(
  url: string,
  body: string,
  init: { writeKey: string; keepalive: boolean; exit: boolean; timeout: number },
): Promise<PostResult> {
  // Without fetch keepalive (Firefox before 133) only sendBeacon outlives the page.
  if (init.exit && typeof Request !== 'undefined' && !('keepalive' in Request.prototype)) {
    return { status: navigator.sendBeacon?.(url, body) ? 202 : 0 }
  }
  const ctrl = new AbortController()
  const timer = setTimeout(() => ctrl.abort(), init.timeout)
  try {
    const res = await fetch(url, {
      method: 'POST',
      body,
      keepalive: init.keepalive,
      credentials: 'omit',
      signal: ctrl.signal,
      headers: init.exit
        ? { 'Content-Type': 'text/plain' }
        : {
            'Content-Type': 'application/json',
            Authorization: `Basic ${btoa(`${init.writeKey}:`)}`,
          },
    })
    // A malformed body reads as none: the status decides.
    const parsed: unknown = await res.json().catch(() => undefined)
    return {
      status: res.status,
      body: parsed,
      retryAfterMs: parseRetryAfter(res.headers.get('Retry-After'), Date.now()),
    }
  } catch (error) {
    return { status: 0, error }
  } finally {
    clearTimeout(timer)
  }
}
