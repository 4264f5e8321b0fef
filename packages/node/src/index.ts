/**
 * Itinera server SDK: `Analytics` sends track, identify and friends with batching, gzip and
 * retries; `Profiles` is a typed client of the collector's profile and journey API.
 *
 * @module @itinera/node
 */
export { Analytics } from './analytics/analytics.js'
export type { CloseOptions } from './analytics/analytics.js'
export type {
  AliasParams,
  BaseParams,
  Callback,
  GroupParams,
  IdentifyParams,
  PageParams,
  TrackParams,
} from './analytics/calls.js'
export { Emitter } from './analytics/emitter.js'
export type {
  AnalyticsEvents,
  DropEvent,
  DropReason,
  FlushEvent,
  RetryEvent,
} from './analytics/events.js'
export type { AnalyticsOptions } from './analytics/options.js'
export type { AnalyticsStats } from './analytics/stats.js'
export {
  InvalidRequestError,
  NotFoundError,
  RateLimitError,
  UnauthorizedError,
} from './profile-client/errors.js'
export { PageIterator } from './profile-client/page-iterator.js'
export type { FetchPage } from './profile-client/page-iterator.js'
export { Profiles } from './profile-client/profiles.js'
export type { ListOptions, ProfileRefInput, ProfilesOptions } from './profile-client/profiles.js'
export { LIBRARY_NAME, VERSION } from './version.js'
