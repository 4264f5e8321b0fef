import { jitsuAnalytics } from '@jitsu/js'
import { afterEach, describe, expect, it } from 'vitest'
import { post, profileIdsOf, startHarness, type Harness } from './harness.js'

let harness: Harness | undefined
afterEach(async () => {
  await harness?.close()
  harness = undefined
})

const MESSAGES = {
  track: { anonymousId: 'j-anon', event: 'Product Viewed', properties: { sku: 'J1' } },
  identify: { anonymousId: 'j-anon', userId: 'j-user', traits: { email: 'j@example.com' } },
  page: { anonymousId: 'j-anon', properties: { path: '/pricing' } },
  screen: { anonymousId: 'j-anon', name: 'Home' },
  group: { userId: 'j-user', groupId: 'acme', traits: { name: 'Acme' } },
  alias: { userId: 'j-user', previousId: 'j-old' },
}

describe('@jitsu/js against the collector', () => {
  it.each([
    ['its server-to-server mode', true],
    ['its browser paths', false],
  ])(
    'sends unchanged with %s; every call is stored once and resolves into one profile',
    async (_, s2s) => {
      harness = await startHarness()
      const { url, workspace, collector } = harness
      const ws = workspace.workspace.id
      // Without Jitsu's `keyId:secret` form the SDK's key check rejects a promise nobody handles.
      const analytics = jitsuAnalytics({
        host: url,
        writeKey: `${workspace.writeKey}:itinera`,
        s2s,
        errorPolicy: 'rethrow',
      })
      await analytics.track('Product Viewed', { sku: 'J1', price: 9.5 })
      await analytics.identify('j-user', { email: 'J@Example.com' })
      await analytics.page('Pricing', { plan: 'pro' })
      await analytics.group('acme', { name: 'Acme' })

      const stored = await harness!.stored()
      expect(stored.map((m) => m.type)).toEqual(['track', 'identify', 'page', 'group'])
      expect(new Set(stored.map((m) => m.messageId)).size).toBe(4)
      for (const { message } of stored) {
        expect(message.context?.library?.name).toBe('@jitsu/js')
        expect(message).not.toHaveProperty('writeKey')
      }
      expect(stored[0]?.message.properties).toEqual({ sku: 'J1', price: 9.5 })
      expect(stored[2]?.message.properties).toEqual({ name: 'Pricing', plan: 'pro' })
      expect(stored[3]?.message).toMatchObject({ groupId: 'acme', traits: { name: 'Acme' } })

      await collector.projector.flush()
      const [byEmail, byAnonymousId] = await profileIdsOf(collector, ws, [
        { type: 'email', value: 'j@example.com' },
        { type: 'anonymous_id', value: String(stored[0]?.message.anonymousId) },
      ])
      expect(byEmail).toBeDefined()
      expect(byAnonymousId).toBe(byEmail)
    },
  )
})

describe('POST /api/s/{type} and /api/s/s2s/{type} (Jitsu ingest API)', () => {
  it('stores each message type, the path setting the type', async () => {
    harness = await startHarness()
    const { url, workspace } = harness
    const headers = { 'x-write-key': workspace.writeKey }
    for (const prefix of ['/api/s', '/api/s/s2s']) {
      for (const [type, body] of Object.entries(MESSAGES)) {
        // Jitsu's body carries a `type` too; the path decides.
        const answer = await post(
          `${url}${prefix}/${type}`,
          { ...body, type: 'track' },
          { headers },
        )
        expect(answer.status, `${prefix}/${type}`).toBe(200)
        expect(answer.body).toEqual({ success: true })
      }
    }
    const stored = await harness!.stored()
    const types = Object.keys(MESSAGES)
    expect(stored.map((m) => m.type)).toEqual([...types, ...types])
    expect(stored[0]?.message.properties).toEqual({ sku: 'J1' })
  })

  it('answers 404 naming the message types when the path names none', async () => {
    harness = await startHarness()
    const { url, workspace } = harness
    const headers = { 'x-write-key': workspace.writeKey }
    for (const path of ['/api/s/event', '/api/s/s2s/Track']) {
      const answer = await post(`${url}${path}`, MESSAGES.track, { headers })
      expect(answer.status, path).toBe(404)
      expect(answer.body).toEqual({
        success: false,
        error: {
          code: 'not_found',
          message: `${path} names no message type; the last segment is one of track, identify, page, screen, group, alias`,
        },
      })
    }
    expect(await harness!.stored()).toHaveLength(0)
  })

  it('answers 400 naming the field when a message is invalid', async () => {
    harness = await startHarness()
    const { url, workspace } = harness
    const { event: _omit, ...noEvent } = MESSAGES.track
    const answer = await post(`${url}/api/s/track`, noEvent, {
      headers: { 'x-write-key': workspace.writeKey },
    })
    expect(answer.status).toBe(400)
    expect(answer.body).toMatchObject({
      success: false,
      accepted: 0,
      rejected: [{ index: 0, errors: [{ path: 'event', message: 'required for type "track"' }] }],
    })
  })

  it('answers 401 without a write key or with an unknown one', async () => {
    harness = await startHarness()
    const { url } = harness
    const missing = await post(`${url}/api/s/track`, MESSAGES.track)
    expect(missing.status).toBe(401)
    expect(missing.body).toMatchObject({ error: { code: 'missing_write_key' } })
    for (const key of ['wk_unknown', 'wk_unknown:secret']) {
      const unknown = await post(`${url}/api/s/s2s/track`, MESSAGES.track, {
        headers: { 'x-write-key': key },
      })
      expect(unknown.status, key).toBe(401)
      expect(unknown.body).toMatchObject({ error: { code: 'invalid_write_key' } })
    }
    expect(await harness!.stored()).toHaveLength(0)
  })

  it("reads the write key from X-Write-Key as is or as Jitsu's keyId:secret, and from Basic auth", async () => {
    harness = await startHarness()
    const { url, workspace } = harness
    const { writeKey } = workspace
    const basic = (value: string) => `Basic ${Buffer.from(value).toString('base64')}`
    const ways: Record<string, string>[] = [
      { 'x-write-key': writeKey },
      { 'x-write-key': `${writeKey}:any-secret` },
      { authorization: basic(writeKey) },
      { authorization: basic(`${writeKey}:any-secret`) },
    ]
    for (const headers of ways) {
      const answer = await post(`${url}/api/s/s2s/track`, MESSAGES.track, { headers })
      expect(answer.status, JSON.stringify(headers)).toBe(200)
    }
    expect(await harness!.stored()).toHaveLength(4)
  })
})
