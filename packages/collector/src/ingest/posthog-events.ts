import { isPlainObject, type Result } from '@itinera/core'
import { defineKey } from './define-key.js'

type Json = Record<string, unknown>

/** What a batch says about all of its events. */
export interface PostHogBatchDefaults {
  /** The batch's `sent_at`: each message's `sentAt`, for clock-skew correction. */
  sentAt?: string
  /** Server time in epoch ms, for events timed by `offset` (ms before sending) instead. */
  receivedAt: number
}

// Fields that the message carries elsewhere: the project token (the write key, never stored),
// `distinct_id` (userId or anonymousId), `$set`/`$set_once` (traits).
const MAPPED_PROPERTIES = new Set(['token', 'distinct_id', '$set', '$set_once'])

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined

const id = (value: unknown): string | undefined =>
  typeof value === 'number' && Number.isFinite(value) ? String(value) : text(value)

const issue = (path: string, message: string): Result<Json> => ({
  ok: false,
  error: [{ path, message }],
})

/**
 * Person properties an event sets: `$set_once` then `$set` (later wins), read from the event and
 * from its properties (posthog-js puts them beside `properties` on `$identify`, the server SDKs
 * inside). Segment traits have no set-once: a set-once value is a plain trait, and a `null` one,
 * which could never set anything, is dropped.
 */
function personTraits(event: Json, properties: Json): Json | undefined {
  const once = { ...asObject(properties.$set_once), ...asObject(event.$set_once) }
  const set = { ...asObject(properties.$set), ...asObject(event.$set) }
  const traits: Json = {}
  for (const [key, value] of Object.entries(once)) if (value !== null) defineKey(traits, key, value)
  for (const [key, value] of Object.entries(set)) defineKey(traits, key, value)
  return Object.keys(traits).length > 0 ? traits : undefined
}

const asObject = (value: unknown): Json | undefined => (isPlainObject(value) ? value : undefined)

/** `context` from what posthog-js records about the page, browser and library. */
function contextOf(properties: Json, event: string): Json {
  const context: Json = {}
  const library = text(properties.$lib)
  if (library) context.library = { name: library, version: text(properties.$lib_version) }
  const url = text(properties.$current_url)
  const page: Json = {
    url,
    path: text(properties.$pathname),
    // posthog-js says `$direct` when there is no referrer.
    referrer: properties.$referrer === '$direct' ? undefined : text(properties.$referrer),
    search: url && URL.canParse(url) ? text(new URL(url).search) : undefined,
    // Only a page view's `title` is the document's; other events' `title` is the caller's.
    title: event === '$pageview' ? text(properties.title) : undefined,
  }
  if (Object.values(page).some((value) => value !== undefined)) context.page = page
  const userAgent = text(properties.$raw_user_agent)
  if (userAgent) context.userAgent = userAgent
  const locale = text(properties.$browser_language)
  if (locale) context.locale = locale
  const timezone = text(properties.$timezone)
  if (timezone) context.timezone = timezone
  const os = text(properties.$os)
  if (os) context.os = { name: os, version: text(properties.$os_version) }
  const { $screen_width: width, $screen_height: height } = properties
  if (typeof width === 'number' && typeof height === 'number') context.screen = { width, height }
  return context
}

const UUID_V7 = /^[\da-f]{8}-[\da-f]{4}-7[\da-f]{3}-[89ab][\da-f]{3}-[\da-f]{12}$/i

/**
 * Whether the event was sent by an anonymous visitor: posthog-js says so with `$is_identified`;
 * without it, an event that asks for no person profile under a random UUIDv7 is anonymous, and one that sends
 * `$device_id` is while its distinct_id is that device id. Otherwise (server SDKs) the
 * distinct_id is the application's user id.
 */
function isAnonymous(properties: Json, distinctId: string): boolean {
  const identified = properties.$is_identified
  if (typeof identified === 'boolean') return !identified
  // posthog-node gives a call without a person (captureException, …) a random UUIDv7 as its
  // distinct_id and asks for no person profile: that id is nobody's user id. An application's
  // own id with the same flag stays a user id.
  if (properties.$process_person_profile === false && UUID_V7.test(distinctId)) return true
  return id(properties.$device_id) === distinctId
}

/**
 * The Segment message of one PostHog event. Identity stays conservative: an anonymous event's
 * distinct_id is its `anonymousId`, any other one a `userId`, and only `$identify`
 * (`$anon_distinct_id`) and `$create_alias` link two ids. `$device_id` links nothing, since
 * posthog-js keeps it across `reset()`, for every user who signs in on that browser.
 */
export function mapPostHogEvent(input: unknown, batch: PostHogBatchDefaults): Result<Json> {
  if (!isPlainObject(input)) return issue('', 'must be a PostHog event object')
  const event = text(input.event)
  if (!event) return issue('event', 'required: the name of the PostHog event')
  if (input.properties != null && !isPlainObject(input.properties)) {
    return issue('properties', 'must be an object')
  }
  const properties: Json = isPlainObject(input.properties) ? input.properties : {}
  const distinctId = id(input.distinct_id) ?? id(properties.distinct_id)
  if (!distinctId) return issue('distinct_id', 'required: the PostHog distinct_id of the person')
  if (input.uuid != null && typeof input.uuid !== 'string') return issue('uuid', 'must be a string')

  const anonymous = isAnonymous(properties, distinctId)
  const message: Json = {
    messageId: input.uuid ?? undefined,
    ...timing(input, batch),
    ...(anonymous ? { anonymousId: distinctId } : { userId: distinctId }),
    context: contextOf(properties, event),
    properties: Object.fromEntries(
      Object.entries(properties).filter(([key]) => !MAPPED_PROPERTIES.has(key)),
    ),
  }
  const traits = personTraits(input, properties)
  if (event === '$identify') {
    const { anonymousId: _sender, ...rest } = message
    const anonymousId = otherId(properties.$anon_distinct_id, distinctId)
    const linked = anonymousId === undefined ? {} : { anonymousId }
    return ok({ ...rest, type: 'identify', userId: distinctId, ...linked, traits })
  }
  if (event === '$set') return ok({ ...message, type: 'identify', traits })
  const shaped = shape(event, message, properties, distinctId, anonymous)
  // Any event may set person properties; Segment carries them as `context.traits`.
  if (!shaped.ok || !traits) return shaped
  const context = { ...(shaped.value.context as Json), traits }
  return ok({ ...shaped.value, context })
}

/** The Segment type and fields of an event other than `$identify` and `$set`. */
function shape(
  event: string,
  message: Json,
  properties: Json,
  distinctId: string,
  anonymous: boolean,
): Result<Json> {
  switch (event) {
    case '$create_alias':
      return alias(message, properties, distinctId, anonymous)
    case '$groupidentify':
      return group(message, properties, distinctId)
    case '$pageview':
      return ok({ ...message, type: 'page', properties: pageProperties(message) })
    case '$screen':
      return ok({ ...message, type: 'screen', name: text(properties.$screen_name) })
    default:
      return ok({ ...message, type: 'track', event })
  }
}

const ok = (value: Json): Result<Json> => ({ ok: true, value })

const otherId = (value: unknown, distinctId: string) => {
  const other = id(value)
  return other === distinctId ? undefined : other
}

/** `timestamp` as sent with the batch's `sent_at`, or, timed by `offset`, server time. */
function timing(event: Json, batch: PostHogBatchDefaults): Json {
  if (event.timestamp == null && typeof event.offset === 'number') {
    const at = new Date(batch.receivedAt - event.offset)
    // An offset beyond ISO-8601's years (0000–9999) leaves the message untimed: the collector's
    // clock then times it.
    const year = at.getUTCFullYear()
    return year >= 0 && year <= 9999 ? { timestamp: at.toISOString() } : {}
  }
  return { timestamp: event.timestamp ?? undefined, sentAt: batch.sentAt }
}

/**
 * `$create_alias` makes `alias` another id of `distinct_id`, the id PostHog keeps. When an
 * anonymous visitor aliases, the alias is the user id they are known by from then on.
 */
function alias(message: Json, properties: Json, distinctId: string, anonymous: boolean) {
  const other = id(properties.alias)
  if (!other) return issue('properties.alias', 'required: the id to alias to the distinct_id')
  return ok(
    anonymous
      ? { ...message, type: 'alias', userId: other, previousId: distinctId }
      : { ...message, type: 'alias', userId: distinctId, previousId: other },
  )
}

/**
 * `$groupidentify` sets a group's properties. posthog-node sends it as `$<type>_<key>` when no
 * person is given: that placeholder becomes the anonymousId of the group's own profile, never a
 * user id.
 */
function group(message: Json, properties: Json, distinctId: string) {
  const groupId = id(properties.$group_key)
  if (!groupId) return issue('properties.$group_key', 'required: the key of the group')
  const groupType = text(properties.$group_type)
  const placeholder = groupType !== undefined && distinctId === `$${groupType}_${groupId}`
  const { userId: _userId, anonymousId: _anonymousId, ...rest } = message
  return ok({
    ...rest,
    ...(placeholder || message.anonymousId ? { anonymousId: distinctId } : { userId: distinctId }),
    type: 'group',
    groupId,
    traits: {
      ...asObject(properties.$group_set),
      ...(groupType ? { $group_type: groupType } : {}),
    },
  })
}

/** A page view's properties, with Segment's page properties from its context where absent. */
function pageProperties(message: Json): Json {
  const page = asObject(asObject(message.context)?.page) ?? {}
  const standard = Object.fromEntries(
    Object.entries(page).filter(([, value]) => value !== undefined),
  )
  return { ...standard, ...(message.properties as Json) }
}
