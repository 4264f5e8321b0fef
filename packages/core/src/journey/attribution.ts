import { z } from 'zod'
import type { Result } from '../errors.js'
import type { TimelineEntry } from '../profiles/index.js'
import { timelineOf, type AnalyticsEntry } from './analytics-input.js'
import {
  ATTRIBUTION_MODELS,
  attributionWeights,
  type AttributionModel,
} from './attribution-models.js'
import { compileMatcher, messageMatcherSchema } from './message-matcher.js'
import { parseConfig, safeParseConfig } from './parse-config.js'
import type { AnalyticsProfile } from './types.js'

const DAY_MS = 86_400_000

const isoTime = z
  .string()
  .refine((value) => !Number.isNaN(Date.parse(value)), 'must be an ISO-8601 date-time')

/** An attribution query: which conversions, how far back touchpoints count, and the model. */
export const attributionDefinitionSchema = z.strictObject({
  /** A `track` event name, or a matcher. */
  conversionEvent: z.union([z.string().min(1, 'must not be empty'), messageMatcherSchema]),
  /** Touchpoints up to this many days before a conversion count. @default 30 */
  lookbackDays: z.number().positive('must be more than 0').optional(),
  model: z.enum(ATTRIBUTION_MODELS),
  /** For `time_decay`: a touch this many days older gets half the weight. @default 7 */
  halfLifeDays: z.number().positive('must be more than 0').optional(),
  /**
   * What credit goes to: the campaign's `source`, `medium`, `name`, `source / medium`, or the
   * touchpoint message's channel. @default 'source'
   */
  dimension: z.enum(['source', 'medium', 'name', 'source_medium', 'channel']).optional(),
  /** A conversion property (e.g. `revenue`) whose value is shared out with the same weights. */
  valueProperty: z.string().min(1).optional(),
  /** Only conversions at or after this time (ISO-8601). */
  from: isoTime.optional(),
  /** Only conversions before this time (ISO-8601). */
  to: isoTime.optional(),
})
/** An attribution query. */
export type AttributionDefinition = z.infer<typeof attributionDefinitionSchema>

/** Credit given to one touchpoint value. */
export interface AttributionCredit {
  /** The dimension's value; `(direct)` for conversions with no campaign touchpoint. */
  key: string
  /** Conversions credited (fractional for multi-touch models). */
  credit: number
  /** Share of `valueProperty` credited; 0 without `valueProperty`. */
  value: number
  /** Touchpoints with this key that took part in a conversion. */
  touchpoints: number
}

/** Result of {@link computeAttribution}. Credits sum to `conversions`. */
export interface AttributionResult {
  model: AttributionModel
  conversions: number
  /** Sum of `valueProperty` over conversions. */
  value: number
  /** Conversions with no campaign touchpoint in the lookback window (credited to `(direct)`). */
  unattributed: number
  /** Largest credit first. */
  credits: AttributionCredit[]
}

/** Key used for conversions without a campaign touchpoint. */
export const DIRECT = '(direct)'

/** Validates an attribution query; returns its issues instead of throwing. */
export function safeParseAttributionDefinition(input: unknown): Result<AttributionDefinition> {
  return safeParseConfig(attributionDefinitionSchema, input)
}

function keyOf(entry: AnalyticsEntry, dimension: NonNullable<AttributionDefinition['dimension']>) {
  const campaign = entry.touchpoint?.campaign
  if (campaign === undefined) return undefined
  if (dimension === 'channel') return entry.channel ?? 'other'
  if (dimension === 'source_medium') {
    return `${campaign.source ?? '(none)'} / ${campaign.medium ?? '(none)'}`
  }
  return campaign[dimension] ?? '(none)'
}

const numeric = (value: unknown): number => {
  const number = typeof value === 'string' ? Number(value) : value
  return typeof number === 'number' && Number.isFinite(number) ? number : 0
}

/**
 * Shares each conversion's credit among the campaign touchpoints of the same profile in the
 * lookback window (a key repeated within one session counts once), under the chosen
 * model. Conversions without touchpoints go to `(direct)`, so credits sum to the conversions.
 *
 * @throws ConfigError when the query is invalid.
 * @example
 * computeAttribution(profiles, { conversionEvent: 'Order Completed', model: 'linear' })
 * @see docs/journeys.md
 */
export function computeAttribution(
  profiles: readonly AnalyticsProfile[],
  query: AttributionDefinition,
): AttributionResult {
  const valid = parseConfig(attributionDefinitionSchema, query, 'attribution query')
  const lookbackMs = (valid.lookbackDays ?? 30) * DAY_MS
  const halfLifeMs = (valid.halfLifeDays ?? 7) * DAY_MS
  const dimension = valid.dimension ?? 'source'
  const conversion = valid.conversionEvent
  const isConversion = compileMatcher(
    typeof conversion === 'string' ? { type: 'track', event: conversion } : conversion,
  )
  const fromTime = valid.from === undefined ? -Infinity : Date.parse(valid.from)
  const toTime = valid.to === undefined ? Infinity : Date.parse(valid.to)
  const credits = new Map<string, AttributionCredit>()
  const credit = (key: string) => {
    let row = credits.get(key)
    if (row === undefined) {
      row = { key, credit: 0, value: 0, touchpoints: 0 }
      credits.set(key, row)
    }
    return row
  }
  let conversions = 0
  let unattributed = 0
  let total = 0
  for (const profile of profiles) {
    const timeline = timelineOf(profile, { annotate: true }) as readonly TimelineEntry[]
    const touches: { key: string; time: number; session: string | undefined }[] = []
    for (let i = 0; i < timeline.length; i++) {
      const entry = timeline[i] as TimelineEntry
      const key = keyOf(entry, dimension)
      const last = touches[touches.length - 1]
      // A campaign repeated on every page of one visit is one touchpoint.
      if (key !== undefined && (last?.key !== key || last.session !== entry.sessionId)) {
        touches.push({ key, time: entry.time, session: entry.sessionId })
      }
      if (!isConversion(entry) || entry.time < fromTime || entry.time >= toTime) continue
      conversions++
      const value =
        valid.valueProperty === undefined ? 0 : numeric(entry.properties[valid.valueProperty])
      total += value
      const window = touches.filter((touch) => touch.time >= entry.time - lookbackMs)
      if (window.length === 0) {
        unattributed++
        const row = credit(DIRECT)
        row.credit += 1
        row.value += value
        continue
      }
      const weights = attributionWeights(
        valid.model,
        window.map((touch) => entry.time - touch.time),
        halfLifeMs,
      )
      window.forEach((touch, k) => {
        const row = credit(touch.key)
        const weight = weights[k] as number
        row.credit += weight
        row.value += weight * value
        row.touchpoints++
      })
    }
  }
  const sorted = [...credits.values()].sort(
    (a, b) => b.credit - a.credit || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
  )
  return { model: valid.model, conversions, value: total, unattributed, credits: sorted }
}
