import { HttpResponse, delay, http } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { ConfigError, DeliveryError, type ApiProfile, type ApiTimelineEvent } from '@itinera/core'
import {
  InvalidRequestError,
  NotFoundError,
  Profiles,
  RateLimitError,
  UnauthorizedError,
} from '@itinera/node'

const HOST = 'http://collector.test'
const server = setupServer()
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => server.resetHandlers())
afterAll(() => server.close())

const profiles = new Profiles({ host: HOST, secretKey: 'sk_test' })

const ana: ApiProfile = {
  id: 'prof_1',
  identifiers: [{ type: 'email', value: 'ana@example.com' }],
  traits: { name: 'Ana' },
  firstSeen: '2026-01-01T00:00:00.000Z',
  lastSeen: '2026-01-02T00:00:00.000Z',
  stage: 'activation',
}

const event = (n: number): ApiTimelineEvent => ({
  messageId: `m${n}`,
  type: 'track',
  event: 'Viewed',
  timestamp: `2026-01-01T00:00:0${n}.000Z`,
  channel: null,
  sessionId: null,
  properties: {},
})

describe('Profiles', () => {
  it('looks a profile up by type:value with the secret key as Bearer token', async () => {
    let seen: { path: string; auth: string | null } | undefined
    server.use(
      http.get(`${HOST}/v1/profiles/:ref`, ({ request, params }) => {
        seen = { path: String(params.ref), auth: request.headers.get('authorization') }
        return HttpResponse.json(ana)
      }),
    )
    expect(await profiles.get('email:ana@example.com')).toEqual(ana)
    expect(seen).toEqual({ path: 'email:ana@example.com', auth: 'Bearer sk_test' })
    expect(await profiles.get({ type: 'email', value: 'ana@example.com' })).toEqual(ana)
  })

  it('iterates the timeline page by page following next cursors', async () => {
    const cursors: (string | null)[] = []
    server.use(
      http.get(`${HOST}/v1/profiles/:ref/events`, ({ request }) => {
        const url = new URL(request.url)
        const cursor = url.searchParams.get('cursor')
        cursors.push(cursor)
        expect(url.searchParams.get('limit')).toBe('2')
        if (cursor === null) return HttpResponse.json({ data: [event(1), event(2)], next: 'c2' })
        return HttpResponse.json({ data: [event(3)], next: null })
      }),
    )
    const ids: string[] = []
    for await (const entry of profiles.events('prof_1', { limit: 2 })) ids.push(entry.messageId)
    expect(ids).toEqual(['m1', 'm2', 'm3'])
    expect(cursors).toEqual([null, 'c2'])
    const pages = []
    for await (const page of profiles.events('prof_1', { limit: 2 }).pages()) pages.push(page.next)
    expect(pages).toEqual(['c2', null])
  })

  it('lists profiles lazily and resumes from a cursor', async () => {
    server.use(
      http.get(`${HOST}/v1/profiles`, ({ request }) => {
        const cursor = new URL(request.url).searchParams.get('cursor')
        return HttpResponse.json(
          cursor === 'c1' ? { data: [ana], next: null } : { data: [], next: 'c1' },
        )
      }),
    )
    expect(await profiles.list().toArray()).toEqual([ana])
    expect(await profiles.list({ cursor: 'c1' }).toArray()).toEqual([ana])
  })

  it('calls journey, history, explain, delete, deletion, stages and the analytics queries', async () => {
    const calls: string[] = []
    const echo = (body: unknown) => HttpResponse.json(body as Record<string, unknown>)
    server.use(
      http.get(`${HOST}/v1/profiles/:ref/journey`, () => {
        calls.push('journey')
        return echo({ profileId: 'prof_1', stage: null, entries: [] })
      }),
      http.get(`${HOST}/v1/profiles/:ref/history`, () => {
        calls.push('history')
        return echo({ profileId: 'prof_1', merges: [], refusedLinks: [] })
      }),
      http.get(`${HOST}/v1/profiles/:ref/explain`, ({ request }) => {
        const query = new URL(request.url).searchParams
        calls.push(`explain ${query.get('a')} ${query.get('b')}`)
        return echo({ profileId: 'prof_1', sameProfile: false, steps: [] })
      }),
      http.delete(`${HOST}/v1/profiles/:ref`, () => {
        calls.push('delete')
        return echo({ id: 'del_1', status: 'completed' })
      }),
      http.get(`${HOST}/v1/deletions/:id`, ({ params }) => {
        calls.push(`deletion ${String(params.id)}`)
        return echo({ id: params.id, status: 'completed' })
      }),
      http.get(`${HOST}/v1/stages`, () => {
        calls.push('stages')
        return echo({ data: [{ stage: 'activation', profiles: 3 }] })
      }),
      http.post(`${HOST}/v1/:query`, async ({ request, params }) => {
        calls.push(`${String(params.query)} ${JSON.stringify(await request.json())}`)
        return echo({})
      }),
    )
    await profiles.journey('user_id:u1')
    await profiles.history('user_id:u1')
    await profiles.explain('user_id:u1', 'email:a@x.io', { type: 'anonymous_id', value: 'a 1' })
    await expect(profiles.explain('user_id:u1', 'prof_1', 'email:a@x.io')).rejects.toThrow(
      /a: must be an identifier/,
    )
    expect(await profiles.delete('user_id:u1')).toMatchObject({ id: 'del_1' })
    await profiles.deletion('del_1')
    expect(await profiles.stages()).toEqual({ data: [{ stage: 'activation', profiles: 3 }] })
    await profiles.funnel({ steps: [{ event: 'Signed Up' }, { event: 'Order Completed' }] })
    await profiles.paths({ start: 'Signed Up', maxSteps: 3 })
    await profiles.attribution({ conversion: 'Order Completed', model: 'linear' })
    expect(calls).toEqual([
      'journey',
      'history',
      'explain email:a@x.io anonymous_id:a 1',
      'delete',
      'deletion del_1',
      'stages',
      'funnels {"steps":[{"event":"Signed Up"},{"event":"Order Completed"}]}',
      'paths {"start":"Signed Up","maxSteps":3}',
      'attribution {"conversion":"Order Completed","model":"linear"}',
    ])
  })

  it('throws NotFoundError with the server message and ref when the profile is unknown', async () => {
    server.use(
      http.get(`${HOST}/v1/profiles/:ref`, () =>
        HttpResponse.json(
          { error: { code: 'not_found', message: 'no profile email:x@y.z', ref: 'email:x@y.z' } },
          { status: 404 },
        ),
      ),
    )
    const error = await profiles.get('email:x@y.z').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(NotFoundError)
    expect(error).toMatchObject({
      message: 'no profile email:x@y.z',
      ref: 'email:x@y.z',
      code: 'not_found',
    })
  })

  it('throws UnauthorizedError when the key is refused', async () => {
    server.use(
      http.get(`${HOST}/v1/stages`, () =>
        HttpResponse.json(
          { error: { code: 'unauthorized', message: 'write keys cannot read profiles' } },
          { status: 401 },
        ),
      ),
    )
    await expect(profiles.stages()).rejects.toThrow(
      new UnauthorizedError('write keys cannot read profiles'),
    )
  })

  it('throws InvalidRequestError naming the parameter when the server answers 400', async () => {
    server.use(
      http.get(`${HOST}/v1/profiles`, () =>
        HttpResponse.json(
          {
            error: { code: 'invalid_request', message: 'limit must be 1 to 1000', param: 'limit' },
          },
          { status: 400 },
        ),
      ),
    )
    const error = await profiles
      .list({ limit: 5000 })
      .toArray()
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(InvalidRequestError)
    expect(error).toMatchObject({ param: 'limit', message: 'limit must be 1 to 1000' })
  })

  it('throws RateLimitError with Retry-After when the server answers 429', async () => {
    server.use(
      http.get(`${HOST}/v1/stages`, () =>
        HttpResponse.json(
          { error: { code: 'rate_limited', message: 'too many requests' } },
          { status: 429, headers: { 'retry-after': '2' } },
        ),
      ),
    )
    const error = await profiles.stages().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(RateLimitError)
    expect(error).toMatchObject({ retryAfterMs: 2000, status: 429, retryable: true })
  })

  it('rejects a malformed ref before sending anything', async () => {
    const error = await profiles.get('Not A Type:x').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(InvalidRequestError)
    expect(error).toMatchObject({ param: 'ref' })
  })

  it('throws a retryable DeliveryError when the request times out', async () => {
    server.use(
      http.get(`${HOST}/v1/stages`, async () => {
        await delay(1000)
        return HttpResponse.json({ data: [] })
      }),
    )
    const slow = new Profiles({ host: HOST, secretKey: 'sk', timeout: 50 })
    const error = await slow.stages().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(DeliveryError)
    expect(error).toMatchObject({
      message: 'GET /v1/stages timed out after 50 ms',
      retryable: true,
    })
  })

  it('throws a ConfigError when the secret key or host is missing', () => {
    expect(() => new Profiles({ host: 'nope', secretKey: '' })).toThrow(ConfigError)
  })

  it('keeps a base path of the host', async () => {
    server.use(http.get(`${HOST}/itinera/v1/stages`, () => HttpResponse.json({ data: [] })))
    const prefixed = new Profiles({ host: `${HOST}/itinera`, secretKey: 'sk' })
    expect(await prefixed.stages()).toEqual({ data: [] })
  })
})
