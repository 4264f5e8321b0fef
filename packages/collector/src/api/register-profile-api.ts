import type { JourneyOptions } from '@itinera/core'
import type { CollectorContext } from '../http/context.js'
import type { Router } from '../http/router.js'
import type { IngestPipeline } from '../ingest/ingest-pipeline.js'
import type { Projector } from '../projection/projector.js'
import type { CollectorStore } from '../storage/types.js'
import { AnalyticsCache } from './analytics-cache.js'
import { registerAnalyticsRoutes } from './analytics-routes.js'
import { Deletions } from './deletions.js'
import { registerProfileRoutes } from './profile-routes.js'
import { createSecretRoute } from './secret-route.js'

/** What the profile and journey API needs from the collector. */
export interface ProfileApiDeps {
  store: CollectorStore
  pipeline: IngestPipeline
  projector: Projector
  /** The projection's journey options (stage model, session timeout). @default the core's */
  journey?: Omit<JourneyOptions, 'now'>
  /** Receives background failures (suppression counters). @default ignore */
  onError?: (error: unknown) => void
}

/**
 * Registers the profile and journey API (secret key): profile export and lookup, timeline,
 * journey, identity history and explanations, deletion requests and the workspace analytics.
 *
 * @see docs/profile-api.md
 */
export function registerProfileApi(router: Router<CollectorContext>, deps: ProfileApiDeps): void {
  const secret = createSecretRoute(deps.store)
  const journey = deps.journey ?? {}
  const cache = new AnalyticsCache(deps.store)
  const deletions = new Deletions({
    store: deps.store,
    pipeline: deps.pipeline,
    projector: deps.projector,
    onError: deps.onError ?? (() => undefined),
    onErased: (workspaceId) => cache.invalidate(workspaceId),
  })
  registerProfileRoutes(router, {
    store: deps.store,
    deletions,
    projector: deps.projector,
    journey,
    secret,
  })
  registerAnalyticsRoutes(router, { store: deps.store, cache, journey, secret })
}
