import {
  ATTRIBUTION_MODELS,
  type AttributionDefinition,
  type FunnelDefinition,
  funnelDefinitionSchema,
  isPlainObject,
  type PathsDefinition,
  type Result,
  safeParseAttributionDefinition,
  safeParseFunnelDefinition,
  safeParsePathsDefinition,
  type ValidationIssue,
} from '@itinera/core'
import { ProfileApiError, invalidParam, rootParam } from './api-error.js'

// Request bodies of the analytics endpoints, validated with the core's definition schemas. The
// wire names (`maxSteps`, `lookbackMs`, `conversion`) map onto the core's fields.

const DAY_MS = 86_400_000

/** A time range on the analysed messages (paths) as epoch ms bounds. */
export interface TimeRange {
  from: number
  to: number
}

function objectBody(body: unknown, allowed: readonly string[]): Record<string, unknown> {
  if (!isPlainObject(body)) throw invalidParam('body', 'must be a JSON object')
  for (const key of Object.keys(body)) {
    if (!allowed.includes(key)) {
      throw invalidParam(key, `is not a field of this request; use ${allowed.join(', ')}`)
    }
  }
  return body
}

function unwrap<T>(result: Result<T>, rename: Record<string, string> = {}): T {
  if (result.ok) return result.value
  const issues: ValidationIssue[] = result.error.map((issue) => {
    const root = rootParam(issue.path, '')
    const renamed = rename[root]
    return renamed === undefined
      ? issue
      : { ...issue, path: renamed + issue.path.slice(root.length) }
  })
  const first = issues[0]
  const param = rootParam(first?.path ?? '')
  const detail = issues.map((issue) => `${issue.path || '(body)'}: ${issue.message}`).join('; ')
  throw new ProfileApiError(400, detail, { param, issues })
}

function isoBound(body: Record<string, unknown>, key: 'from' | 'to'): string | undefined {
  const value = body[key]
  if (value === undefined) return undefined
  if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) {
    throw invalidParam(key, 'must be an ISO-8601 date-time')
  }
  return value
}

function positiveMs(body: Record<string, unknown>, key: string): number | undefined {
  const value = body[key]
  if (value === undefined) return undefined
  if (typeof value !== 'number' || !(value > 0) || !Number.isFinite(value)) {
    throw invalidParam(key, 'must be a number of milliseconds above 0')
  }
  return value
}

const definedOnly = <T extends Record<string, unknown>>(value: T): T =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T

/** `POST /v1/funnels`: the core's funnel definition as is. */
export function readFunnelRequest(body: unknown): FunnelDefinition {
  const input = objectBody(body, Object.keys(funnelDefinitionSchema.shape))
  return unwrap(safeParseFunnelDefinition(input))
}

/** `POST /v1/paths`: `maxSteps` is the core's `depth`; `from`/`to` bound the messages read. */
export function readPathsRequest(body: unknown): {
  definition: PathsDefinition
  range: TimeRange | undefined
} {
  const input = objectBody(body, [
    'start',
    'end',
    'maxSteps',
    'limit',
    'types',
    'collapseRepeats',
    'from',
    'to',
  ])
  const from = isoBound(input, 'from')
  const to = isoBound(input, 'to')
  const definition = unwrap(
    safeParsePathsDefinition(
      definedOnly({
        start: input.start,
        end: input.end,
        depth: input.maxSteps,
        limit: input.limit,
        types: input.types,
        collapseRepeats: input.collapseRepeats,
      }),
    ),
    { depth: 'maxSteps' },
  )
  const range =
    from === undefined && to === undefined
      ? undefined
      : {
          from: from === undefined ? -Infinity : Date.parse(from),
          to: to === undefined ? Infinity : Date.parse(to),
        }
  return { definition, range }
}

/** Attribution models of the wire; `u_shaped` is the core's `position_based` (40/20/40). */
export const API_ATTRIBUTION_MODELS = [...ATTRIBUTION_MODELS, 'u_shaped'] as const

/**
 * `POST /v1/attribution`: `conversion`, `lookbackMs` and `halfLifeMs` are the core's
 * `conversionEvent`, `lookbackDays` and `halfLifeDays`; credit goes to channels unless
 * `dimension` says otherwise.
 */
export function readAttributionRequest(body: unknown): {
  definition: AttributionDefinition
  model: string
} {
  const input = objectBody(body, [
    'conversion',
    'model',
    'lookbackMs',
    'halfLifeMs',
    'dimension',
    'valueProperty',
    'from',
    'to',
  ])
  const lookbackMs = positiveMs(input, 'lookbackMs')
  const halfLifeMs = positiveMs(input, 'halfLifeMs')
  const model = input.model
  if (typeof model !== 'string' || !(API_ATTRIBUTION_MODELS as readonly string[]).includes(model)) {
    throw invalidParam('model', `must be one of ${API_ATTRIBUTION_MODELS.join(', ')}`)
  }
  const definition = unwrap(
    safeParseAttributionDefinition(
      definedOnly({
        conversionEvent: input.conversion,
        model: model === 'u_shaped' ? 'position_based' : model,
        lookbackDays: lookbackMs === undefined ? undefined : lookbackMs / DAY_MS,
        halfLifeDays: halfLifeMs === undefined ? undefined : halfLifeMs / DAY_MS,
        dimension: input.dimension ?? 'channel',
        valueProperty: input.valueProperty,
        from: isoBound(input, 'from'),
        to: isoBound(input, 'to'),
      }),
    ),
    { conversionEvent: 'conversion' },
  )
  return { definition, model }
}
