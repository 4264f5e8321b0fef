import {
  buildTimeline,
  safeParseProfileRef,
  type Identifier,
  type JourneyOptions,
} from '@itinera/core'
import type { CollectorContext } from '../http/context.js'
import type { Router } from '../http/router.js'
import type { Projector } from '../projection/projector.js'
import type { CollectorStore } from '../storage/types.js'
import { invalidParam, profileNotFound } from './api-error.js'
import { encodeCursor } from './cursor.js'
import type { Deletions } from './deletions.js'
import { readPageQuery } from './page-query.js'
import { resolveProfileRef } from './resolve-ref.js'
import type { SecretRoute } from './secret-route.js'
import { toApiEvent, toApiExplanation, toApiHistory, toApiJourney, toApiProfile } from './wire.js'

/** What the profile routes need. */
export interface ProfileRouteDeps {
  store: CollectorStore
  deletions: Deletions
  /** Holds each workspace's identity graph, which answers `explain`. */
  projector: Projector
  journey: Omit<JourneyOptions, 'now'>
  /** Wraps a handler with secret-key authentication and the API's error bodies. */
  secret: SecretRoute
}

/**
 * Registers the profile lookups and the deletion routes: `GET /v1/profiles`,
 * `GET|DELETE /v1/profiles/:ref`, `.../events`, `.../journey`, `.../history`, `.../explain`,
 * `GET /v1/deletions/:id`.
 */
export function registerProfileRoutes(
  router: Router<CollectorContext>,
  deps: ProfileRouteDeps,
): void {
  const { store, secret } = deps
  const profileOf = async (workspaceId: string, ref: string) => {
    const id = await resolveProfileRef(store, workspaceId, ref)
    const record = await store.getProfile(workspaceId, id)
    // The profile can vanish between resolution and read (a concurrent deletion).
    if (!record) throw profileNotFound(ref)
    return record
  }
  const refOf = (ctx: CollectorContext) => ctx.params.ref ?? ''

  router.add(
    'GET',
    '/v1/profiles',
    secret(async (ctx, workspace) => {
      const { limit, cursor } = readPageQuery(ctx.url, 'profiles')
      const rows = await store.listProfilesInOrder(workspace.id, {
        afterSeq: cursor?.afterSeq,
        limit: limit + 1,
      })
      const page = rows.slice(0, limit)
      const last = page.at(-1)
      const next =
        rows.length > limit && last
          ? encodeCursor({ kind: 'profiles', afterSeq: last.firstSeq })
          : null
      return { data: page.map((row) => toApiProfile(row.profile)), next }
    }),
  )

  router.add(
    'GET',
    '/v1/profiles/:ref',
    secret(async (ctx, workspace) => toApiProfile(await profileOf(workspace.id, refOf(ctx)))),
  )

  router.add(
    'DELETE',
    '/v1/profiles/:ref',
    secret(async (ctx, workspace) => {
      const ref = refOf(ctx)
      const id = await resolveProfileRef(store, workspace.id, ref)
      return deps.deletions.request(workspace.id, ref, id)
    }),
  )

  router.add(
    'GET',
    '/v1/profiles/:ref/events',
    secret(async (ctx, workspace) => {
      const { limit, cursor } = readPageQuery(ctx.url, 'events')
      const id = await resolveProfileRef(store, workspace.id, refOf(ctx))
      const after = cursor && { timestamp: cursor.timestamp, seq: cursor.seq }
      const rows = await store.listProfileEvents(workspace.id, id, { limit: limit + 1, after })
      const page = rows.slice(0, limit)
      const last = page.at(-1)
      if (!last) return { data: [], next: null }
      // Sessions depend only on earlier messages: annotate the timeline up to the page's end
      // (a first page holding the whole timeline is its own prefix).
      const prefix =
        !cursor && rows.length <= limit
          ? rows
          : await store.listProfileEventsThrough(workspace.id, id, last.timestamp)
      const timeline = buildTimeline(
        prefix.map((stored) => stored.message),
        { sessionTimeoutMs: deps.journey.sessionTimeoutMs },
      )
      const byId = new Map(timeline.map((entry) => [entry.messageId, entry]))
      const next =
        rows.length > limit
          ? encodeCursor({ kind: 'events', timestamp: last.timestamp, seq: last.seq })
          : null
      return { data: page.map((row) => toApiEvent(row, byId.get(row.messageId))), next }
    }),
  )

  router.add(
    'GET',
    '/v1/profiles/:ref/journey',
    secret(async (ctx, workspace) => toApiJourney(await profileOf(workspace.id, refOf(ctx)))),
  )

  router.add(
    'GET',
    '/v1/profiles/:ref/history',
    secret(async (ctx, workspace) => {
      const record = await profileOf(workspace.id, refOf(ctx))
      return toApiHistory(record.id, await store.listIdentityEvents(workspace.id, record.id))
    }),
  )

  router.add(
    'GET',
    '/v1/profiles/:ref/explain',
    secret(async (ctx, workspace) => {
      const a = identifierParam(ctx.url, 'a')
      const b = identifierParam(ctx.url, 'b')
      const id = await resolveProfileRef(store, workspace.id, refOf(ctx))
      const graph = await deps.projector.graph(workspace.id)
      // The graph may be a moment ahead of the stored profiles: follow the id to its survivor.
      const current = graph.resolve(id) ?? id
      return toApiExplanation(current, graph.explain(a, b))
    }),
  )

  router.add(
    'GET',
    '/v1/deletions/:id',
    secret(async (ctx, workspace) => deps.deletions.get(workspace.id, ctx.params.id ?? '')),
  )
}

/** The `type:value` identifier in query parameter `name`; 400 naming the parameter otherwise. */
function identifierParam(url: URL, name: string): Identifier {
  const raw = url.searchParams.get(name)
  if (raw === null || raw === '') throw invalidParam(name, 'required, as type:value')
  const parsed = safeParseProfileRef(raw)
  if (!parsed.ok || parsed.value.kind !== 'identifier') {
    throw invalidParam(name, 'must be an identifier as type:value, e.g. email:ana@example.com')
  }
  return { type: parsed.value.type, value: parsed.value.value }
}
