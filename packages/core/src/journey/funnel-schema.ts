import { z } from 'zod'
import type { Result } from '../errors.js'
import { messageMatcherShape } from './message-matcher.js'
import { parseConfig, safeParseConfig } from './parse-config.js'

/** 14 days, PostHog's default conversion window. */
export const DEFAULT_FUNNEL_WINDOW_MS = 14 * 86_400_000

const isoTime = z
  .string()
  .refine((value) => !Number.isNaN(Date.parse(value)), 'must be an ISO-8601 date-time')

/**
 * A funnel step: a `track` event name (or names), or a page/screen name with `type`, plus
 * optional property conditions.
 */
export const funnelStepSchema = z.strictObject({
  ...messageMatcherShape,
  event: messageMatcherShape.event.unwrap(),
  /** @default 'track' */
  type: messageMatcherShape.type,
  /** Shown in results; defaults to the event name(s). */
  label: z.string().optional(),
})
/** A funnel step. */
export type FunnelStep = z.infer<typeof funnelStepSchema>

/**
 * A funnel exclusion: a profile whose attempt contains a matching message between step `from`
 * and step `to` (0-based; when `to` was not reached, until the window closes) does not count.
 */
export const funnelExclusionSchema = z.strictObject({
  ...messageMatcherShape,
  event: messageMatcherShape.event.unwrap(),
  /** @default 0 */
  from: z.number().int().min(0).optional(),
  /** @default the last step */
  to: z.number().int().min(0).optional(),
})
/** A funnel exclusion. */
export type FunnelExclusion = z.infer<typeof funnelExclusionSchema>

/** How to split a funnel: by channel or a field of the step-1 message, or by first touch. */
export const funnelBreakdownSchema = z.discriminatedUnion('by', [
  z.strictObject({ by: z.literal('channel') }),
  z.strictObject({
    by: z.literal('first_touch'),
    field: z.enum(['source', 'medium', 'name', 'term', 'content', 'referrer']),
  }),
  z.strictObject({ by: z.literal('property'), path: z.string().min(1, 'must not be empty') }),
])
/** How to split a funnel. */
export type FunnelBreakdown = z.infer<typeof funnelBreakdownSchema>

/** A funnel: ordered steps, conversion window, order mode, exclusions and breakdown. */
export const funnelDefinitionSchema = z
  .strictObject({
    steps: z.array(funnelStepSchema).min(1, 'needs at least one step').max(30, 'at most 30 steps'),
    /** Longest time from the first step to the last, in ms. @default 1209600000 (14 days) */
    windowMs: z.number().positive('must be more than 0').optional(),
    /**
     * `ordered`: steps in order, other messages between allowed; `strict`: steps are consecutive
     * events (`track`/`page`/`screen`; `identify`, `group`, `alias` are ignored); `any`: all
     * steps within the window in any order. @default 'ordered'
     */
    order: z.enum(['ordered', 'strict', 'any']).optional(),
    exclusions: z.array(funnelExclusionSchema).optional(),
    breakdown: funnelBreakdownSchema.optional(),
    /** Only first steps at or after this time count (ISO-8601). */
    from: isoTime.optional(),
    /** Only first steps before this time count (ISO-8601). */
    to: isoTime.optional(),
    /** Most dropped-off profile ids listed per step. @default no limit */
    maxDroppedOffIds: z.number().int().min(0).optional(),
  })
  .superRefine((funnel, ctx) => {
    const last = funnel.steps.length - 1
    funnel.exclusions?.forEach((exclusion, index) => {
      const from = exclusion.from ?? 0
      const to = exclusion.to ?? last
      if (to > last) {
        ctx.addIssue({
          code: 'custom',
          path: ['exclusions', index, 'to'],
          message: `must be at most ${last}`,
        })
      } else if (from >= to && last > 0) {
        ctx.addIssue({
          code: 'custom',
          path: ['exclusions', index, 'from'],
          message: 'must be before `to`',
        })
      }
    })
  })
/** A funnel definition. */
export type FunnelDefinition = z.infer<typeof funnelDefinitionSchema>

/** Validates a funnel definition; throws a `ConfigError` with `issues` when it is invalid. */
export function parseFunnelDefinition(input: unknown): FunnelDefinition {
  return parseConfig(funnelDefinitionSchema, input, 'funnel definition')
}

/** Validates a funnel definition; returns its issues instead of throwing. */
export function safeParseFunnelDefinition(input: unknown): Result<FunnelDefinition> {
  return safeParseConfig(funnelDefinitionSchema, input)
}
