export { backoffDelay, isRetryableStatus, parseRetryAfter } from './backoff.js'
export type { BackoffOptions } from './backoff.js'
