import {
  computeAttribution,
  computeFunnel,
  computePaths,
  computeStageDistribution,
  defaultStageModel,
  messageTime,
  type AnalyticsProfile,
  type FunnelDefinition,
  type FunnelStepResult,
  type Journey,
  type JourneyOptions,
} from '@itinera/core'
import type { CollectorContext } from '../http/context.js'
import type { Router } from '../http/router.js'
import type { CollectorStore } from '../storage/types.js'
import type { AnalyticsCache } from './analytics-cache.js'
import {
  readAttributionRequest,
  readFunnelRequest,
  readPathsRequest,
  type TimeRange,
} from './analytics-requests.js'
import { loadProfileEvents } from './profile-scan.js'
import type { SecretRoute } from './secret-route.js'
import { storedStages } from './wire.js'

/** What the analytics routes need. */
export interface AnalyticsRouteDeps {
  store: CollectorStore
  /** Lean timelines of every profile, kept in step with the projection. */
  cache: AnalyticsCache
  journey: Omit<JourneyOptions, 'now'>
  secret: SecretRoute
}

const hasWhere = (matcher: { where?: unknown } | string | undefined) =>
  typeof matcher === 'object' && matcher.where !== undefined

/** Funnels without property conditions or breakdowns match on type and name alone. */
function isLeanFunnel(definition: FunnelDefinition): boolean {
  const matchers = [...definition.steps, ...(definition.exclusions ?? [])]
  return definition.breakdown === undefined && !matchers.some(hasWhere)
}

/** The profiles' messages (or timeline entries) whose time falls in `range`. */
function within(profiles: readonly AnalyticsProfile[], range: TimeRange): AnalyticsProfile[] {
  const keep = (time: number) => time >= range.from && time < range.to
  const bounded: AnalyticsProfile[] = []
  for (const profile of profiles) {
    if ('timeline' in profile) {
      const timeline = profile.timeline.filter((entry) => keep(entry.time))
      if (timeline.length > 0) bounded.push({ id: profile.id, timeline })
    } else {
      const messages = profile.messages.filter((message) => keep(messageTime(message)))
      if (messages.length > 0) bounded.push({ id: profile.id, messages })
    }
  }
  return bounded
}

const toWireStep = (step: FunnelStepResult) => ({
  event: step.label,
  count: step.reached,
  conversion: step.conversionFromFirst,
  conversionFromPrevious: step.conversionFromPrevious,
  medianMsFromPrevious: step.medianMsFromPrevious,
  p90MsFromPrevious: step.p90MsFromPrevious,
})

/**
 * Registers the workspace analytics over stored profiles: `POST /v1/funnels`, `POST /v1/paths`,
 * `POST /v1/attribution` and `GET /v1/stages`, each the core's function on the stored messages.
 */
export function registerAnalyticsRoutes(
  router: Router<CollectorContext>,
  deps: AnalyticsRouteDeps,
): void {
  const { store, secret, cache } = deps

  router.add(
    'POST',
    '/v1/funnels',
    secret(async (ctx, workspace) => {
      const definition = readFunnelRequest(await ctx.json())
      const profiles = isLeanFunnel(definition)
        ? await cache.profiles(workspace.id)
        : await loadProfileEvents(store, workspace.id, { lean: false })
      const result = computeFunnel(profiles, { ...definition, maxDroppedOffIds: 0 })
      return {
        steps: result.steps.map(toWireStep),
        excludedProfiles: result.excludedProfileIds.length,
        ...(result.breakdown && {
          breakdown: result.breakdown.map((group) => ({
            value: group.value,
            steps: group.steps.map(toWireStep),
          })),
        }),
      }
    }),
  )

  router.add(
    'POST',
    '/v1/paths',
    secret(async (ctx, workspace) => {
      const { definition, range } = readPathsRequest(await ctx.json())
      const anchor = definition.start ?? definition.end
      const profiles: AnalyticsProfile[] = hasWhere(anchor)
        ? await loadProfileEvents(store, workspace.id, { lean: false })
        : await cache.profiles(workspace.id)
      return computePaths(range ? within(profiles, range) : profiles, definition)
    }),
  )

  router.add(
    'POST',
    '/v1/attribution',
    secret(async (ctx, workspace) => {
      const { definition, model } = readAttributionRequest(await ctx.json())
      const profiles = await loadProfileEvents(store, workspace.id, { lean: false })
      const result = computeAttribution(profiles, definition)
      return {
        model,
        conversions: result.conversions,
        unattributed: result.unattributed,
        value: result.value,
        channels: result.credits.map((credit) => ({
          channel: credit.key,
          credit: credit.credit,
          value: credit.value,
          touchpoints: credit.touchpoints,
        })),
      }
    }),
  )

  router.add(
    'GET',
    '/v1/stages',
    secret(async (_ctx, workspace) => {
      // Stages as the projection evaluated them (each profile as of its latest message).
      const journeys: Journey[] = []
      let after: string | undefined
      for (;;) {
        const page = await store.listProfiles(workspace.id, { limit: 5000, after })
        for (const record of page) {
          journeys.push({ currentStage: record.stage, stages: storedStages(record) } as Journey)
        }
        if (page.length < 5000) break
        after = page.at(-1)?.id
      }
      const distribution = computeStageDistribution(
        journeys,
        deps.journey.model ?? defaultStageModel,
      )
      return {
        data: distribution.stages.map((stage) => ({
          stage: stage.stage,
          profiles: stage.current,
          ...(stage.label !== undefined && { label: stage.label }),
          reached: stage.reached,
          share: stage.share,
        })),
        total: distribution.total,
        noStage: distribution.noStage,
      }
    }),
  )
}
