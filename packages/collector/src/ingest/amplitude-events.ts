import { isPlainObject, type Result } from '@itinera/core'
import { defineKey } from './define-key.js'

type Json = Record<string, unknown>

/** A field of an Amplitude event that is missing or invalid, with why. */
export interface AmplitudeIssue {
  /** The Amplitude field, as the HTTP API names it (`event_type`, `user_id`, …). */
  field: string
  kind: 'missing' | 'invalid'
  message: string
}

/** What a request says about all of its events. */
export interface AmplitudeBatchDefaults {
  /** The request's `client_upload_time`: each message's `sentAt`, for clock-skew correction. */
  sentAt?: string
  /** Server time in epoch ms, for events sent without `time`. */
  receivedAt: number
}

/** Page view events of the browser SDK: the current name and the one before 2.0. */
const PAGE_VIEW_EVENTS = new Set(['[Amplitude] Page Viewed', 'Page View'])
const PAGE_PROPERTY = {
  url: '[Amplitude] Page Location',
  path: '[Amplitude] Page Path',
  title: '[Amplitude] Page Title',
} as const
/** Campaign parameters the browser SDK adds to page views, by Segment's `context.campaign` key. */
const CAMPAIGN_PROPERTIES = {
  source: 'utm_source',
  medium: 'utm_medium',
  name: 'utm_campaign',
  term: 'utm_term',
  content: 'utm_content',
} as const

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined

const id = (value: unknown): string | undefined =>
  typeof value === 'number' && Number.isFinite(value) ? String(value) : text(value)

const asObject = (value: unknown): Json | undefined => (isPlainObject(value) ? value : undefined)

const fail = (field: string, kind: AmplitudeIssue['kind'], message: string) => ({
  ok: false as const,
  error: [{ field, kind, message }],
})

/** `true` when some value of `record` is set. */
const anySet = (record: Json) => Object.values(record).some((value) => value !== undefined)

/**
 * Traits from Amplitude property operations: `$setOnce`, then `$set` (later wins). A plain
 * object without operations (the HTTP API's form) is set as is. The other operations (`$add`,
 * `$append`, `$unset`, `$clearAll`, …) change values relative to what the profile holds, which
 * Segment traits cannot say: they are left out.
 */
export function traitsOfOperations(value: unknown): Json | undefined {
  const input = asObject(value)
  if (!input) return undefined
  const keys = Object.keys(input)
  const traits: Json = {}
  if (!keys.some((key) => key.startsWith('$'))) {
    for (const key of keys) defineKey(traits, key, input[key])
  } else {
    const once = asObject(input.$setOnce) ?? {}
    const set = asObject(input.$set) ?? {}
    for (const [key, item] of Object.entries(once)) if (item !== null) defineKey(traits, key, item)
    for (const [key, item] of Object.entries(set)) defineKey(traits, key, item)
  }
  return Object.keys(traits).length > 0 ? traits : undefined
}

/** `name/version` of Amplitude's `library` field (`amplitude-ts/2.47.1`). */
function libraryOf(value: unknown): Json | undefined {
  const library = text(value)
  if (!library) return undefined
  const slash = library.lastIndexOf('/')
  return slash > 0
    ? { name: library.slice(0, slash), version: library.slice(slash + 1) }
    : { name: library }
}

/** `context` from the device, location and library fields of an event. */
function contextOf(event: Json): Json {
  const context: Json = {}
  const library = libraryOf(event.library)
  if (library) context.library = library
  const userAgent = text(event.user_agent)
  if (userAgent) context.userAgent = userAgent
  const locale = text(event.language)
  if (locale) context.locale = locale
  const os = { name: text(event.os_name), version: text(event.os_version) }
  if (anySet(os)) context.os = os
  const device = {
    manufacturer: text(event.device_manufacturer),
    model: text(event.device_model),
    brand: text(event.device_brand),
    advertisingId: text(event.idfa) ?? text(event.adid),
  }
  if (anySet(device)) context.device = device
  const appVersion = text(event.app_version)
  if (appVersion) context.app = { version: appVersion }
  const location = {
    country: text(event.country),
    region: text(event.region),
    city: text(event.city),
    latitude: typeof event.location_lat === 'number' ? event.location_lat : undefined,
    longitude: typeof event.location_lng === 'number' ? event.location_lng : undefined,
  }
  if (anySet(location)) context.location = location
  const carrier = text(event.carrier)
  if (carrier) context.network = { carrier }
  // '$remote' asks the server to use the request's address, which the collector does not record.
  const ip = text(event.ip)
  if (ip && ip !== '$remote') context.ip = ip
  const platform = text(event.platform)
  if (platform) context.platform = platform
  if (typeof event.session_id === 'number' && event.session_id > 0) {
    context.sessionId = event.session_id
  }
  return context
}

/** `timestamp` from the event's `time` (epoch ms), or the server's clock without one. */
function timing(event: Json, batch: AmplitudeBatchDefaults): Result<Json, AmplitudeIssue[]> {
  if (event.time == null) {
    return { ok: true, value: { timestamp: new Date(batch.receivedAt).toISOString() } }
  }
  const at = typeof event.time === 'number' ? new Date(event.time) : undefined
  const year = at?.getUTCFullYear() ?? Number.NaN
  if (!at || !(year >= 0 && year <= 9999)) {
    return fail('time', 'invalid', 'must be the time of the event in milliseconds since the epoch')
  }
  return { ok: true, value: { timestamp: at.toISOString(), sentAt: batch.sentAt } }
}

/**
 * The Segment message of one Amplitude event (HTTP API v2, as the browser and Node SDKs send
 * it). `user_id` is the `userId`, `device_id` the `anonymousId`: an event carrying both joins
 * them, as Amplitude merges users. `insert_id` is the `messageId`, so a retried event is stored
 * once. `$identify` becomes an identify, `$groupidentify` a group, a page view event a page;
 * every other event is a track of its `event_type`.
 */
export function mapAmplitudeEvent(
  input: unknown,
  batch: AmplitudeBatchDefaults,
): Result<Json, AmplitudeIssue[]> {
  if (!isPlainObject(input)) return fail('event', 'invalid', 'must be an Amplitude event object')
  const eventType = text(input.event_type)
  if (!eventType) return fail('event_type', 'missing', 'required: the name of the event')
  const userId = id(input.user_id)
  const deviceId = id(input.device_id)
  if (!userId && !deviceId) {
    return fail('user_id', 'missing', 'required: a user_id or a device_id')
  }
  if (input.insert_id != null && typeof input.insert_id !== 'string') {
    return fail('insert_id', 'invalid', 'must be a string')
  }
  for (const field of ['event_properties', 'user_properties', 'groups', 'group_properties']) {
    if (input[field] != null && !isPlainObject(input[field])) {
      return fail(field, 'invalid', 'must be an object')
    }
  }
  const timed = timing(input, batch)
  if (!timed.ok) return timed
  const properties = asObject(input.event_properties) ?? {}
  const message: Json = {
    messageId: input.insert_id ?? undefined,
    ...timed.value,
    ...(userId ? { userId } : {}),
    ...(deviceId ? { anonymousId: deviceId } : {}),
    context: contextOf(input),
    properties: { ...properties, ...revenueOf(input) },
  }
  const traits = traitsOfOperations(input.user_properties)
  if (eventType === '$identify') {
    const { properties: _properties, ...rest } = message
    return ok({ ...rest, type: 'identify', traits: traits ?? {} })
  }
  if (eventType === '$groupidentify') return group(message, input)
  const shaped = PAGE_VIEW_EVENTS.has(eventType)
    ? page(message, properties)
    : { ...message, type: 'track', event: eventType }
  // Any event may set user properties; Segment carries them as `context.traits`.
  if (traits) shaped.context = { ...(shaped.context as Json), traits }
  if (input.groups !== undefined)
    shaped.context = { ...(shaped.context as Json), groups: input.groups }
  return ok(shaped)
}

const ok = (value: Json): Result<Json, AmplitudeIssue[]> => ({ ok: true, value })

/** The event-level revenue fields of the HTTP API, as properties. */
function revenueOf(event: Json): Json {
  const revenue: Json = {}
  for (const field of ['price', 'quantity', 'revenue', 'productId', 'revenueType']) {
    if (event[field] !== undefined) revenue[field] = event[field]
  }
  return revenue
}

/** A page view: Segment's page properties and `context.page` from the SDK's page properties. */
function page(message: Json, properties: Json): Json {
  const url = text(properties[PAGE_PROPERTY.url])
  const standard = {
    url,
    path: text(properties[PAGE_PROPERTY.path]),
    title: text(properties[PAGE_PROPERTY.title]),
    referrer: text(properties.referrer),
    search: url && URL.canParse(url) ? text(new URL(url).search) : undefined,
  }
  const context: Json = { ...(message.context as Json) }
  if (anySet(standard)) context.page = standard
  const campaign = Object.fromEntries(
    Object.entries(CAMPAIGN_PROPERTIES).map(([key, name]) => [key, text(properties[name])]),
  )
  if (anySet(campaign)) context.campaign = campaign
  const defined = Object.fromEntries(Object.entries(standard).filter(([, v]) => v !== undefined))
  return { ...message, type: 'page', context, properties: { ...defined, ...properties } }
}

/**
 * `$groupidentify` sets the properties of the group named in `groups` (`{ company: 'acme' }`):
 * a group call for it, with the group type as the `group_type` trait.
 */
function group(message: Json, event: Json): Result<Json, AmplitudeIssue[]> {
  const groups = asObject(event.groups) ?? {}
  const [groupType, groupValue] = Object.entries(groups)[0] ?? []
  const groupId = id(Array.isArray(groupValue) ? groupValue[0] : groupValue)
  if (!groupType || !groupId) {
    return fail('groups', 'missing', 'required: the group to set properties of, as { type: name }')
  }
  const { properties: _properties, ...rest } = message
  return ok({
    ...rest,
    type: 'group',
    groupId,
    traits: { ...traitsOfOperations(event.group_properties), group_type: groupType },
  })
}
