import {
  ConfigError,
  DeliveryError,
  formatIssue,
  formatProfileRef,
  parseRetryAfter,
  safeParseProfileRef,
  type ApiAttributionRequest,
  type ApiAttributionResponse,
  type ApiDeletion,
  type ApiExplanation,
  type ApiFunnelRequest,
  type ApiFunnelResponse,
  type ApiHistory,
  type ApiIdentifier,
  type ApiJourney,
  type ApiPathsRequest,
  type ApiPathsResponse,
  type ApiProfile,
  type ApiStagesResponse,
  type ApiTimelineEvent,
  type ProfileApiPage,
} from '@itinera/core/wire'
import { LIBRARY_NAME, VERSION } from '../version.js'
import { InvalidRequestError, toProfileApiError } from './errors.js'
import { PageIterator } from './page-iterator.js'

/** Settings of {@link Profiles}. */
export interface ProfilesOptions {
  /** Collector base URL, e.g. `https://collect.example.com`. */
  host: string
  /** The workspace's secret key (never a write key; never ship it to browsers). */
  secretKey: string
  /** Request timeout in milliseconds. @default 10000 */
  timeout?: number
  /** The fetch implementation. @default globalThis.fetch */
  fetch?: typeof fetch
}

/** Options of the paginated methods. */
export interface ListOptions {
  /** Items per page (the server caps it). */
  limit?: number
  /** Resume from a `next` cursor of an earlier page. */
  cursor?: string
}

/** A profile id, a `type:value` ref (`email:ana@example.com`), or an identifier object. */
export type ProfileRefInput = string | ApiIdentifier

/**
 * Typed client of the collector's profile and journey API. Every method rejects with a typed
 * error carrying the server's message: NotFoundError, UnauthorizedError, InvalidRequestError,
 * RateLimitError, or DeliveryError for network and server failures.
 *
 * @example
 * import { Profiles } from '@itinera/node'
 *
 * const profiles = new Profiles({ host: 'https://collect.example.com', secretKey: process.env.ITINERA_SECRET_KEY! })
 * const ana = await profiles.get('email:ana@example.com')
 * for await (const event of profiles.events(ana.id)) console.log(event.timestamp, event.event)
 */
export class Profiles {
  readonly #base: URL
  readonly #secretKey: string
  readonly #timeout: number
  readonly #fetch: typeof fetch | undefined

  constructor(options: ProfilesOptions) {
    const issues = []
    if (typeof options?.secretKey !== 'string' || options.secretKey.trim() === '') {
      issues.push({ path: 'secretKey', message: 'required: the workspace secret key' })
    }
    let base: URL | undefined
    try {
      base = new URL(options?.host)
      if (base.protocol !== 'http:' && base.protocol !== 'https:') throw new Error(base.protocol)
    } catch {
      issues.push({
        path: 'host',
        message: 'must be an http(s) URL such as https://collect.example.com',
      })
    }
    if (issues.length > 0 || !base) {
      throw new ConfigError(
        `invalid Profiles options: ${issues.map((i) => `${i.path} ${i.message}`).join('; ')}`,
        issues,
      )
    }
    this.#base = base
    this.#secretKey = options.secretKey
    this.#timeout = options.timeout ?? 10_000
    this.#fetch = options.fetch
  }

  /** Every profile, page by page (`GET /v1/profiles`). */
  list(options: ListOptions = {}): PageIterator<ApiProfile> {
    return new PageIterator(
      (cursor) => this.#request('GET', '/v1/profiles', { query: { limit: options.limit, cursor } }),
      options.cursor,
    )
  }

  /** The stitched profile behind a ref; a merged-away id resolves to the survivor. */
  async get(ref: ProfileRefInput): Promise<ApiProfile> {
    return this.#request('GET', `/v1/profiles/${this.#ref(ref)}`)
  }

  /** The profile's timeline, oldest first, fetched page by page. */
  events(ref: ProfileRefInput, options: ListOptions = {}): PageIterator<ApiTimelineEvent> {
    return new PageIterator<ApiTimelineEvent>(
      async (cursor) =>
        this.#request<ProfileApiPage<ApiTimelineEvent>>(
          'GET',
          `/v1/profiles/${this.#ref(ref)}/events`,
          { query: { limit: options.limit, cursor } },
        ),
      options.cursor,
    )
  }

  /** The journey stages the profile entered. */
  async journey(ref: ProfileRefInput): Promise<ApiJourney> {
    return this.#request('GET', `/v1/profiles/${this.#ref(ref)}/journey`)
  }

  /** Merges and refused links of the profile. */
  async history(ref: ProfileRefInput): Promise<ApiHistory> {
    return this.#request('GET', `/v1/profiles/${this.#ref(ref)}/history`)
  }

  /**
   * Why identifiers `a` and `b` are both in the profile: the shortest chain of messages that
   * linked them, each step naming the two identifiers it carried. `sameProfile` is false (and
   * `steps` empty) when they are not both in it.
   * @example
   * const why = await profiles.explain('email:ana@example.com', 'anonymous_id:web-1', 'user_id:u-ana')
   * for (const step of why.steps) console.log(step.messageId, step.from.value, '→', step.to.value)
   */
  async explain(
    ref: ProfileRefInput,
    a: string | ApiIdentifier,
    b: string | ApiIdentifier,
  ): Promise<ApiExplanation> {
    return this.#request('GET', `/v1/profiles/${this.#ref(ref)}/explain`, {
      query: { a: this.#identifier(a, 'a'), b: this.#identifier(b, 'b') },
    })
  }

  /**
   * Requests deletion of the profile: its messages, identities and traits are removed and its
   * identifiers suppressed. Resolves with what was removed.
   */
  async delete(ref: ProfileRefInput): Promise<ApiDeletion> {
    return this.#request('DELETE', `/v1/profiles/${this.#ref(ref)}`)
  }

  /** The status and outcome of an earlier deletion request. */
  async deletion(id: string): Promise<ApiDeletion> {
    return this.#request('GET', `/v1/deletions/${encodeURIComponent(id)}`)
  }

  /** Workspace funnel over stored profiles (`POST /v1/funnels`). */
  async funnel(query: ApiFunnelRequest): Promise<ApiFunnelResponse> {
    return this.#request('POST', '/v1/funnels', { body: query })
  }

  /** Most frequent paths (`POST /v1/paths`). */
  async paths(query: ApiPathsRequest): Promise<ApiPathsResponse> {
    return this.#request('POST', '/v1/paths', { body: query })
  }

  /** Channel attribution of a conversion (`POST /v1/attribution`). */
  async attribution(query: ApiAttributionRequest): Promise<ApiAttributionResponse> {
    return this.#request('POST', '/v1/attribution', { body: query })
  }

  /** Stages of the workspace's stage model with their profile counts (`GET /v1/stages`). */
  async stages(): Promise<ApiStagesResponse> {
    return this.#request('GET', '/v1/stages')
  }

  #ref(ref: ProfileRefInput): string {
    const { text, parsed } = parseRef(ref)
    if (!parsed.ok) {
      throw new InvalidRequestError(parsed.error.map(formatIssue).join('; '), {
        param: 'ref',
        issues: parsed.error,
      })
    }
    return encodeURIComponent(text)
  }

  #identifier(identifier: string | ApiIdentifier, param: string): string {
    const { text, parsed } = parseRef(identifier)
    if (!parsed.ok || parsed.value.kind !== 'identifier') {
      throw new InvalidRequestError(`${param}: must be an identifier as type:value`, { param })
    }
    return text
  }

  async #request<T>(
    method: 'GET' | 'POST' | 'DELETE',
    path: string,
    options: { query?: Record<string, string | number | undefined>; body?: unknown } = {},
  ): Promise<T> {
    const url = new URL(
      path.replace(/^\//, ''),
      this.#base.href.endsWith('/') ? this.#base : `${this.#base.href}/`,
    )
    for (const [key, value] of Object.entries(options.query ?? {})) {
      if (value !== undefined) url.searchParams.set(key, String(value))
    }
    const headers: Record<string, string> = {
      authorization: `Bearer ${this.#secretKey}`,
      accept: 'application/json',
      'user-agent': `${LIBRARY_NAME}/${VERSION}`,
    }
    if (options.body !== undefined) headers['content-type'] = 'application/json'
    let response: Response
    try {
      // globalThis.fetch is read per call so interceptors installed later still apply.
      response = await (this.#fetch ?? globalThis.fetch)(url, {
        method,
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        signal: AbortSignal.timeout(this.#timeout),
      })
    } catch (error) {
      const timedOut = error instanceof Error && error.name === 'TimeoutError'
      throw new DeliveryError(
        timedOut
          ? `${method} ${url.pathname} timed out after ${this.#timeout} ms`
          : `${method} ${url.pathname} failed: ${error instanceof Error ? error.message : String(error)}`,
        { retryable: true },
        { cause: error },
      )
    }
    const text = await response.text()
    let body: unknown
    try {
      body = text === '' ? undefined : JSON.parse(text)
    } catch {
      body = undefined
    }
    if (response.ok) return body as T
    throw toProfileApiError(
      response.status,
      body,
      parseRetryAfter(response.headers.get('retry-after'), Date.now()),
      `${method} ${url.pathname} answered ${response.status}${text ? `: ${text.slice(0, 200)}` : ''}`,
    )
  }
}

/** A ref as text (an identifier object formatted as `type:value`) and its parse. */
function parseRef(ref: ProfileRefInput) {
  const text = typeof ref === 'string' ? ref : formatProfileRef(ref)
  return { text, parsed: safeParseProfileRef(text) }
}
