import { describe, expect, it, afterEach } from 'vitest'
import { post, startHarness, track, type Harness } from './harness.js'

let harness: Harness | undefined
afterEach(async () => {
  await harness?.close()
  harness = undefined
})

describe('ingestion over HTTP', () => {
  it('answers 200 {success: true} and stores every message when all are valid', async () => {
    harness = await startHarness()
    const { url, workspace, collector } = harness
    const batch = [track(), track({ type: 'identify', traits: { email: 'a@example.com' } })]
    const answer = await post(`${url}/v1/batch`, { batch }, { writeKey: workspace.writeKey })
    expect(answer.status).toBe(200)
    expect(answer.body).toEqual({ success: true })
    expect(await collector.store.countMessages(workspace.workspace.id)).toBe(2)
  })

  it('keeps the valid messages and reports the invalid ones when a batch is partly invalid', async () => {
    harness = await startHarness()
    const { url, workspace, collector } = harness
    const good = track()
    const bad = { type: 'track', messageId: 'bad-1', anonymousId: 'x' }
    const answer = await post(
      `${url}/v1/batch`,
      { batch: [good, bad] },
      { writeKey: workspace.writeKey },
    )
    expect(answer.status).toBe(400)
    expect(answer.body).toEqual({
      success: false,
      accepted: 1,
      rejected: [
        {
          index: 1,
          messageId: 'bad-1',
          errors: [{ path: 'event', message: 'required for type "track"' }],
        },
      ],
    })
    const stored = await collector.store.readMessages({
      workspaceId: workspace.workspace.id,
      limit: 10,
    })
    expect(stored.map((m) => m.messageId)).toEqual([good.messageId])
  })

  it('stores a retried message once and names it as a duplicate', async () => {
    harness = await startHarness()
    const { url, workspace, collector } = harness
    const message = track()
    const first = await post(
      `${url}/v1/batch`,
      { batch: [message] },
      { writeKey: workspace.writeKey },
    )
    const again = await post(
      `${url}/v1/batch`,
      { batch: [message, track()] },
      { writeKey: workspace.writeKey },
    )
    expect(first.body).toEqual({ success: true })
    expect(again.body).toEqual({ success: true, duplicates: [message.messageId] })
    expect(await collector.store.countMessages(workspace.workspace.id)).toBe(2)
  })

  it('stores U+0000 in any string as U+FFFD, on either store, and still deduplicates and resolves it', async () => {
    harness = await startHarness()
    const { url, workspace, collector } = harness
    const ws = workspace.workspace.id
    const nul = {
      type: 'identify',
      userId: 'a\u0000b',
      messageId: 'm\u00001',
      timestamp: '2026-01-01T00:00:00.000Z',
      traits: { email: 'x\u0000@example.com', ['n\u0000']: 'v\u0000' },
    }
    const page = track({ type: 'page', name: 'P\u0000', userId: 'a\u0000b', event: undefined })
    const first = await post(
      `${url}/v1/batch`,
      { batch: [nul, page] },
      { writeKey: workspace.writeKey },
    )
    expect(first.body).toEqual({ success: true })
    const again = await post(`${url}/v1/batch`, { batch: [nul] }, { writeKey: workspace.writeKey })
    // Receipts name the messageId as stored.
    expect(again.body).toEqual({ success: true, duplicates: ['m\uFFFD1'] })
    const stored = await collector.store.readMessages({ workspaceId: ws, limit: 10 })
    expect(stored.map((m) => m.messageId)).toEqual(['m\uFFFD1', page.messageId])
    expect(stored[0]?.message).toMatchObject({
      userId: 'a\uFFFDb',
      traits: { email: 'x\uFFFD@example.com', ['n\uFFFD']: 'v\uFFFD' },
    })
    await collector.projector.flush()
    const id = await collector.store.findProfileIdByIdentifier(ws, {
      type: 'user_id',
      value: 'a\uFFFDb',
    })
    expect(id).toBeDefined()
    // The page's name reaches the analytics reads as stored.
    const rows = await collector.store.readProfileAnalyticsRows(ws, id!)
    expect(rows.map((row) => row.name)).toContain('P\uFFFD')
    // Asked with the NUL, the profile API finds what was stored with U+FFFD.
    const lookup = await fetch(`${url}/v1/profiles/${encodeURIComponent('user_id:a\u0000b')}`, {
      headers: { authorization: `Bearer ${workspace.secretKey}` },
    })
    expect(lookup.status).toBe(200)
  })

  it('stores a duplicate inside one batch once', async () => {
    harness = await startHarness()
    const { url, workspace, collector } = harness
    const message = track()
    const answer = await post(
      `${url}/v1/batch`,
      { batch: [message, message] },
      { writeKey: workspace.writeKey },
    )
    expect(answer.body).toEqual({ success: true, duplicates: [message.messageId] })
    expect(await collector.store.countMessages(workspace.workspace.id)).toBe(1)
  })

  it('accepts gzip request bodies', async () => {
    harness = await startHarness()
    const { url, workspace, collector } = harness
    const answer = await post(
      `${url}/v1/batch`,
      { batch: [track(), track()] },
      { writeKey: workspace.writeKey, gzip: true },
    )
    expect(answer.status).toBe(200)
    expect(await collector.store.countMessages(workspace.workspace.id)).toBe(2)
  })

  it('answers 400 invalid_gzip when a gzip body is corrupt', async () => {
    harness = await startHarness()
    const { url, workspace } = harness
    const answer = await post(`${url}/v1/batch`, undefined, {
      raw: 'not gzip at all',
      writeKey: workspace.writeKey,
      headers: { 'content-encoding': 'gzip' },
    })
    expect(answer.status).toBe(400)
    expect(answer.body).toEqual({
      success: false,
      error: { code: 'invalid_gzip', message: expect.any(String) },
    })
  })

  it('reads the write key from the body when there is no Basic auth', async () => {
    harness = await startHarness()
    const { url, workspace } = harness
    const answer = await post(`${url}/v1/track`, { ...track(), writeKey: workspace.writeKey })
    expect(answer.status).toBe(200)
    const [stored] = await harness.collector.store.readMessages({
      workspaceId: workspace.workspace.id,
      limit: 1,
    })
    expect(stored?.message).not.toHaveProperty('writeKey')
  })

  it('sets the type from the path on single-call endpoints', async () => {
    harness = await startHarness()
    const { url, workspace, collector } = harness
    for (const [path, body] of [
      ['identify', { userId: 'u1', traits: { name: 'Ana' } }],
      ['page', { anonymousId: 'a1', name: 'Home' }],
      ['screen', { anonymousId: 'a1', name: 'Home' }],
      ['group', { userId: 'u1', groupId: 'g1' }],
      ['alias', { userId: 'u1', previousId: 'a1' }],
      ['track', { userId: 'u1', event: 'Signed Up' }],
    ] as const) {
      const answer = await post(`${url}/v1/${path}`, body, { writeKey: workspace.writeKey })
      expect(answer.status, path).toBe(200)
    }
    const stored = await collector.store.readMessages({
      workspaceId: workspace.workspace.id,
      limit: 10,
    })
    expect(stored.map((m) => m.type)).toEqual([
      'identify',
      'page',
      'screen',
      'group',
      'alias',
      'track',
    ])
  })

  it('corrects clock skew and keeps the original timestamp, sentAt and the skew', async () => {
    harness = await startHarness()
    const { url, workspace, collector } = harness
    const before = Date.now()
    // The client's clock is one hour behind: it sent "now − 1h" and the event happened 10 s earlier.
    const sentAt = new Date(before - 3_600_000).toISOString()
    const timestamp = new Date(before - 3_610_000).toISOString()
    await post(
      `${url}/v1/batch`,
      { batch: [track({ timestamp })], sentAt },
      { writeKey: workspace.writeKey },
    )
    const [stored] = await collector.store.readMessages({
      workspaceId: workspace.workspace.id,
      limit: 1,
    })
    if (!stored) throw new Error('nothing stored')
    const received = Date.parse(stored.receivedAt)
    expect(stored.skewMs).toBe(received - Date.parse(sentAt))
    expect(Date.parse(stored.timestamp)).toBe(received - 10_000)
    expect(stored.message).toMatchObject({
      originalTimestamp: timestamp,
      sentAt,
      receivedAt: stored.receivedAt,
    })
  })

  it('keeps the client timestamps when the measured skew is only transit time', async () => {
    harness = await startHarness()
    const { url, workspace, collector } = harness
    // Two batches from one device with a correct clock: the first spent longer in transit, so a
    // full correction would move its event after the second one's.
    const now = Date.now()
    const first = track({ anonymousId: 'device-1', timestamp: new Date(now - 900).toISOString() })
    const second = track({ anonymousId: 'device-1', timestamp: new Date(now - 850).toISOString() })
    const send = (message: Record<string, unknown>, sentAt: number) =>
      post(
        `${url}/v1/batch`,
        { batch: [message], sentAt: new Date(sentAt).toISOString() },
        {
          writeKey: workspace.writeKey,
        },
      )
    await send(first, now - 900)
    await send(second, now - 100)
    const stored = await collector.store.readMessages({
      workspaceId: workspace.workspace.id,
      limit: 2,
    })
    expect(stored.map((row) => row.timestamp)).toEqual([first.timestamp, second.timestamp])
  })

  it('generates a messageId when a message has none', async () => {
    harness = await startHarness()
    const { url, workspace, collector } = harness
    const { messageId: _omit, ...message } = track()
    await post(`${url}/v1/batch`, { batch: [message] }, { writeKey: workspace.writeKey })
    const [stored] = await collector.store.readMessages({
      workspaceId: workspace.workspace.id,
      limit: 1,
    })
    expect(stored?.messageId).toMatch(/^[0-9a-f-]{36}$/)
    expect(stored?.message.messageId).toBe(stored?.messageId)
  })

  it('answers 400 invalid_json for malformed JSON and stores nothing', async () => {
    harness = await startHarness()
    const { url, workspace, collector } = harness
    const answer = await post(`${url}/v1/batch`, undefined, {
      raw: '{"batch": [',
      writeKey: workspace.writeKey,
    })
    expect(answer.status).toBe(400)
    expect(answer.body).toEqual({
      success: false,
      error: { code: 'invalid_json', message: 'the request body is not valid JSON' },
    })
    expect(await collector.store.countMessages(workspace.workspace.id)).toBe(0)
  })

  it('answers 400 invalid_batch when the body has no batch array', async () => {
    harness = await startHarness()
    const { url, workspace } = harness
    const answer = await post(
      `${url}/v1/batch`,
      { batch: 'nope' },
      { writeKey: workspace.writeKey },
    )
    expect(answer.status).toBe(400)
    expect(answer.body).toMatchObject({ success: false, error: { code: 'invalid_batch' } })
  })

  it('answers GET /health with 200', async () => {
    harness = await startHarness()
    const response = await fetch(`${harness.url}/health`)
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ status: 'ok' })
  })

  it('answers 404 as JSON without internals for an unknown path', async () => {
    harness = await startHarness()
    const response = await fetch(`${harness.url}/nope`)
    expect(response.status).toBe(404)
    const text = await response.text()
    expect(text).not.toMatch(/at .*\.ts:\d+/)
    expect(JSON.parse(text)).toMatchObject({ success: false, error: { code: 'not_found' } })
  })
})
