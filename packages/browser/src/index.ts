/**
 * Itinera browser tracker: Segment-compatible `track`, `identify`, `page`, `group` and `alias`,
 * with a durable IndexedDB outbox, page-exit delivery, consent and plugins.
 *
 * @module @itinera/browser
 */
export { createAnalytics } from './analytics'
export { VERSION } from './version'
export type {
  Analytics,
  AnalyticsEventName,
  AnalyticsEvents,
  AnalyticsOptions,
  BrowserMessage,
  BrowserMessageType,
  CallOptions,
  Callback,
  ConsentOptions,
  EnrichmentResult,
  JsonObject,
  Plugin,
  PluginHook,
  RejectedMessage,
  UserState,
} from './types'
