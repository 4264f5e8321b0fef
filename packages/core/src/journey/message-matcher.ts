import { z } from 'zod'
import { MESSAGE_TYPES } from '../spec/index.js'
import type { TimelineEntry } from '../profiles/index.js'
import { createEventNameTest } from '../profiles/event-names.js'

const messageTypeSchema = z.enum(MESSAGE_TYPES)
const NUMERIC_OPS = ['gt', 'gte', 'lt', 'lte'] as const

/**
 * A condition on one field of a message. `path` is dotted from the message root
 * (`properties.revenue`, `context.campaign.source`, `traits.plan`); `channel`, `sessionId` and
 * `touchpoint.…` read the timeline annotations instead. Numeric operators read numeric strings
 * as numbers.
 */
export const propertyPredicateSchema = z
  .strictObject({
    path: z.string().min(1, 'must not be empty'),
    op: z.enum([
      'eq',
      'neq',
      'gt',
      'gte',
      'lt',
      'lte',
      'in',
      'not_in',
      'contains',
      'exists',
      'not_exists',
    ]),
    value: z.unknown().optional(),
  })
  .superRefine((predicate, ctx) => {
    const { op, value } = predicate
    const fail = (message: string) => ctx.addIssue({ code: 'custom', path: ['value'], message })
    if ((NUMERIC_OPS as readonly string[]).includes(op) && typeof value !== 'number') {
      fail(`must be a number for op "${op}"`)
    } else if ((op === 'in' || op === 'not_in') && !Array.isArray(value)) {
      fail(`must be an array for op "${op}"`)
    } else if ((op === 'eq' || op === 'neq' || op === 'contains') && value === undefined) {
      fail(`required for op "${op}"`)
    }
  })
/** A condition on one field of a message. */
export type PropertyPredicate = z.infer<typeof propertyPredicateSchema>

const oneOrMany = <T extends z.ZodType>(schema: T) => z.union([schema, z.array(schema).min(1)])

/** Which messages match: by type, by event (or page/screen name), and by predicates on fields. */
export const messageMatcherShape = {
  /** Message type or types; any type when absent. */
  type: oneOrMany(messageTypeSchema).optional(),
  /**
   * `track` event name, or `page`/`screen` name; one of several when an array. Compared by
   * {@link canonicalEventName}: `order_completed` and `orderCompleted` match `Order Completed`.
   */
  event: oneOrMany(z.string().min(1, 'must not be empty')).optional(),
  /**
   * All must hold: predicates, or `{ name: value }` meaning `properties.name` equals `value`.
   */
  where: z.union([z.array(propertyPredicateSchema), z.record(z.string(), z.unknown())]).optional(),
}
/** Matches messages by type, event name and field predicates; `{}` matches every message. */
export const messageMatcherSchema = z.strictObject(messageMatcherShape)
/** Matches messages by type, event name and field predicates. */
export type MessageMatcher = z.infer<typeof messageMatcherSchema>

/** What a matcher reads from a timeline entry; analytics may leave the annotations out. */
export type MatchableEntry = Pick<TimelineEntry, 'type' | 'event' | 'name' | 'message'> &
  Partial<Pick<TimelineEntry, 'channel' | 'sessionId' | 'touchpoint'>>

/** A compiled {@link MessageMatcher}. */
export type EntryPredicate = (entry: MatchableEntry) => boolean

const ENTRY_ROOTS = new Set(['channel', 'sessionId', 'touchpoint'])

/** True when a dotted path reads timeline annotations (`channel`, `sessionId`, `touchpoint`). */
export function pathReadsAnnotations(path: string): boolean {
  return ENTRY_ROOTS.has(path.split('.')[0] as string)
}

/** True when a matcher reads timeline annotations (`channel`, `sessionId`, `touchpoint`). */
export function readsAnnotations(matcher: MessageMatcher): boolean {
  const where = matcher.where
  return Array.isArray(where) && where.some((p) => pathReadsAnnotations(p.path))
}

/** Compiles a dotted path (see {@link propertyPredicateSchema}) into a reader. */
export function compilePath(path: string): (entry: MatchableEntry) => unknown {
  const keys = path.split('.')
  const fromEntry = ENTRY_ROOTS.has(keys[0] as string)
  return (entry) => {
    let value: unknown = fromEntry ? entry : entry.message
    for (const key of keys) {
      if (typeof value !== 'object' || value === null) return undefined
      value = (value as Record<string, unknown>)[key]
    }
    return value
  }
}

const toNumber = (value: unknown): number =>
  typeof value === 'number'
    ? value
    : typeof value === 'string' && value.trim() !== ''
      ? Number(value)
      : NaN

function compilePredicate(predicate: PropertyPredicate): EntryPredicate {
  const read = compilePath(predicate.path)
  const expected = predicate.value
  switch (predicate.op) {
    case 'eq':
      return (entry) => read(entry) === expected
    case 'neq':
      return (entry) => read(entry) !== expected
    case 'gt':
      return (entry) => toNumber(read(entry)) > (expected as number)
    case 'gte':
      return (entry) => toNumber(read(entry)) >= (expected as number)
    case 'lt':
      return (entry) => toNumber(read(entry)) < (expected as number)
    case 'lte':
      return (entry) => toNumber(read(entry)) <= (expected as number)
    case 'in':
      return (entry) => (expected as unknown[]).includes(read(entry))
    case 'not_in':
      return (entry) => !(expected as unknown[]).includes(read(entry))
    case 'contains':
      return (entry) => {
        const value = read(entry)
        if (typeof value === 'string')
          return typeof expected === 'string' && value.includes(expected)
        return Array.isArray(value) && value.includes(expected)
      }
    case 'exists':
      return (entry) => read(entry) != null
    case 'not_exists':
      return (entry) => read(entry) == null
  }
}

function toPredicates(where: MessageMatcher['where']): PropertyPredicate[] {
  if (where === undefined) return []
  if (Array.isArray(where)) return where
  return Object.keys(where).map((key) => ({
    path: `properties.${key}`,
    op: 'eq' as const,
    value: where[key],
  }))
}

/**
 * Compiles a validated matcher into a fast predicate over timeline entries. Names compare by
 * {@link canonicalEventName}, so `{ event: 'Order Completed' }` also matches `order_completed`.
 */
export function compileMatcher(matcher: MessageMatcher): EntryPredicate {
  const types = matcher.type === undefined ? undefined : [matcher.type].flat()
  const singleType = types?.length === 1 ? types[0] : undefined
  const typeSet = types !== undefined && types.length > 1 ? new Set(types) : undefined
  const events = matcher.event === undefined ? undefined : [matcher.event].flat()
  const single = events?.length === 1 ? events[0] : undefined
  const isNamed = events === undefined ? undefined : createEventNameTest(events)
  const predicates = toPredicates(matcher.where).map(compilePredicate)
  // The common step "a track event named X" gets a closure without loops; an exact name is enough.
  if (
    singleType !== undefined &&
    isNamed !== undefined &&
    single !== undefined &&
    predicates.length === 0
  ) {
    return (entry) => {
      if (entry.type !== singleType) return false
      const name = entry.event ?? entry.name
      return name === single || (name !== undefined && isNamed(name))
    }
  }
  return (entry) => {
    if (singleType !== undefined ? entry.type !== singleType : typeSet?.has(entry.type) === false) {
      return false
    }
    if (isNamed !== undefined) {
      const name = entry.event ?? entry.name
      if (name === undefined || (name !== single && !isNamed(name))) return false
    }
    for (const predicate of predicates) if (!predicate(entry)) return false
    return true
  }
}
