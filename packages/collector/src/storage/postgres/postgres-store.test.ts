import { createTestDatabase } from '@itinera/test-utils'
import pg from 'pg'
import { describe, expect, inject, it, onTestFinished } from 'vitest'
import { migrations } from '../sqlite/migrations.js'
import { describeStoreContract, message, profile, workspace } from '../store-contract.js'
import type { CollectorStore } from '../types.js'
import { createPostgresStore } from './postgres-store.js'

function serverUrl(): string {
  const url = inject('postgresUrl')
  if (url === undefined) throw new Error('no PostgreSQL server: run the collector-postgres project')
  return url
}

let databases = 0

/**
 * A fresh database for this test, dropped when it ends (after its stores are closed); with
 * `locale`, its default collation is that ICU locale's.
 */
async function testDatabase(options: { locale?: string } = {}): Promise<string> {
  if (options.locale === undefined) {
    const db = await createTestDatabase(serverUrl())
    onTestFinished(() => db.drop())
    return db.url
  }
  const name = `itinera_locale_${process.pid}_${databases++}`
  await query(
    serverUrl(),
    `CREATE DATABASE ${name} TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE '${options.locale}' LOCALE 'C.UTF-8'`,
  )
  onTestFinished(async () => {
    await query(serverUrl(), `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
  })
  const url = new URL(serverUrl())
  url.pathname = `/${name}`
  return url.toString()
}

/** A store on `url`, closed when the test ends. */
async function openStore(url: string, maxConnections?: number): Promise<CollectorStore> {
  const store = await createPostgresStore({ url, maxConnections })
  onTestFinished(() => store.close())
  return store
}

async function query<R extends pg.QueryResultRow>(url: string, text: string): Promise<R[]> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return (await client.query<R>(text)).rows
  } finally {
    await client.end()
  }
}

describe('PostgresStore', () => {
  describeStoreContract(async () => openStore(await testDatabase()))

  it('migrates once when two stores start together, with the SQLite versions and names', async () => {
    const url = await testDatabase()
    const [first] = await Promise.all([openStore(url), openStore(url)])
    await first.migrate()
    const applied = await query<{ version: number; name: string }>(
      url,
      'SELECT version, name FROM schema_migrations ORDER BY version',
    )
    expect(applied).toEqual(migrations.map(({ version, name }) => ({ version, name })))
  })

  it('stores each messageId once when stores on one database append at once', async () => {
    const url = await testDatabase()
    const stores = [await openStore(url, 4), await openStore(url, 4)]
    await stores[0]?.createWorkspace(workspace('a'))
    const calls = Array.from({ length: 16 }, (_, call) =>
      Array.from({ length: 5 }, (_, i) => message(`m${(call * 3 + i) % 30}`)),
    )
    const results = await Promise.all(
      calls.map((batch, i) => stores[i % 2]?.appendMessages('a', batch)),
    )
    const stored = results.flatMap((result) => result?.stored ?? []).filter((m) => m !== undefined)
    expect(stored.map((m) => m.messageId).sort()).toEqual(
      [...new Set(calls.flat().map((m) => m.messageId))].sort(),
    )
    expect(await stores[1]?.countMessages('a')).toBe(stored.length)
  })

  it('never makes a message visible below a seq a reader has passed', async () => {
    const url = await testDatabase()
    const store = await openStore(url, 8)
    await store.createWorkspace(workspace('a'))
    const appends = Promise.all(
      Array.from({ length: 40 }, (_, call) =>
        store.appendMessages('a', [message(`m${call}a`), message(`m${call}b`)]),
      ),
    )
    let done = false
    const finish = () => (done = true)
    void appends.then(finish, finish)
    const seen: number[] = []
    // A reader pages by `seq > watermark`: anything committed later below the watermark is lost.
    for (let finished = false; !finished;) {
      finished = done
      const page = await store.readMessages({ workspaceId: 'a', afterSeq: seen.at(-1), limit: 7 })
      seen.push(...page.map((m) => m.seq))
      if (page.length > 0) finished = false
    }
    await appends
    expect(seen).toHaveLength(80)
    expect(seen).toEqual([...seen].sort((x, y) => x - y))
  })

  it('orders ids by bytes, as SQLite does, whatever the database locale', async () => {
    const url = await testDatabase({ locale: 'en-US' })
    const store = await openStore(url)
    for (const id of ['b', 'B', 'a-c', 'ab']) await store.createWorkspace(workspace(id))
    expect((await store.listWorkspaces()).map((w) => w.id)).toEqual(['B', 'a-c', 'ab', 'b'])
    const profiles = ['b', 'B', 'a-c', 'ab'].map((id) => ({
      record: profile(id),
      messages: [],
      history: [],
    }))
    await store.applyProjection('a', { profiles, removedProfiles: [] })
    const listed = await store.listProfiles('a', { limit: 10, after: 'B' })
    expect(listed.map((p) => p.id)).toEqual(['a-c', 'ab', 'b'])
  })

  it('reads U+0000 in a parameter as U+FFFD instead of failing the query', async () => {
    const url = await testDatabase()
    const store = await openStore(url)
    await store.createWorkspace(workspace('a'))
    expect(await store.findWorkspaceByWriteKey('wk_\u0000')).toBeUndefined()
    expect(await store.getDeletion('a', 'del_\u0000')).toBeUndefined()
    const {
      stored: [stored],
    } = await store.appendMessages('a', [message('m\uFFFD')])
    expect(
      await store.getMessagesByIds('a', ['m\u0000']).then((found) => found.map((m) => m.seq)),
    ).toEqual([stored!.seq])
  })

  it('rolls back a whole append when one row fails', async () => {
    const url = await testDatabase()
    const store = await openStore(url)
    await store.createWorkspace(workspace('a'))
    // skew_ms is a BIGINT: a fraction fails the insert.
    const bad = { ...message('bad'), skewMs: 0.5 }
    await expect(store.appendMessages('a', [message('m1'), bad])).rejects.toThrow()
    expect(await store.countMessages('a')).toBe(0)
    const retry = await store.appendMessages('a', [message('m1')])
    expect(retry.stored.map((m) => m?.messageId)).toEqual(['m1'])
  })

  it('rolls back a whole projection step when one row fails', async () => {
    const url = await testDatabase()
    const store = await openStore(url)
    // message_count is a BIGINT: a fraction fails the upsert.
    const record = (id: string) => profile(id, { messageCount: id === 'bad' ? 0.5 : 0 })
    const write = (...ids: string[]) =>
      store.applyProjection('a', {
        profiles: ids.map((id) => ({ record: record(id), messages: [], history: [] })),
        removedProfiles: [{ id: 'p0', survivorId: 'p1' }],
        watermark: 5,
      })
    await expect(write('p1', 'bad')).rejects.toThrow()
    expect(await store.countProfiles('a')).toBe(0)
    expect(await store.resolveProfileId('a', 'p0')).toBeUndefined()
    expect(await store.projectionWatermark('a')).toBe(0)
    await write('p1')
    expect(await store.resolveProfileId('a', 'p0')).toBe('p1')
  })

  it('finishes the work in flight when closed, then refuses more', async () => {
    const url = await testDatabase()
    const store = await createPostgresStore({ url })
    await store.createWorkspace(workspace('a'))
    const appends = Promise.all([
      store.appendMessages('a', [message('m1')]),
      store.appendMessages('a', [message('m2')]),
    ])
    await store.close()
    expect((await appends).map((result) => result.stored[0]?.messageId)).toEqual(['m1', 'm2'])
    await expect(store.countMessages('a')).rejects.toThrow('closed')
    await store.close()
    const reopened = await openStore(url)
    expect(await reopened.countMessages('a')).toBe(2)
  })
})
