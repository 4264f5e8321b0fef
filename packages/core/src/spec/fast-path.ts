import type { Message, MessageType } from './messages.js'
import { isIsoTimestamp } from './time.js'

// Most traffic is already well formed. This check accepts exactly such messages without zod,
// which costs several times more per message; anything unusual (nulls, wrong types) falls
// through to the schemas, which also produce the error messages. Numeric ids, common from
// back ends, are read as strings here as the schemas read them. A property test keeps the two in
// agreement (fast-path.test.ts).

type Record_ = Record<string, unknown>

/** True for a plain JSON object: not `null`, not an array. */
export const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
const isAbsentOr = (value: unknown, check: (value: unknown) => boolean) =>
  value === undefined || check(value)
const isString = (value: unknown): value is string => typeof value === 'string'
const isFilled = (value: unknown): value is string =>
  typeof value === 'string' && value.trim() !== ''
const isOptionalString = (value: unknown) => value === undefined || typeof value === 'string'
const isOptionalTime = (value: unknown) => value === undefined || isIsoTimestamp(value)
const isOptionalObject = (value: unknown) => value === undefined || isPlainObject(value)
const isNumericId = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value)
const isOptionalId = (value: unknown) => isOptionalString(value) || isNumericId(value)
const isFilledId = (value: unknown) => isFilled(value) || isNumericId(value)

function hasStringFields(value: unknown, keys: readonly string[]): boolean {
  if (!isPlainObject(value)) return false
  for (const key of keys) if (!isOptionalString(value[key])) return false
  return true
}

const contextObjects: Record<string, readonly string[]> = {
  library: ['name', 'version'],
  page: ['path', 'referrer', 'search', 'title', 'url'],
  campaign: ['name', 'source', 'medium', 'term', 'content'],
  device: ['id', 'advertisingId', 'manufacturer', 'model', 'name', 'type'],
  os: ['name', 'version'],
  app: ['name', 'version'],
}
const contextStrings = ['ip', 'userAgent', 'locale', 'timezone', 'channel']

function isCleanExternalId(value: unknown): boolean {
  return (
    isPlainObject(value) &&
    isString(value.id) &&
    isString(value.type) &&
    value.type !== '' &&
    isOptionalString(value.collection) &&
    isOptionalString(value.encoding)
  )
}

function isCleanContext(context: unknown): boolean {
  if (context === undefined) return true
  if (!isPlainObject(context)) return false
  for (const key in contextObjects) {
    const value = context[key]
    if (value !== undefined && !hasStringFields(value, contextObjects[key] ?? [])) return false
  }
  for (const key of contextStrings) if (!isOptionalString(context[key])) return false
  if (!isOptionalObject(context.traits)) return false
  const externalIds = context.externalIds
  return isAbsentOr(externalIds, (ids) => Array.isArray(ids) && ids.every(isCleanExternalId))
}

const typeChecks: Record<MessageType, (message: Record_) => boolean> = {
  track: (m) => isFilled(m.event) && isOptionalObject(m.properties),
  identify: (m) => isOptionalObject(m.traits),
  page: (m) =>
    isOptionalString(m.name) && isOptionalString(m.category) && isOptionalObject(m.properties),
  screen: (m) =>
    isOptionalString(m.name) && isOptionalString(m.category) && isOptionalObject(m.properties),
  group: (m) => isFilledId(m.groupId) && isOptionalObject(m.traits),
  alias: (m) => isFilledId(m.previousId) && isFilledId(m.userId),
}

/** The id fields a message type's schema reads numbers of as strings. */
const numericIdFields: Record<MessageType, readonly string[]> = {
  track: ['userId', 'anonymousId'],
  identify: ['userId', 'anonymousId'],
  page: ['userId', 'anonymousId'],
  screen: ['userId', 'anonymousId'],
  group: ['userId', 'anonymousId', 'groupId'],
  alias: ['userId', 'anonymousId', 'previousId'],
}

/**
 * Returns the message when it is clean Segment input that the schemas would accept, exactly as
 * they would return it (finite numeric ids read as strings), or `undefined` when the schemas
 * must decide. The message is a shallow copy of `input`, unless `inPlace` says the caller owns
 * `input` (a copy it just made): then ids are converted on `input` itself, which is returned.
 */
export function acceptCleanMessage(
  input: Record<string, unknown>,
  type: MessageType,
  inPlace = false,
): Message | undefined {
  if (!isClean(input, type)) return undefined
  const message: Record_ = inPlace ? input : { ...input }
  for (const field of numericIdFields[type]) {
    const value = message[field]
    if (typeof value === 'number') message[field] = String(value)
  }
  return message as unknown as Message
}

/**
 * True when the fields of an SDK call, stamped with `type` and, where the call gives none, a
 * string `messageId` and an ISO-8601 `timestamp`, make a message that {@link acceptCleanMessage}
 * accepts and returns unchanged: clean, with no numeric id to read as a string. An SDK can then
 * serialize the call and its stamps directly, without building the message.
 */
export function isCleanCall(input: Record<string, unknown>, type: MessageType): boolean {
  if (!isClean(input, type)) return false
  for (const field of numericIdFields[type]) if (typeof input[field] === 'number') return false
  return true
}

function isClean(input: Record_, type: MessageType): boolean {
  return (
    isOptionalString(input.messageId) &&
    isOptionalTime(input.timestamp) &&
    isOptionalTime(input.sentAt) &&
    isOptionalTime(input.receivedAt) &&
    isOptionalTime(input.originalTimestamp) &&
    isOptionalId(input.userId) &&
    isOptionalId(input.anonymousId) &&
    (type === 'alias' || isFilledId(input.userId) || isFilledId(input.anonymousId)) &&
    isOptionalObject(input.integrations) &&
    isCleanContext(input.context) &&
    typeChecks[type](input)
  )
}
