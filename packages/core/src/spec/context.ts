import { z } from 'zod'

/** Optional string that also accepts `null` (some clients send it) and reads it as absent. */
export const optionalString = z
  .string({ error: 'must be a string' })
  .nullish()
  .transform((value) => value ?? undefined)

/** A free-form JSON object such as `properties` or `traits`; `null` reads as absent. */
export const jsonObject = z
  .record(z.string(), z.unknown(), { error: 'must be an object' })
  .nullish()
  .transform((value) => value ?? undefined)

const nested = <T extends z.core.$ZodLooseShape>(shape: T) =>
  z
    .looseObject(shape, { error: 'must be an object' })
    .nullish()
    .transform((value) => value ?? undefined)

/** `context.externalIds[]` entry: an identifier of a given type from another system. */
export const externalIdSchema = z.looseObject({
  id: z.union([z.string(), z.number().transform(String)], { error: 'must be a string' }),
  type: z.string({ error: 'must be a string' }).min(1, 'must not be empty'),
  collection: optionalString,
  encoding: optionalString,
})
/** An entry of `context.externalIds`. */
export type ExternalId = z.infer<typeof externalIdSchema>

/**
 * The `context` object of a message: what was true about the sender when it happened.
 * Unknown keys are kept, as the Segment spec allows.
 */
export const contextSchema = z.looseObject(
  {
    library: nested({ name: optionalString, version: optionalString }),
    page: nested({
      path: optionalString,
      referrer: optionalString,
      search: optionalString,
      title: optionalString,
      url: optionalString,
    }),
    campaign: nested({
      name: optionalString,
      source: optionalString,
      medium: optionalString,
      term: optionalString,
      content: optionalString,
    }),
    device: nested({
      id: optionalString,
      advertisingId: optionalString,
      manufacturer: optionalString,
      model: optionalString,
      name: optionalString,
      type: optionalString,
    }),
    os: nested({ name: optionalString, version: optionalString }),
    app: nested({ name: optionalString, version: optionalString }),
    ip: optionalString,
    userAgent: optionalString,
    locale: optionalString,
    timezone: optionalString,
    traits: jsonObject,
    externalIds: z
      .array(externalIdSchema, { error: 'must be an array of { id, type }' })
      .nullish()
      .transform((value) => value ?? undefined),
    channel: optionalString,
  },
  { error: 'must be an object' },
)
/** The `context` object of a message. */
export type MessageContext = z.infer<typeof contextSchema>
