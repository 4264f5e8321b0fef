import { afterEach, describe, expect, it } from 'vitest'
import type { ApiDeletion } from '@itinera/core'
import {
  createCollector,
  createWorkspace,
  runCli,
  type Collector,
  type CreatedWorkspace,
} from '@itinera/collector'
import { post, testDatabase, type TestDb } from './harness.js'
import { at, createApiCaller, profilePath, type ApiCaller } from './api-harness.js'

const ana = [
  { type: 'page', anonymousId: 'anon-ana', messageId: 'a1', timestamp: at(0), name: 'Home' },
  {
    type: 'identify',
    anonymousId: 'anon-ana',
    userId: 'u-ana',
    messageId: 'a2',
    timestamp: at(1),
    traits: { email: 'ana@example.com', name: 'Ana' },
  },
  { type: 'track', userId: 'u-ana', messageId: 'a3', timestamp: at(2), event: 'Order Completed' },
]
const bo = [
  { type: 'track', userId: 'u-bo', messageId: 'b1', timestamp: at(0), event: 'Product Viewed' },
  { type: 'track', userId: 'u-bo', messageId: 'b2', timestamp: at(3), event: 'Order Completed' },
]

interface Running {
  collector: Collector
  url: string
  api: ApiCaller
  send(messages: Record<string, unknown>[]): Promise<Record<string, unknown>>
}

let database: TestDb | undefined
let running: Running | undefined
afterEach(async () => {
  await running?.collector.close()
  running = undefined
  await database?.drop()
  database = undefined
})

/** A collector on the test's database; reopened to prove what survives a restart. */
async function open(db: string, keys?: CreatedWorkspace) {
  const collector = await createCollector({
    db,
    webDirectory: false,
    demoDirectory: false,
    sdkFile: false,
  })
  const workspace = keys ?? (await createWorkspace(collector.store, { name: 'test' }))
  const { url } = await collector.listen({ port: 0 })
  running = {
    collector,
    url,
    api: createApiCaller(url, workspace.secretKey),
    send: async (messages) => {
      const answer = await post(
        `${url}/v1/batch`,
        { batch: messages },
        {
          writeKey: workspace.writeKey,
        },
      )
      await collector.projector.flush()
      return answer.body
    },
  }
  return { running, workspace }
}

async function tempDb(): Promise<string> {
  database = await testDatabase()
  return database.db
}

const silent = { stdout: { write: () => true }, stderr: { write: () => true } }

describe('deletion requests', () => {
  it('removes the profile and reports what was removed', async () => {
    const { running: c } = await open(await tempDb())
    await c.send([...ana, ...bo])
    const answer = await c.api('DELETE', profilePath('email:ana@example.com'))
    expect(answer.status).toBe(200)
    const deletion = answer.body as ApiDeletion
    expect(deletion).toMatchObject({
      id: expect.stringMatching(/^del_/),
      status: 'completed',
      ref: 'email:ana@example.com',
      removed: { messages: 3 },
      suppressedMessages: 0,
    })
    expect(deletion.removed.identifiers).toEqual(
      expect.arrayContaining([
        { type: 'user_id', value: 'u-ana' },
        { type: 'email', value: 'ana@example.com' },
        { type: 'anonymous_id', value: 'anon-ana' },
      ]),
    )
    expect(deletion.suppressed).toEqual(deletion.removed.identifiers)
    expect(Date.parse(deletion.completedAt ?? '')).toBeGreaterThanOrEqual(
      Date.parse(deletion.requestedAt),
    )
    for (const ref of [
      'user_id:u-ana',
      'email:ana@example.com',
      'anonymous_id:anon-ana',
      deletion.profileId,
    ]) {
      expect((await c.api('GET', profilePath(ref))).status, ref).toBe(404)
    }
    expect(
      await c.collector.store.countMessages(
        (await c.collector.store.listWorkspaces())[0]?.id ?? '',
      ),
    ).toBe(2)
    expect((await c.api('GET', profilePath('user_id:u-bo'))).status).toBe(200)
    const again = await c.api('GET', `/v1/deletions/${deletion.id}`)
    expect(again.body).toEqual(deletion)
    expect((await c.api('GET', '/v1/deletions/del_unknown')).status).toBe(404)
    expect((await c.api('DELETE', profilePath('email:ana@example.com'))).status).toBe(404)
  })

  it('keeps the profile deleted through replays and late arrivals and counts them', async () => {
    const { running: c } = await open(await tempDb())
    await c.send([...ana, ...bo])
    const deletion = (await c.api('DELETE', profilePath('user_id:u-ana'))).body as ApiDeletion
    const replay = await c.send(ana)
    expect(replay).toMatchObject({ success: true, suppressed: ['a1', 'a2', 'a3'] })
    const late = await c.send([
      {
        type: 'track',
        userId: 'u-ana',
        messageId: 'late-1',
        timestamp: at(-30),
        event: 'Product Viewed',
      },
      {
        type: 'track',
        anonymousId: 'new-device',
        messageId: 'late-2',
        timestamp: at(9),
        event: 'Signed In',
        context: { traits: { email: 'ANA@example.com' } },
      },
      { type: 'track', userId: 'u-bo', messageId: 'b3', timestamp: at(9), event: 'Product Viewed' },
    ])
    expect(late).toMatchObject({ suppressed: ['late-1', 'late-2'] })
    for (const ref of ['user_id:u-ana', 'email:ana@example.com', 'anonymous_id:new-device']) {
      expect((await c.api('GET', profilePath(ref))).status, ref).toBe(404)
    }
    const events = await c.api('GET', profilePath('user_id:u-bo', '/events'))
    expect(events.body.data.map((e: { messageId: string }) => e.messageId)).toEqual([
      'b1',
      'b2',
      'b3',
    ])
    const report = (await c.api('GET', `/v1/deletions/${deletion.id}`)).body as ApiDeletion
    expect(report.suppressedMessages).toBe(5)
  })

  it('keeps the profile deleted after itinera rebuild and a restart', async () => {
    const db = await tempDb()
    const { running: first, workspace } = await open(db)
    await first.send([...ana, ...bo])
    const deletion = (await first.api('DELETE', profilePath('anonymous_id:anon-ana')))
      .body as ApiDeletion
    await first.collector.close()
    running = undefined
    expect(await runCli(['rebuild', '--db', db], silent)).toBe(0)
    const { running: second } = await open(db, workspace)
    expect((await second.api('GET', profilePath('email:ana@example.com'))).status).toBe(404)
    expect((await second.api('GET', profilePath(deletion.profileId))).status).toBe(404)
    const list = await second.api('GET', '/v1/profiles')
    expect(list.body.data.map((p: { identifiers: unknown[] }) => p.identifiers)).toEqual([
      [{ type: 'user_id', value: 'u-bo' }],
    ])
    expect(await second.send(ana)).toMatchObject({ suppressed: ['a1', 'a2', 'a3'] })
    expect((await second.api('GET', profilePath('user_id:u-ana'))).status).toBe(404)
    const report = (await second.api('GET', `/v1/deletions/${deletion.id}`)).body as ApiDeletion
    expect(report).toMatchObject({
      id: deletion.id,
      removed: deletion.removed,
      suppressedMessages: 3,
    })
  })
})
