import { isPlainObject } from '@itinera/core'
import type { IncomingMessage } from 'node:http'
import { decodeBase64 } from '../http/base64.js'
import { gunzipLimited, parseJson, readBody } from '../http/body.js'
import { HttpError } from '../http/http-error.js'

/** The events of a PostHog capture request, with what its envelope says about them. */
export interface PostHogPayload {
  events: unknown[]
  /** The project token: the workspace's write key. */
  token: string
  /** The envelope's `sent_at`, when it is a string. */
  sentAt: string | undefined
}

const invalid = (message: string) => new HttpError(400, 'invalid_posthog_payload', message)

const isGzip = (data: Buffer) => data.length >= 2 && data[0] === 0x1f && data[1] === 0x8b

/**
 * The JSON of a capture request, however the SDK encoded it: plain JSON (posthog-node gzips it
 * with `Content-Encoding: gzip`), a gzip stream sent as `text/plain` (posthog-js' `gzip-js`,
 * which no longer names it in the URL), or a form with the JSON, usually base64, in `data`
 * (`?compression=base64`, posthog-js' page-exit beacons). Every limit applies after decoding.
 */
export async function readPostHogBody(
  req: IncomingMessage,
  url: URL,
  maxBytes: number,
): Promise<unknown> {
  const compression = url.searchParams.get('compression')
  if (compression !== null && !['gzip-js', 'gzip', 'base64', ''].includes(compression)) {
    req.resume()
    throw new HttpError(
      415,
      'unsupported_encoding',
      `compression "${compression}" is not supported; send gzip-js, base64 or plain JSON`,
    )
  }
  let data = await readBody(req, { maxBytes })
  if (isGzip(data) || compression === 'gzip-js' || compression === 'gzip') {
    data = await gunzipLimited(data, maxBytes)
  }
  const type = String(req.headers['content-type'] ?? '')
  if (compression === 'base64' || type.startsWith('application/x-www-form-urlencoded')) {
    return parseForm(data)
  }
  return parseJson(data)
}

/** The JSON in a form's `data` field: base64 (`compression=base64`) or as is. */
function parseForm(data: Buffer): unknown {
  const field = new URLSearchParams(data.toString('utf8')).get('data')
  if (!field) throw invalid('the form body has no "data" field holding the events')
  const json = /^\s*[[{]/.test(field) ? field : decodeBase64(field)?.toString('utf8')
  if (json === undefined) throw invalid('the form\'s "data" field is neither JSON nor base64')
  try {
    return JSON.parse(json) as unknown
  } catch {
    throw invalid('the form\'s "data" field is not base64 JSON')
  }
}

const tokenOf = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined

/** The token an event carries: `api_key` or `token` beside it, or `token` in its properties. */
const eventToken = (event: unknown): string | undefined =>
  isPlainObject(event)
    ? (tokenOf(event.api_key) ??
      tokenOf(event.token) ??
      (isPlainObject(event.properties) ? tokenOf(event.properties.token) : undefined))
    : undefined

/**
 * Reads a capture body: a batch (`{ api_key, batch: [...], sent_at }`), a single event
 * (`{ event, distinct_id, properties, api_key }`) or an array of events. The token is the
 * envelope's `api_key` (or `token`), else the events'; every event that names one must name the
 * same (401 otherwise), as PostHog requires.
 */
export function parsePostHogPayload(body: unknown): PostHogPayload {
  let events: unknown[]
  let envelope: Record<string, unknown> = {}
  if (Array.isArray(body)) events = body
  else if (isPlainObject(body) && Array.isArray(body.batch)) {
    events = body.batch
    envelope = body
  } else if (isPlainObject(body) && body.event !== undefined) events = [body]
  else {
    throw invalid(
      'the body is neither a PostHog batch ({"api_key", "batch": [...]}) nor an event ({"event", "distinct_id", "properties"})',
    )
  }
  const tokens = new Set(events.map(eventToken).filter((token) => token !== undefined))
  const token = tokenOf(envelope.api_key) ?? tokenOf(envelope.token) ?? [...tokens][0]
  if (token === undefined) {
    throw new HttpError(
      401,
      'missing_write_key',
      'the PostHog project token is missing: initialize the SDK with the workspace write key as its token',
    )
  }
  tokens.delete(token)
  if (tokens.size > 0) {
    throw new HttpError(401, 'invalid_write_key', 'the events of one request name different tokens')
  }
  const sentAt = typeof envelope.sent_at === 'string' ? envelope.sent_at : undefined
  return { events, token, sentAt }
}
