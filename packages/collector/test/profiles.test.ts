import pg from 'pg'
import { afterEach, describe, expect, it } from 'vitest'
import { createWorkspace, isPostgresUrl, type SqliteStore } from '@itinera/collector'
import { post, startHarness, type Harness } from './harness.js'

let harness: Harness | undefined
afterEach(async () => {
  await harness?.close()
  harness = undefined
})

const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 10, minute)).toISOString()

/** Every derived table, in a stable order, for comparing a rebuild with incremental results. */
async function dumpDerived({ collector, dbPath }: Harness) {
  let rows: (sql: string) => Promise<unknown[]>
  let done = async () => {}
  if (isPostgresUrl(dbPath)) {
    const client = new pg.Client({ connectionString: dbPath })
    await client.connect()
    rows = async (sql) => (await client.query(sql)).rows
    done = () => client.end()
  } else {
    const { db } = collector.store as SqliteStore
    rows = (sql) => Promise.resolve(db.prepare(sql).all())
  }
  // Byte order on both stores, whatever PostgreSQL's locale.
  const by = (columns: string) =>
    columns
      .split(', ')
      .map((column) => (column === 'seq' || column === 'id' ? column : `${column} COLLATE "C"`))
      .join(', ')
  const sqlite = !isPostgresUrl(dbPath)
  const order = (columns: string) => (sqlite ? columns : by(columns))
  try {
    return {
      profiles: await rows(`SELECT * FROM profiles ORDER BY ${order('workspace_id, profile_id')}`),
      identifiers: await rows(
        `SELECT * FROM profile_identifiers ORDER BY ${order('workspace_id, id_type, id_value')}`,
      ),
      merges: await rows(
        `SELECT * FROM profile_merges ORDER BY ${order('workspace_id, merged_id')}`,
      ),
      timelines: await rows('SELECT * FROM profile_messages ORDER BY seq'),
      audit: await rows(
        `SELECT workspace_id, profile_id, kind, at, detail FROM identity_events ORDER BY ${order('workspace_id, profile_id, id')}`,
      ),
    }
  } finally {
    await done()
  }
}

describe('identity and journeys at ingest', () => {
  it('records the identifiers the graph extracted on each stored message', async () => {
    harness = await startHarness()
    const { url, workspace, collector } = harness
    const ws = workspace.workspace.id
    // Loaded first, the graph takes the messages as soon as they are committed.
    await collector.projector.graph(ws)
    await post(
      `${url}/v1/batch`,
      {
        batch: [
          { type: 'page', anonymousId: 'a1', messageId: 'p1', timestamp: at(0) },
          {
            type: 'identify',
            anonymousId: 'a1',
            userId: 'u1',
            messageId: 'i1',
            timestamp: at(1),
            traits: { email: 'Ana@Example.com' },
          },
        ],
      },
      { writeKey: workspace.writeKey },
    )
    await collector.projector.flush()
    const records = await collector.store.readIdentityRecords(ws, { limit: 10 })
    expect(records.map((r) => [r.messageId, r.identifiers, r.message])).toEqual([
      ['p1', [{ type: 'anonymous_id', value: 'a1' }], undefined],
      [
        'i1',
        [
          { type: 'user_id', value: 'u1' },
          { type: 'email', value: 'ana@example.com' },
          { type: 'anonymous_id', value: 'a1' },
        ],
        undefined,
      ],
    ])
  })

  it('stitches an anonymous visit and a later identify into one profile with traits and a stage', async () => {
    harness = await startHarness()
    const { url, workspace, collector } = harness
    const ws = workspace.workspace.id
    await post(
      `${url}/v1/batch`,
      {
        batch: [
          { type: 'page', anonymousId: 'a1', messageId: 'p1', timestamp: at(0), name: 'Home' },
          {
            type: 'track',
            anonymousId: 'a1',
            messageId: 't1',
            timestamp: at(1),
            event: 'Product Viewed',
          },
          {
            type: 'identify',
            anonymousId: 'a1',
            userId: 'u1',
            messageId: 'i1',
            timestamp: at(2),
            traits: { email: 'Ana@Example.com', name: 'Ana' },
          },
          {
            type: 'track',
            userId: 'u1',
            messageId: 'o1',
            timestamp: at(3),
            event: 'Order Completed',
            properties: { revenue: 42 },
          },
        ],
      },
      { writeKey: workspace.writeKey },
    )
    await collector.projector.flush()
    const byEmail = await collector.store.findProfileIdByIdentifier(ws, {
      type: 'email',
      value: 'ana@example.com',
    })
    const byAnon = await collector.store.findProfileIdByIdentifier(ws, {
      type: 'anonymous_id',
      value: 'a1',
    })
    expect(byEmail).toBeDefined()
    expect(byAnon).toBe(byEmail)
    const profile = await collector.store.getProfile(ws, byEmail ?? '')
    expect(profile).toMatchObject({
      traits: { email: 'Ana@Example.com', name: 'Ana' },
      firstSeen: at(0),
      lastSeen: at(3),
      messageCount: 4,
    })
    expect(profile?.stage).toBeTypeOf('string')
    const events = await collector.store.listProfileEvents(ws, byEmail ?? '', { limit: 10 })
    expect(events.map((e) => e.messageId)).toEqual(['p1', 't1', 'i1', 'o1'])
  })

  it('resolves a merged-away profile id to the survivor and records the merge', async () => {
    harness = await startHarness()
    const { url, workspace, collector } = harness
    const ws = workspace.workspace.id
    const send = (batch: unknown[]) =>
      post(`${url}/v1/batch`, { batch }, { writeKey: workspace.writeKey })
    await send([
      { type: 'track', anonymousId: 'a1', messageId: 'm1', timestamp: at(0), event: 'Viewed' },
    ])
    await collector.projector.flush()
    const anonymous = await collector.store.findProfileIdByIdentifier(ws, {
      type: 'anonymous_id',
      value: 'a1',
    })
    await send([
      { type: 'track', userId: 'u1', messageId: 'm2', timestamp: at(1), event: 'Signed In' },
    ])
    await collector.projector.flush()
    const known = await collector.store.findProfileIdByIdentifier(ws, {
      type: 'user_id',
      value: 'u1',
    })
    expect(known).not.toBe(anonymous)
    await send([
      { type: 'identify', userId: 'u1', anonymousId: 'a1', messageId: 'm3', timestamp: at(2) },
    ])
    await collector.projector.flush()
    const survivor = await collector.store.findProfileIdByIdentifier(ws, {
      type: 'user_id',
      value: 'u1',
    })
    expect(
      await collector.store.findProfileIdByIdentifier(ws, { type: 'anonymous_id', value: 'a1' }),
    ).toBe(survivor)
    const mergedAway = [anonymous, known].find((id) => id !== survivor) ?? ''
    expect(await collector.store.resolveProfileId(ws, mergedAway)).toBe(survivor)
    expect(await collector.store.getProfile(ws, mergedAway)).toBeUndefined()
    const history = await collector.store.listIdentityEvents(ws, survivor ?? '')
    expect(history.map((e) => e.kind)).toContain('merge')
    expect(await collector.store.countProfiles(ws)).toBe(1)
  })

  it('reflects a message in its profile within one second of the acknowledgment', async () => {
    harness = await startHarness()
    const { url, workspace, collector } = harness
    const ws = workspace.workspace.id
    await post(
      `${url}/v1/track`,
      { userId: 'fast', event: 'Signed Up', messageId: 'f1' },
      { writeKey: workspace.writeKey },
    )
    const deadline = Date.now() + 1000
    let found: string | undefined
    while (!found && Date.now() < deadline) {
      found = await collector.store.findProfileIdByIdentifier(ws, {
        type: 'user_id',
        value: 'fast',
      })
      if (!found) await new Promise((resolve) => setTimeout(resolve, 10))
    }
    expect(found).toBeDefined()
  })

  it('rebuilds derived tables identical to the incremental ones', async () => {
    harness = await startHarness()
    const { url, workspace, collector } = harness
    const batches: unknown[][] = []
    for (let b = 0; b < 6; b++) {
      const batch: unknown[] = []
      for (let i = 0; i < 20; i++) {
        const n = b * 20 + i
        const person = n % 7
        batch.push(
          n % 5 === 0
            ? {
                type: 'identify',
                anonymousId: `anon-${person}-${n % 3}`,
                userId: `user-${person}`,
                traits: { email: `p${person}@x.io`, plan: `p${n}` },
                messageId: `m${n}`,
                timestamp: at(n),
              }
            : {
                type: 'track',
                anonymousId: `anon-${person}-${n % 3}`,
                event: n % 4 === 0 ? 'Order Completed' : 'Product Viewed',
                messageId: `m${n}`,
                timestamp: at(120 - n),
              },
        )
      }
      batches.push(batch)
    }
    for (const batch of batches)
      await post(`${url}/v1/batch`, { batch }, { writeKey: workspace.writeKey })
    await collector.projector.flush()
    const incremental = await dumpDerived(harness)
    expect(incremental.profiles.length).toBeGreaterThan(0)
    await collector.rebuild()
    expect(await dumpDerived(harness)).toEqual(incremental)
  })

  it('never links identities across workspaces', async () => {
    harness = await startHarness()
    const { url, workspace, collector } = harness
    const other = await createWorkspace(collector.store, { name: 'other' })
    const identify = (messageId: string, email: string) => ({
      type: 'identify',
      userId: 'same-user',
      traits: { email },
      messageId,
      timestamp: at(0),
    })
    await post(
      `${url}/v1/batch`,
      { batch: [identify('w1', 'one@x.io')] },
      { writeKey: workspace.writeKey },
    )
    await post(
      `${url}/v1/batch`,
      { batch: [identify('w2', 'two@x.io')] },
      { writeKey: other.writeKey },
    )
    await collector.projector.flush()
    const first = await collector.store.findProfileIdByIdentifier(workspace.workspace.id, {
      type: 'user_id',
      value: 'same-user',
    })
    const second = await collector.store.findProfileIdByIdentifier(other.workspace.id, {
      type: 'user_id',
      value: 'same-user',
    })
    expect((await collector.store.getProfile(workspace.workspace.id, first ?? ''))?.traits).toEqual(
      { email: 'one@x.io' },
    )
    expect((await collector.store.getProfile(other.workspace.id, second ?? ''))?.traits).toEqual({
      email: 'two@x.io',
    })
    expect(
      await collector.store.findProfileIdByIdentifier(workspace.workspace.id, {
        type: 'email',
        value: 'two@x.io',
      }),
    ).toBeUndefined()
  })
})
