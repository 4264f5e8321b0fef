import type { DeliveryError, ItineraError } from '@itinera/core'

/** A JSON object such as `properties` or `traits`. */
export type JsonObject = Record<string, unknown>

/** The message types the browser SDK sends. */
export type BrowserMessageType = 'track' | 'identify' | 'page' | 'group' | 'alias'

/** A message as stored in the outbox and sent to `{host}/v1/batch` (Segment spec). */
export interface BrowserMessage {
  type: BrowserMessageType
  messageId: string
  /** When the call was made, ISO-8601. */
  timestamp: string
  /** When the message left the browser, ISO-8601; set at send time. */
  sentAt?: string
  anonymousId: string
  userId?: string
  event?: string
  name?: string
  category?: string
  groupId?: string
  previousId?: string
  properties?: JsonObject
  traits?: JsonObject
  context: JsonObject
  integrations?: JsonObject
}

/** Per-call options, as in Segment's analytics.js. */
export interface CallOptions {
  /** Merged over the automatic context of this message. */
  context?: JsonObject
  /** Passed through to the server untouched. */
  integrations?: JsonObject
  /** Overrides the call time. */
  timestamp?: Date | string
  /** Overrides the stored anonymous id for this message only. */
  anonymousId?: string
}

/**
 * Called once the message is stored in the outbox (or held in memory until consent), or with
 * `undefined` when it was dropped.
 */
export type Callback = (message: BrowserMessage | undefined) => void

/** Ids and traits of the current visitor. */
export interface UserState {
  anonymousId: string
  userId: string | undefined
  traits: JsonObject
}

/** A message the server refused as invalid, with its reasons. */
export interface RejectedMessage {
  message: BrowserMessage
  errors: string[]
}

/** Events of {@link Analytics.on}: name to argument tuple. */
export interface AnalyticsEvents {
  /** A message was accepted by the SDK (after enrichment) and written to the outbox. */
  message: [message: BrowserMessage]
  /** The server acknowledged these messages. */
  delivered: [messages: BrowserMessage[]]
  /** The server refused these messages (listed in a 400, or any other 4xx); they were dropped. */
  rejected: [rejected: RejectedMessage[]]
  /** The outbox was full: these, the oldest messages, were dropped to make room. */
  evicted: [messages: BrowserMessage[]]
  /** A request failed and will be retried after `delayMs`. */
  retry: [detail: { attempt: number; delayMs: number; error: DeliveryError }]
  /** Something went wrong: bad arguments, a failing plugin, a storage failure. */
  error: [error: ItineraError]
  /** A one-time notice, such as falling back to memory when IndexedDB is unavailable. */
  warning: [message: string]
}

/** Name of an {@link AnalyticsEvents} event. */
export type AnalyticsEventName = keyof AnalyticsEvents

/** What an enrichment hook may return: a message, `null` to drop it, nothing to keep it. */
export type EnrichmentResult = BrowserMessage | null | undefined | void

/**
 * A plugin hook. An enrichment hook returns the message to store (changed or not), `null` to
 * drop it, or nothing to keep it; a destination hook's result is ignored (a rejection is reported).
 */
export type PluginHook = (
  message: BrowserMessage,
) => EnrichmentResult | Promise<EnrichmentResult> | Promise<unknown>

/**
 * A plugin: `enrichment` hooks may change or drop a message before it is stored;
 * `destination` hooks receive each stored message. A plugin that throws is reported
 * through the `error` event and removed; the others keep running.
 */
export interface Plugin {
  /** Names the plugin in error reports. */
  name: string
  /** `enrichment` runs before a message is stored; `destination` receives stored messages. */
  type: 'enrichment' | 'destination'
  /** Consent categories a destination needs before it receives messages. @default [] */
  consent?: string[]
  /** Called once when the plugin is added. */
  load?: (analytics: Analytics) => void | Promise<void>
  /** Called for every message type that has no specific hook. */
  message?: PluginHook
  /** Called for `track` messages. */
  track?: PluginHook
  /** Called for `identify` messages. */
  identify?: PluginHook
  /** Called for `page` messages. */
  page?: PluginHook
  /** Called for `group` messages. */
  group?: PluginHook
  /** Called for `alias` messages. */
  alias?: PluginHook
}

/** Consent configuration. */
export interface ConsentOptions {
  /** Categories that must all be granted before anything is stored or sent. @default [] */
  required?: string[]
  /** Categories granted from the start, e.g. restored from your consent manager. @default {} */
  granted?: Record<string, boolean>
  /** What happens to messages while consent is missing: kept in memory, or dropped. @default 'hold' */
  pending?: 'hold' | 'drop'
}

/** Options of {@link createAnalytics}. */
export interface AnalyticsOptions {
  /** The source's write key, sent as HTTP Basic user name and in the batch body. */
  writeKey: string
  /** Collector origin such as `https://collect.example.com`. @default '' (the page's origin) */
  host?: string
  /** Send as soon as this many messages are waiting. @default 20 */
  flushAt?: number
  /** Send waiting messages after this many milliseconds. @default 2000 */
  flushInterval?: number
  /** Most messages in one request. @default 100 */
  maxBatchSize?: number
  /** Most bytes in one request body (the collector's limit). @default 512000 */
  maxBatchBytes?: number
  /** Outbox cap in messages; the oldest are evicted first. @default 10000 */
  maxOutboxMessages?: number
  /** Outbox cap in bytes; the oldest are evicted first. @default 5242880 */
  maxOutboxBytes?: number
  /** First retry delay ceiling, doubled on each failure (full jitter). @default 500 */
  retryBaseDelay?: number
  /** Longest retry delay, also the cap on `Retry-After`. @default 60000 */
  retryMaxDelay?: number
  /** Abort a request after this many milliseconds. @default 10000 */
  requestTimeout?: number
  /** Cookie domain for sharing the anonymous id across subdomains, e.g. `.example.com`. @default undefined (this host only) */
  cookieDomain?: string
  /** Send a page view at start and on single-page-app navigations. @default true */
  trackPages?: boolean
  /** Send nothing when the browser sends Global Privacy Control. @default false */
  honorGpc?: boolean
  /** Send nothing when the browser sends Do Not Track. @default false */
  honorDnt?: boolean
  /** Track visitors whose user agent looks like a bot or headless browser. @default false */
  allowBots?: boolean
  /** Consent categories and what to do before consent. @default { required: [], granted: {}, pending: 'hold' } */
  consent?: ConsentOptions
  /** Plugins added at start. @default [] */
  plugins?: Plugin[]
  /** Report problems and deliveries on the console. @default false */
  debug?: boolean
}

/** The tracker returned by {@link createAnalytics}; argument shapes follow Segment's analytics.js. */
export interface Analytics {
  /** Records that the user did something. */
  track(
    event: string,
    properties?: JsonObject | Callback,
    options?: CallOptions | Callback,
    callback?: Callback,
  ): Promise<BrowserMessage | undefined>
  /** Names the user and records traits; `identify(traits)` keeps the current user id. */
  identify(
    userId?: string | JsonObject | null,
    traits?: JsonObject | CallOptions | Callback,
    options?: CallOptions | Callback,
    callback?: Callback,
  ): Promise<BrowserMessage | undefined>
  /** Records a page view: `page()`, `page(name)`, `page(category, name, properties)`, `page(properties)`. */
  page(...args: unknown[]): Promise<BrowserMessage | undefined>
  /** Associates the user with a group such as a company. */
  group(
    groupId: string,
    traits?: JsonObject,
    options?: CallOptions | Callback,
    callback?: Callback,
  ): Promise<BrowserMessage | undefined>
  /** Links `previousId` (default: the current id) to `userId`. */
  alias(
    userId: string,
    previousId?: string | CallOptions | Callback,
    options?: CallOptions | Callback,
    callback?: Callback,
  ): Promise<BrowserMessage | undefined>
  /** Forgets the user id and traits and rotates the anonymous id. */
  reset(): void
  /** The current ids and traits. */
  user(): UserState
  /** Sends everything waiting now; resolves when done or when sending must wait (offline, backoff). */
  flush(): Promise<void>
  /** Adds a plugin. */
  use(plugin: Plugin): Promise<void>
  /** Grants or withdraws consent categories; withdrawing a required one clears the outbox. */
  setConsent(categories: Record<string, boolean>): void
  /** Subscribes to an event; returns the function that unsubscribes. */
  on<E extends AnalyticsEventName>(
    event: E,
    handler: (...args: AnalyticsEvents[E]) => void,
  ): () => void
}
