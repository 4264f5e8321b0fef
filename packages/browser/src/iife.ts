/**
 * Script-tag build: exposes the global `Itinera` and, when the inline snippet ran first,
 * creates `window.itinera` from its configuration and replays the calls it buffered, in order.
 *
 * @module @itinera/browser/iife
 */
import { atTime, createAnalytics } from './analytics'
import type { Analytics, AnalyticsOptions } from './types'

export { createAnalytics } from './analytics'
export { VERSION } from './version'

/** What the inline snippet leaves on `window.itinera`: buffered `[method, args, time]` calls. */
interface SnippetStub extends Array<[keyof Analytics, unknown[], number]> {
  config?: AnalyticsOptions
}

/** Turns the snippet's stub into a live tracker; returns it, or undefined without a stub. */
export function load(): Analytics | undefined {
  if (typeof window === 'undefined') return undefined
  const w = window as unknown as { itinera?: SnippetStub | Analytics }
  const stub = w.itinera
  if (!Array.isArray(stub) || !stub.config) return undefined
  const analytics = createAnalytics(stub.config)
  for (const [method, args, time] of stub) {
    const fn = analytics[method] as ((...a: unknown[]) => unknown) | undefined
    if (typeof fn === 'function') atTime(time, () => fn(...args))
  }
  w.itinera = analytics
  return analytics
}

load()
