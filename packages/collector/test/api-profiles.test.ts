import { afterEach, describe, expect, it } from 'vitest'
import {
  buildTimeline,
  type ApiEvidenceStep,
  type ApiHistory,
  type ApiJourney,
  type ApiProfile,
  type ApiTimelineEvent,
  type Message,
} from '@itinera/core'
import { at, profilePath, startApiHarness, type ApiHarness } from './api-harness.js'

let h: ApiHarness | undefined
afterEach(async () => {
  await h?.close()
  h = undefined
})

const ana = [
  {
    type: 'page',
    anonymousId: 'anon-ana',
    messageId: 'a1',
    timestamp: at(0),
    name: 'Home',
    context: { page: { url: 'https://shop.example/?utm_source=news&utm_medium=email' } },
  },
  {
    type: 'track',
    anonymousId: 'anon-ana',
    messageId: 'a2',
    timestamp: at(1),
    event: 'Product Viewed',
    properties: { sku: 'A1' },
  },
  {
    type: 'identify',
    anonymousId: 'anon-ana',
    userId: 'u-ana',
    messageId: 'a3',
    timestamp: at(2),
    traits: { email: 'Ana@Example.com', phone: '+33 6 12 34 56 78', name: 'Ana' },
    context: {
      device: { id: 'dev-ana' },
      externalIds: [
        { id: 'cus_1', type: 'stripe_customer_id', collection: 'users', encoding: 'none' },
      ],
    },
  },
  {
    type: 'track',
    userId: 'u-ana',
    messageId: 'a4',
    timestamp: at(3),
    event: 'Order Completed',
    properties: { revenue: 42 },
  },
]

describe('profile API lookups', () => {
  it('finds the same profile by each identifier type and by its id', async () => {
    h = await startApiHarness()
    await h.send(ana)
    const refs = [
      'user_id:u-ana',
      'anonymous_id:anon-ana',
      'email:ana@example.com',
      'email:Ana@Example.com',
      'phone:+33612345678',
      'device_id:dev-ana',
      'stripe_customer_id:cus_1',
    ]
    const found: ApiProfile[] = []
    for (const ref of refs) {
      const answer = await h.api('GET', profilePath(ref))
      expect(answer.status, ref).toBe(200)
      found.push(answer.body)
    }
    const profile = found[0] as ApiProfile
    for (const other of found) expect(other).toEqual(profile)
    expect(profile).toMatchObject({
      id: expect.stringMatching(/^prof_/),
      traits: { name: 'Ana', email: 'Ana@Example.com' },
      firstSeen: at(0),
      lastSeen: at(3),
    })
    expect(profile.identifiers).toEqual(
      expect.arrayContaining([
        { type: 'user_id', value: 'u-ana' },
        { type: 'email', value: 'ana@example.com' },
        { type: 'anonymous_id', value: 'anon-ana' },
      ]),
    )
    expect((await h.api('GET', profilePath(profile.id))).body).toEqual(profile)
  })

  it('resolves a merged-away profile id to the survivor', async () => {
    h = await startApiHarness()
    await h.send([
      {
        type: 'track',
        anonymousId: 'phone-anon',
        messageId: 'm1',
        timestamp: at(0),
        event: 'App Opened',
      },
    ])
    const before = (await h.api('GET', profilePath('anonymous_id:phone-anon'))).body as ApiProfile
    await h.send([
      { type: 'track', userId: 'u-bo', messageId: 'm0', timestamp: at(-10), event: 'Signed Up' },
      {
        type: 'identify',
        anonymousId: 'phone-anon',
        userId: 'u-bo',
        messageId: 'm2',
        timestamp: at(1),
      },
    ])
    const survivor = (await h.api('GET', profilePath('user_id:u-bo'))).body as ApiProfile
    expect(survivor.id).not.toBe(before.id)
    const viaOldId = await h.api('GET', profilePath(before.id))
    expect(viaOldId.status).toBe(200)
    expect(viaOldId.body).toEqual(survivor)
    const history = (await h.api('GET', profilePath(before.id, '/history'))).body as ApiHistory
    expect(history.profileId).toBe(survivor.id)
    expect(history.merges).toContainEqual(
      expect.objectContaining({ survivorId: survivor.id, mergedId: before.id, messageId: 'm2' }),
    )
  })

  it('lists the timeline oldest first with channel, session and properties', async () => {
    h = await startApiHarness()
    await h.send(ana)
    const page = await h.api('GET', `${profilePath('user_id:u-ana', '/events')}?limit=3`)
    expect(page.status).toBe(200)
    const events = page.body.data as ApiTimelineEvent[]
    expect(events.map((e) => e.messageId)).toEqual(['a1', 'a2', 'a3'])
    expect(events[0]).toMatchObject({ type: 'page', event: 'Home', timestamp: at(0) })
    expect(events[1]).toMatchObject({ event: 'Product Viewed', properties: { sku: 'A1' } })
    expect(events[2]?.event).toBeNull()
    // Channel and session are the core timeline's, over the profile's messages.
    const timeline = buildTimeline(ana as unknown as Message[])
    for (const event of events) {
      const entry = timeline.find((e) => e.messageId === event.messageId)
      expect(event).toMatchObject({ channel: entry?.channel, sessionId: entry?.sessionId })
    }
    expect(events[0]?.channel).toBe('web')
    expect(typeof page.body.next).toBe('string')
    const rest = await h.api(
      'GET',
      `${profilePath('user_id:u-ana', '/events')}?limit=3&cursor=${page.body.next}`,
    )
    expect(rest.body.data.map((e: ApiTimelineEvent) => e.messageId)).toEqual(['a4'])
    expect(rest.body.next).toBeNull()
  })

  it('explains why two identifiers are in a profile with the messages that linked them', async () => {
    h = await startApiHarness()
    await h.send([
      { type: 'page', anonymousId: 'web-1', messageId: 'e1', timestamp: at(0), name: 'Home' },
      {
        type: 'identify',
        anonymousId: 'web-1',
        traits: { email: 'Cy@Example.com' },
        messageId: 'e2',
        timestamp: at(1),
      },
      {
        type: 'identify',
        anonymousId: 'app-7',
        userId: 'u-cy',
        traits: { email: 'cy@example.com' },
        messageId: 'e3',
        timestamp: at(2),
      },
      { type: 'track', userId: 'u-dee', event: 'Signed Up', messageId: 'e4', timestamp: at(3) },
    ])
    const cy = (await h.api('GET', profilePath('user_id:u-cy'))).body as ApiProfile
    const explain = (ref: string, a: string, b: string) =>
      h!.api(
        'GET',
        `${profilePath(ref, '/explain')}?a=${encodeURIComponent(a)}&b=${encodeURIComponent(b)}`,
      )
    // Identifiers are normalized as the engine stores them (the email is lower-cased).
    const why = await explain('user_id:u-cy', 'anonymous_id:web-1', 'email:CY@example.com')
    expect(why.status).toBe(200)
    expect(why.body).toEqual({
      profileId: cy.id,
      sameProfile: true,
      steps: [
        {
          from: { type: 'anonymous_id', value: 'web-1' },
          to: { type: 'email', value: 'cy@example.com' },
          messageId: 'e2',
          at: at(1),
        },
      ],
    })
    // e3 carried the email and app-7 (with the user id): one step, not two through the user id.
    const chain = (await explain(cy.id, 'anonymous_id:web-1', 'anonymous_id:app-7')).body
    expect(
      chain.steps.map((step: ApiEvidenceStep) => `${step.messageId}:${step.to.value}`),
    ).toEqual(['e2:cy@example.com', 'e3:app-7'])
    // An identifier of another profile is not explained through this one.
    expect((await explain(cy.id, 'anonymous_id:web-1', 'user_id:u-dee')).body).toEqual({
      profileId: cy.id,
      sameProfile: false,
      steps: [],
    })
    const missing = await h.api('GET', profilePath(cy.id, '/explain?a=anonymous_id:web-1'))
    expect(missing.status).toBe(400)
    expect(missing.body.error.message).toMatch(/^b: required/)
    const notIdentifier = await explain(cy.id, cy.id, 'user_id:u-cy')
    expect(notIdentifier.status).toBe(400)
    expect(notIdentifier.body.error.message).toMatch(/^a: must be an identifier/)
    expect((await explain('user_id:nobody', 'user_id:u-cy', 'email:cy@example.com')).status).toBe(
      404,
    )
    const withWriteKey = await h.api(
      'GET',
      profilePath(cy.id, '/explain?a=user_id:u-cy&b=email:cy@example.com'),
      { key: h.workspace.writeKey },
    )
    expect(withWriteKey.status).toBe(401)
  })

  it('answers the journey stage entries and an empty history when nothing merged', async () => {
    h = await startApiHarness()
    await h.send(ana)
    const journey = (await h.api('GET', profilePath('email:ana@example.com', '/journey')))
      .body as ApiJourney
    expect(journey.entries.length).toBeGreaterThan(0)
    expect(journey.stage).toBe(journey.entries.at(-1)?.stage)
    expect(journey.entries.at(-1)?.exitedAt).toBeNull()
    journey.entries.slice(0, -1).forEach((entry, i) => {
      expect(entry.exitedAt).toBe(journey.entries[i + 1]?.enteredAt)
    })
    const history = (await h.api('GET', profilePath('email:ana@example.com', '/history'))).body
    expect(history).toMatchObject({ profileId: journey.profileId, refusedLinks: [] })
  })

  it('exports every profile once across pages', async () => {
    h = await startApiHarness()
    await h.send(
      Array.from({ length: 25 }, (_, i) => ({
        type: 'track',
        userId: `u${i}`,
        messageId: `e${i}`,
        timestamp: at(i),
        event: 'Viewed',
      })),
    )
    const ids: string[] = []
    let cursor: string | null = null
    let pages = 0
    do {
      const answer = await h.api('GET', `/v1/profiles?limit=7${cursor ? `&cursor=${cursor}` : ''}`)
      expect(answer.status).toBe(200)
      ids.push(...answer.body.data.map((p: ApiProfile) => p.id))
      cursor = answer.body.next
      pages++
    } while (cursor)
    expect(pages).toBe(4)
    expect(new Set(ids).size).toBe(25)
  })
})

describe('profile API errors', () => {
  it('answers 404 naming the ref that was asked', async () => {
    h = await startApiHarness()
    const answer = await h.api('GET', profilePath('email:nobody@example.com'))
    expect(answer.status).toBe(404)
    expect(answer.body.error).toMatchObject({ code: 'not_found', ref: 'email:nobody@example.com' })
    expect((await h.api('GET', profilePath('prof_unknown', '/events'))).body.error.ref).toBe(
      'prof_unknown',
    )
  })

  it('answers 400 naming the parameter when the ref, limit or cursor is malformed', async () => {
    h = await startApiHarness()
    await h.send(ana)
    const badRef = await h.api('GET', profilePath('E Mail:x'))
    expect(badRef.status).toBe(400)
    expect(badRef.body.error).toMatchObject({ code: 'invalid_request', param: 'ref' })
    for (const limit of ['0', '1001', 'ten', '2.5']) {
      const answer = await h.api('GET', `/v1/profiles?limit=${limit}`)
      expect(answer.status, limit).toBe(400)
      expect(answer.body.error.param).toBe('limit')
    }
    const badCursor = await h.api('GET', `${profilePath('user_id:u-ana', '/events')}?cursor=nope!`)
    expect(badCursor.body.error).toMatchObject({ param: 'cursor' })
    const listCursor = (await h.api('GET', '/v1/profiles?limit=1')).body.next
    const crossed = await h.api(
      'GET',
      `${profilePath('user_id:u-ana', '/events')}?cursor=${listCursor ?? 'x'}`,
    )
    expect(crossed.status).toBe(400)
    expect(crossed.body.error.param).toBe('cursor')
  })

  it('answers 401 without a key or with the write key, and 404 with another workspace secret', async () => {
    h = await startApiHarness()
    await h.send(ana)
    const none = await h.api('GET', profilePath('user_id:u-ana'), { key: null })
    expect(none.status).toBe(401)
    expect(none.body.error.code).toBe('unauthorized')
    const writeBearer = await h.api('GET', profilePath('user_id:u-ana'), {
      key: h.workspace.writeKey,
    })
    expect(writeBearer.status).toBe(401)
    expect(writeBearer.body.error.message).toMatch(/write key/)
    const writeBasic = await h.api('GET', '/v1/profiles', { basic: h.workspace.writeKey })
    expect(writeBasic.status).toBe(401)
    const wrong = await h.api('GET', '/v1/stages', { key: 'sk_not_a_key' })
    expect(wrong.status).toBe(401)
    const other = await h.api('GET', profilePath('user_id:u-ana'), { key: h.other.secretKey })
    expect(other.status).toBe(404)
    expect(other.body.error).toMatchObject({ code: 'not_found', ref: 'user_id:u-ana' })
    const ownId = (await h.api('GET', profilePath('user_id:u-ana'))).body.id as string
    expect((await h.api('GET', profilePath(ownId), { key: h.other.secretKey })).status).toBe(404)
    expect((await h.api('DELETE', profilePath(ownId), { key: h.other.secretKey })).status).toBe(404)
    expect((await h.api('GET', '/v1/profiles', { key: h.other.secretKey })).body.data).toEqual([])
    const deletion = await h.api('DELETE', profilePath(ownId))
    expect(deletion.status).toBe(200)
    const foreign = await h.api('GET', `/v1/deletions/${deletion.body.id}`, {
      key: h.other.secretKey,
    })
    expect(foreign.status).toBe(404)
    expect((await h.api('GET', `/v1/deletions/${deletion.body.id}`)).status).toBe(200)
  })

  it('answers 429 with Retry-After once a secret key exceeds its rate', async () => {
    h = await startApiHarness({ rateLimit: { requestsPerSecond: 1, burst: 3 } })
    const statuses: number[] = []
    let retryAfter: string | null = null
    for (let i = 0; i < 5; i++) {
      const answer = await h.api('GET', '/v1/profiles')
      statuses.push(answer.status)
      if (answer.status === 429) {
        retryAfter = answer.headers.get('retry-after')
        expect(answer.body.error.code).toBe('rate_limited')
      }
    }
    expect(statuses.slice(0, 3)).toEqual([200, 200, 200])
    expect(statuses).toContain(429)
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1)
    // Another workspace's key has its own budget.
    expect((await h.api('GET', '/v1/profiles', { key: h.other.secretKey })).status).toBe(200)
  })
})
