import { ConfigError, MAX_BATCH_BYTES, type ValidationIssue } from '@itinera/core/wire'

/** Settings of {@link Analytics}. Everything but `writeKey` has a default. */
export interface AnalyticsOptions {
  /** The source's write key, sent as HTTP Basic user name. */
  writeKey: string
  /** Collector base URL. @default 'http://localhost:8787' */
  host?: string
  /** Path of the batch endpoint. @default '/v1/batch' */
  path?: string
  /** Messages per request; a batch is sent as soon as this many are queued. @default 500 */
  flushAt?: number
  /** Longest time a message waits for a full batch, in milliseconds. @default 1000 */
  flushInterval?: number
  /** Most messages held in memory (queued, in flight and awaiting retry). @default 100000 */
  maxQueueSize?: number
  /** Most serialized bytes held in memory. @default 67108864 (64 MiB) */
  maxQueueBytes?: number
  /** Largest uncompressed request body in bytes, at most 500 KB. @default 512000 */
  maxBatchBytes?: number
  /** Retries of a failed request before its messages are dropped and reported. @default 10 */
  maxRetries?: number
  /** Ceiling of the first retry delay; it doubles per retry, with full jitter. @default 100 */
  retryBaseDelay?: number
  /** Longest retry delay, also the cap applied to `Retry-After`. @default 30000 */
  maxRetryDelay?: number
  /** Request timeout in milliseconds; a timed-out request is retried. @default 10000 */
  timeout?: number
  /** Requests in flight at once. @default 4 */
  maxInFlight?: number
  /** Gzip request bodies. @default true */
  gzip?: boolean
  /** Flush automatically when the process is about to exit naturally (`beforeExit`). @default true */
  flushOnExit?: boolean
}

/** {@link AnalyticsOptions} with every default applied. */
export type ResolvedAnalyticsOptions = Required<AnalyticsOptions>

const DEFAULTS: Omit<ResolvedAnalyticsOptions, 'writeKey'> = {
  host: 'http://localhost:8787',
  path: '/v1/batch',
  flushAt: 500,
  flushInterval: 1000,
  maxQueueSize: 100_000,
  maxQueueBytes: 64 * 1024 * 1024,
  maxBatchBytes: MAX_BATCH_BYTES,
  maxRetries: 10,
  retryBaseDelay: 100,
  maxRetryDelay: 30_000,
  timeout: 10_000,
  maxInFlight: 4,
  gzip: true,
  flushOnExit: true,
}

const POSITIVE_INTEGERS = ['flushAt', 'maxQueueSize', 'maxQueueBytes', 'maxInFlight'] as const
const NON_NEGATIVE = [
  'flushInterval',
  'maxRetries',
  'retryBaseDelay',
  'maxRetryDelay',
  'timeout',
] as const

/** Applies defaults and checks every option; throws a {@link ConfigError} naming each bad one. */
export function resolveAnalyticsOptions(options: AnalyticsOptions): ResolvedAnalyticsOptions {
  const issues: ValidationIssue[] = []
  if (typeof options?.writeKey !== 'string' || options.writeKey.trim() === '') {
    issues.push({ path: 'writeKey', message: 'required: the write key of an Itinera source' })
  }
  const defined = Object.fromEntries(
    Object.entries(options ?? {}).filter(([, value]) => value !== undefined),
  )
  const resolved = { ...DEFAULTS, ...defined } as ResolvedAnalyticsOptions
  for (const key of POSITIVE_INTEGERS) {
    if (!Number.isInteger(resolved[key]) || resolved[key] < 1) {
      issues.push({ path: key, message: 'must be a positive integer' })
    }
  }
  for (const key of NON_NEGATIVE) {
    if (typeof resolved[key] !== 'number' || !(resolved[key] >= 0)) {
      issues.push({ path: key, message: 'must be a number ≥ 0' })
    }
  }
  if (
    !Number.isInteger(resolved.maxBatchBytes) ||
    resolved.maxBatchBytes < 1024 ||
    resolved.maxBatchBytes > MAX_BATCH_BYTES
  ) {
    issues.push({ path: 'maxBatchBytes', message: `must be between 1024 and ${MAX_BATCH_BYTES}` })
  }
  try {
    const url = new URL(resolved.path, resolved.host)
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(url.protocol)
  } catch {
    issues.push({
      path: 'host',
      message: 'must be an http(s) URL such as https://collector.example',
    })
  }
  if (issues.length > 0) {
    throw new ConfigError(
      `invalid Analytics options: ${issues.map((i) => `${i.path} ${i.message}`).join('; ')}`,
      issues,
    )
  }
  return resolved
}
