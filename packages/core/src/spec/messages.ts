import { z } from 'zod'
import { contextSchema, jsonObject, optionalString } from './context.js'
import { isIsoTimestamp } from './time.js'

const timestampError = 'must be an ISO-8601 date-time string such as 2024-05-01T12:30:00.000Z'
const timestamp = z
  .string({ error: timestampError })
  .refine(isIsoTimestamp, { error: timestampError })
  .nullish()
  .transform((value) => value ?? undefined)

// Segment accepts numeric ids and reads them as strings.
const idValue = z.union([z.string(), z.number().transform(String)], {
  error: 'must be a string',
})
const optionalId = idValue.nullish().transform((value) => value ?? undefined)
const requiredFor = (type: string) =>
  z
    .union([z.string(), z.number().transform(String)], {
      error: (issue) => (issue.input == null ? `required for type "${type}"` : 'must be a string'),
    })
    .refine((value) => value.trim() !== '', { error: `must not be empty for type "${type}"` })

const commonShape = {
  messageId: optionalString,
  timestamp,
  sentAt: timestamp,
  receivedAt: timestamp,
  originalTimestamp: timestamp,
  anonymousId: optionalId,
  userId: optionalId,
  context: contextSchema.nullish().transform((value) => value ?? undefined),
  integrations: jsonObject,
}

const hasSender = (message: { userId?: string | undefined; anonymousId?: string | undefined }) =>
  Boolean(message.userId?.trim() || message.anonymousId?.trim())
const senderRequired = { error: 'a message needs a userId or an anonymousId', path: ['userId'] }

/** A `track` call: the user did something (`event`) with `properties`. */
export const trackMessageSchema = z
  .looseObject({
    ...commonShape,
    type: z.literal('track'),
    event: requiredFor('track'),
    properties: jsonObject,
  })
  .refine(hasSender, senderRequired)
export type TrackMessage = z.infer<typeof trackMessageSchema>

/** An `identify` call: who the user is, and their `traits`. */
export const identifyMessageSchema = z
  .looseObject({ ...commonShape, type: z.literal('identify'), traits: jsonObject })
  .refine(hasSender, senderRequired)
export type IdentifyMessage = z.infer<typeof identifyMessageSchema>

/** `page` and `screen` share one shape: a named view with its category and properties. */
const viewSchema = <T extends 'page' | 'screen'>(type: T) =>
  z
    .looseObject({
      ...commonShape,
      type: z.literal(type),
      name: optionalString,
      category: optionalString,
      properties: jsonObject,
    })
    .refine(hasSender, senderRequired)

/** A `page` call: the user viewed a web page. */
export const pageMessageSchema = viewSchema('page')
export type PageMessage = z.infer<typeof pageMessageSchema>

/** A `screen` call: the user viewed a screen of a mobile app. */
export const screenMessageSchema = viewSchema('screen')
export type ScreenMessage = z.infer<typeof screenMessageSchema>

/** A `group` call: the user belongs to a group (`groupId`) such as a company. */
export const groupMessageSchema = z
  .looseObject({
    ...commonShape,
    type: z.literal('group'),
    groupId: requiredFor('group'),
    traits: jsonObject,
  })
  .refine(hasSender, senderRequired)
export type GroupMessage = z.infer<typeof groupMessageSchema>

/** An `alias` call: `previousId` and `userId` are the same person. */
export const aliasMessageSchema = z.looseObject({
  ...commonShape,
  type: z.literal('alias'),
  previousId: requiredFor('alias'),
  userId: requiredFor('alias'),
})
export type AliasMessage = z.infer<typeof aliasMessageSchema>

/** Schemas by message type. */
export const messageSchemas = {
  track: trackMessageSchema,
  identify: identifyMessageSchema,
  page: pageMessageSchema,
  screen: screenMessageSchema,
  group: groupMessageSchema,
  alias: aliasMessageSchema,
} as const

/** Any Segment-spec message. */
export const messageSchema = z.discriminatedUnion('type', [
  trackMessageSchema,
  identifyMessageSchema,
  pageMessageSchema,
  screenMessageSchema,
  groupMessageSchema,
  aliasMessageSchema,
])
/** Any Segment-spec message, as validated. */
export type Message = z.infer<typeof messageSchema>
/** The `type` of a message. */
export type MessageType = Message['type']

/** The body of a batch request: messages plus defaults applied to each of them. */
export const batchSchema = z.looseObject({
  batch: z.array(z.unknown(), { error: 'must be an array of messages' }),
  context: jsonObject,
  integrations: jsonObject,
  sentAt: timestamp,
  writeKey: optionalString,
})
/** The body of a batch request, before its messages are validated. */
export type BatchEnvelope = z.infer<typeof batchSchema>
