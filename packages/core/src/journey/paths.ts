import { z } from 'zod'
import type { Result } from '../errors.js'
import { createCanonicalizer, createEventNameTest } from '../profiles/event-names.js'
import { timelineOf, type AnalyticsEntry } from './analytics-input.js'
import { compileMatcher, messageMatcherSchema, readsAnnotations } from './message-matcher.js'
import { parseConfig, safeParseConfig } from './parse-config.js'
import type { AnalyticsProfile } from './types.js'

const anchorSchema = z.union([z.string().min(1, 'must not be empty'), messageMatcherSchema])

/**
 * A paths query: the steps after `start` (or before `end`; from each profile's first step when
 * neither is given). A step is a `track` event name or a `page`/`screen` name; an unnamed page
 * is its path (`/pricing`).
 */
export const pathsDefinitionSchema = z
  .strictObject({
    /**
     * Step name (an event, page or screen name, or an unnamed page's path), or a matcher, whose
     * first occurrence starts each profile's path.
     */
    start: anchorSchema.optional(),
    /** Step name, or a matcher, whose first occurrence ends each profile's path. */
    end: anchorSchema.optional(),
    /** Steps after `start` (or before `end`). @default 5 */
    depth: z.number().int().min(1).max(50).optional(),
    /** Most distinct paths kept, by profile count. @default 20 */
    limit: z.number().int().min(1).optional(),
    /** Message types that are steps. @default ['track', 'page', 'screen'] */
    types: z
      .array(z.enum(['track', 'page', 'screen']))
      .min(1)
      .optional(),
    /** Read `A, A, B` as `A, B`. @default true */
    collapseRepeats: z.boolean().optional(),
  })
  .refine((query) => query.start === undefined || query.end === undefined, {
    path: ['end'],
    message: 'give `start` or `end`, not both',
  })
/** A paths query. */
export type PathsDefinition = z.infer<typeof pathsDefinitionSchema>

/** A node of the Sankey chart: a step name at a position. */
export interface PathNode {
  /** `<position>:<name>`. */
  id: string
  name: string
  /** 0 is the anchor; positive after `start`, negative before `end`. */
  position: number
  /** Profiles through this node (among the kept paths). */
  value: number
}

/** A link of the Sankey chart. */
export interface PathLink {
  source: string
  target: string
  value: number
}

/** Result of {@link computePaths}: kept paths, and the same as Sankey nodes and links. */
export interface PathsResult {
  paths: { steps: string[]; count: number }[]
  nodes: PathNode[]
  links: PathLink[]
  /** Profiles with the anchor (or any step when there is none). */
  profiles: number
  /** Of those, profiles whose path is not among the kept ones. */
  otherProfiles: number
}

/** Validates a paths query; returns its issues instead of throwing. */
export function safeParsePathsDefinition(input: unknown): Result<PathsDefinition> {
  return safeParseConfig(pathsDefinitionSchema, input)
}

/** The path of a URL (`https://shop.example/pricing?x=1` → `/pricing`), without parsing it. */
const URL_PATH = /^[a-z][a-z\d+.-]*:\/\/[^/?#]*([^?#]*)/i

const nonEmpty = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined

/**
 * Where a page without a name was: `properties.path`, else `context.page.path`, else the path
 * of `properties.url` or `context.page.url`. analytics.js's `page()` and PostHog's `$pageview`
 * send no name, only these.
 * @example
 * pagePathOf({ properties: { url: 'https://shop.example/pricing?x=1' } }) // '/pricing'
 */
export function pagePathOf(message: {
  properties?: unknown
  context?: unknown
}): string | undefined {
  const properties = message.properties as Record<string, unknown> | undefined
  const page = (message.context as { page?: Record<string, unknown> } | undefined)?.page
  const path = nonEmpty(properties?.['path']) ?? nonEmpty(page?.['path'])
  if (path !== undefined) return path
  const url = nonEmpty(properties?.['url']) ?? nonEmpty(page?.['url'])
  const match = url === undefined ? null : URL_PATH.exec(url)
  return match === null ? undefined : match[1] || '/'
}

/** A step of a path: what groups it, and how it reads. */
interface Step {
  key: string
  label: string
}

/**
 * A step: the event, page or screen name, grouped by its canonical form (`Product Viewed` =
 * `product_viewed`); an unnamed page is its path (`/pricing`), grouped as it is.
 */
function stepOf(entry: AnalyticsEntry, canonical: (name: string) => string): Step {
  const name = entry.event ?? entry.name
  if (name !== undefined) return { key: canonical(name), label: name }
  const label = unnamedLabel(entry)
  return { key: label, label }
}

/** How a step without a name reads: a page's path, else `(page)` or `(screen)`. */
const unnamedLabel = (entry: AnalyticsEntry): string =>
  (entry.type === 'page' ? pagePathOf(entry.message) : undefined) ?? `(${entry.type})`

/** A name anchor matches the steps of that name (`Product Viewed`, or a page's `/pricing`). */
function isStep(name: string): (entry: AnalyticsEntry) => boolean {
  const isNamed = createEventNameTest([name])
  return (entry) => {
    const own = entry.event ?? entry.name
    return own !== undefined ? isNamed(own) : unnamedLabel(entry) === name
  }
}

/** The most frequent key of `counts`; ties go to the first in code-unit order. */
function mostCommon(counts: Map<string, number>): string {
  let best = ''
  let bestCount = -1
  for (const [key, count] of counts) {
    if (count > bestCount || (count === bestCount && key < best)) {
      best = key
      bestCount = count
    }
  }
  return best
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

/** Paths in step order: by their first differing step, a prefix first. */
function compareSteps(a: readonly string[], b: readonly string[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const order = compareText(a[i]!, b[i]!)
    if (order !== 0) return order
  }
  return a.length - b.length
}

/**
 * The most common paths after a start event (or before an end event), to `depth` steps, as a
 * list and as Sankey nodes and links. Each profile counts once, from the first occurrence of the
 * anchor.
 *
 * @throws ConfigError when the query is invalid.
 * @example
 * computePaths(profiles, { start: 'Product Viewed', depth: 3, limit: 10 })
 * @see docs/journeys.md
 */
export function computePaths(
  profiles: readonly AnalyticsProfile[],
  query: PathsDefinition,
): PathsResult {
  const valid = parseConfig(pathsDefinitionSchema, query, 'paths query')
  const depth = valid.depth ?? 5
  const limit = valid.limit ?? 20
  const types = new Set<string>(valid.types ?? ['track', 'page', 'screen'])
  const collapse = valid.collapseRepeats ?? true
  const anchor = valid.start ?? valid.end
  const match =
    anchor === undefined
      ? undefined
      : typeof anchor === 'string'
        ? isStep(anchor)
        : compileMatcher(anchor)
  const annotate = typeof anchor === 'object' && readsAnnotations(anchor)
  const backwards = valid.end !== undefined
  const needs = { annotate }
  // Named steps group by canonical name (`Product Viewed` = `product_viewed`), shown as their
  // most common spelling.
  const canonical = createCanonicalizer()
  const spellings = new Map<string, Map<string, number>>()
  const counts = new Map<string, { keys: string[]; count: number }>()
  let total = 0
  for (const profile of profiles) {
    const entries: AnalyticsEntry[] = []
    const steps: Step[] = []
    for (const entry of timelineOf(profile, needs)) {
      if (!types.has(entry.type)) continue
      const step = stepOf(entry, canonical)
      if (collapse && steps.length > 0 && steps[steps.length - 1]!.key === step.key) continue
      entries.push(entry)
      steps.push(step)
    }
    const at = match === undefined ? (entries.length > 0 ? 0 : -1) : entries.findIndex(match)
    if (at === -1) continue
    const slice = backwards
      ? steps.slice(Math.max(0, at - depth), at + 1)
      : steps.slice(at, at + depth + 1)
    total++
    for (const { key, label } of slice) {
      const seen = spellings.get(key) ?? new Map<string, number>()
      seen.set(label, (seen.get(label) ?? 0) + 1)
      spellings.set(key, seen)
    }
    const keys = slice.map((step) => step.key)
    // JSON keeps any character of a name apart from the separator between names.
    const id = JSON.stringify(keys)
    const known = counts.get(id)
    if (known) known.count++
    else counts.set(id, { keys, count: 1 })
  }
  const label = new Map([...spellings].map(([key, seen]) => [key, mostCommon(seen)]))
  const kept = [...counts.values()]
    .map(({ keys, count }) => ({ steps: keys.map((key) => label.get(key)!), count }))
    .sort((a, b) => b.count - a.count || compareSteps(a.steps, b.steps))
    .slice(0, limit)
  return {
    ...toSankey(kept, backwards),
    paths: kept,
    profiles: total,
    otherProfiles: total - kept.reduce((sum, path) => sum + path.count, 0),
  }
}

function toSankey(
  paths: readonly { steps: string[]; count: number }[],
  backwards: boolean,
): { nodes: PathNode[]; links: PathLink[] } {
  const nodes = new Map<string, PathNode>()
  const links = new Map<string, PathLink>()
  for (const { steps, count } of paths) {
    let previous: string | undefined
    steps.forEach((name, i) => {
      const position = backwards ? i - (steps.length - 1) : i
      const id = `${position}:${name}`
      const node = nodes.get(id)
      if (node === undefined) nodes.set(id, { id, name, position, value: count })
      else node.value += count
      if (previous !== undefined) {
        const key = `${previous}\u0000${id}`
        const link = links.get(key)
        if (link === undefined) links.set(key, { source: previous, target: id, value: count })
        else link.value += count
      }
      previous = id
    })
  }
  const byPosition = (a: PathNode, b: PathNode) => a.position - b.position || b.value - a.value
  return { nodes: [...nodes.values()].sort(byPosition), links: [...links.values()] }
}
