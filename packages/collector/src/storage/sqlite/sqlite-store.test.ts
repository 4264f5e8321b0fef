import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { NewMessage } from '../types.js'
import { createSqliteStore } from './sqlite-store.js'

const message = (messageId: string, timestamp = '2026-01-01T00:00:00.000Z'): NewMessage => ({
  messageId,
  type: 'track',
  timestamp,
  receivedAt: timestamp,
  skewMs: 0,
  message: {
    type: 'track',
    event: 'e',
    userId: 'u1',
    messageId,
    timestamp,
  } as NewMessage['message'],
})

const workspace = (id: string) => ({
  id,
  name: id,
  writeKey: `wk_${id}`,
  secretKeyHash: `${id}`.padEnd(64, '0'),
  allowedOrigins: ['*'],
  createdAt: '2026-01-01T00:00:00.000Z',
})

describe('SqliteStore', () => {
  it('commits concurrent appends together and deduplicates per workspace', async () => {
    const store = await createSqliteStore({ path: ':memory:' })
    await store.createWorkspace(workspace('a'))
    await store.createWorkspace(workspace('b'))
    const [first, second, other] = await Promise.all([
      store.appendMessages('a', [message('m1'), message('m2')]),
      store.appendMessages('a', [message('m2'), message('m3')]),
      store.appendMessages('b', [message('m1')]),
    ])
    expect(first.stored.map((m) => m?.seq)).toEqual([1, 2])
    expect(second.stored.map((m) => m?.seq)).toEqual([undefined, 3])
    expect(other.stored.map((m) => m?.messageId)).toEqual(['m1'])
    expect(await store.countMessages('a')).toBe(3)
    await store.close()
  })

  it('keeps a deleted messageId known so a replay is a duplicate', async () => {
    const store = await createSqliteStore({ path: ':memory:' })
    await store.createWorkspace(workspace('a'))
    const { stored } = await store.appendMessages('a', [message('m1')])
    await store.deleteMessages('a', [stored[0]?.seq ?? 0])
    const replay = await store.appendMessages('a', [message('m1')])
    expect(replay.stored).toEqual([undefined])
    expect(await store.countMessages('a')).toBe(0)
    await store.close()
  })

  it('resolves merged profile ids to the survivor and pages a timeline by (timestamp, seq)', async () => {
    const store = await createSqliteStore({ path: ':memory:' })
    await store.createWorkspace(workspace('a'))
    const { stored } = await store.appendMessages('a', [
      message('m1', '2026-01-01T00:00:02.000Z'),
      message('m2', '2026-01-01T00:00:01.000Z'),
      message('m3', '2026-01-01T00:00:02.000Z'),
    ])
    const profile = {
      id: 'p2',
      identifiers: [{ type: 'user_id', value: 'u1' }],
      traits: {},
      firstSeen: undefined,
      lastSeen: undefined,
      stage: undefined,
      messageCount: 3,
      journey: {},
    }
    await store.applyProjection('a', {
      profiles: [
        {
          record: profile,
          messages: stored.map((m) => ({ seq: m?.seq ?? 0, timestamp: m?.timestamp ?? '' })),
          history: [{ profileId: 'p2', kind: 'merge', at: undefined, detail: { absorbed: 'p1' } }],
        },
      ],
      removedProfiles: [{ id: 'p1', survivorId: 'p2' }],
    })
    expect(await store.resolveProfileId('a', 'p1')).toBe('p2')
    expect(await store.resolveProfileId('b', 'p1')).toBeUndefined()
    expect(await store.findProfileIdByIdentifier('a', { type: 'user_id', value: 'u1' })).toBe('p2')
    const page1 = await store.listProfileEvents('a', 'p2', { limit: 2 })
    expect(page1.map((m) => m.messageId)).toEqual(['m2', 'm1'])
    const last = page1.at(-1)
    const page2 = await store.listProfileEvents('a', 'p2', {
      limit: 2,
      after: { timestamp: last?.timestamp ?? '', seq: last?.seq ?? 0 },
    })
    expect(page2.map((m) => m.messageId)).toEqual(['m3'])
    expect((await store.listIdentityEvents('a', 'p2')).map((e) => e.kind)).toEqual(['merge'])
    await store.close()
  })

  it('commits on its writer thread and keeps every append it accepted before close', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'itinera-store-'))
    try {
      const path = join(dir, 'itinera.db')
      const store = await createSqliteStore({ path })
      await store.createWorkspace(workspace('a'))
      const unicode = { ...message('m-é🙂'), identifiers: [{ type: 'email', value: 'é@x.dev' }] }
      const appends = Promise.all([
        store.appendMessages('a', [message('m1'), unicode]),
        store.appendMessages('a', [message('m1'), message('m2')]),
      ])
      await store.close()
      const [first, second] = await appends
      expect(first.stored.map((m) => m?.seq)).toEqual([1, 2])
      expect(second.stored.map((m) => m?.seq)).toEqual([undefined, 3])
      const reopened = await createSqliteStore({ path })
      const stored = await reopened.readMessages({ workspaceId: 'a', limit: 10 })
      expect(stored.map((m) => m.messageId)).toEqual(['m1', 'm-é🙂', 'm2'])
      expect(stored[1]?.message.messageId).toBe('m-é🙂')
      const records = await reopened.readIdentityRecords('a', { limit: 10 })
      expect(records[1]?.identifiers).toEqual([{ type: 'email', value: 'é@x.dev' }])
      await reopened.close()
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
