import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it, onTestFinished } from 'vitest'
import { describeStoreContract, message, workspace } from '../store-contract.js'
import { createSqliteStore } from './sqlite-store.js'

describe('SqliteStore', () => {
  describe('in memory', () => {
    describeStoreContract(async () => {
      const store = await createSqliteStore({ path: ':memory:' })
      onTestFinished(() => store.close())
      return store
    })
  })

  describe('on a file, writing on its thread', () => {
    describeStoreContract(async () => {
      const dir = mkdtempSync(join(tmpdir(), 'itinera-store-'))
      const store = await createSqliteStore({ path: join(dir, 'itinera.db') })
      onTestFinished(async () => {
        await store.close()
        rmSync(dir, { recursive: true, force: true })
      })
      return store
    })
  })

  it('commits concurrent appends together, in call order', async () => {
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
