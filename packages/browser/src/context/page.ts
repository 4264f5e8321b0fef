import type { JsonObject } from '../types'

/** `context.page` for the current document, as analytics.js reports it. */
export function pageContext(): JsonObject {
  const { href, pathname, search } = location
  return {
    path: pathname,
    referrer: document.referrer,
    search,
    title: document.title,
    url: href.split('#')[0],
  }
}
