import { spawn, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import { openStore, runCli, type CreatedWorkspace } from '@itinera/collector'
import { basic, testDatabase, type TestDb } from './harness.js'

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url))
const cliPath = fileURLToPath(new URL('../src/cli.ts', import.meta.url))
const children = new Set<ChildProcess>()
let database: TestDb | undefined

afterEach(async () => {
  for (const child of children) child.kill('SIGKILL')
  await Promise.all([...children].map(exited))
  children.clear()
  await database?.drop()
  database = undefined
})

/** Starts `itinera serve` as a child process and resolves with its URL. */
function spawnCollector(db: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(
    process.execPath,
    [
      '--conditions=@itinera/source',
      '--import',
      'tsx',
      cliPath,
      'serve',
      '--port',
      '0',
      '--db',
      db,
    ],
    { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] },
  )
  children.add(child)
  return new Promise((resolve, reject) => {
    let output = ''
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString()
      const match = /listening on (http:\/\/\S+)/.exec(output)
      if (match?.[1]) resolve({ child, url: match[1] })
    })
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.once('exit', (code) =>
      reject(new Error(`collector exited (${code}) before listening:\n${output}`)),
    )
  })
}

const exited = (child: ChildProcess) =>
  new Promise<void>((resolve) =>
    child.exitCode !== null || child.signalCode !== null
      ? resolve()
      : child.once('exit', () => resolve()),
  )

describe('kill -9 in the middle of a stream', () => {
  it('stores every acknowledged message exactly once after a restart', async () => {
    database = await testDatabase()
    const { db } = database
    let created = ''
    await runCli(['workspace', 'create', '--name', 'crash', '--json', '--db', db], {
      stdout: { write: (text: string) => (created += text) },
      stderr: { write: () => true },
    })
    const { writeKey, workspace } = JSON.parse(created) as CreatedWorkspace
    const BATCHES = 160
    const SIZE = 50
    const batchBody = (b: number) => ({
      batch: Array.from({ length: SIZE }, (_, i) => ({
        type: i % 10 === 0 ? 'identify' : 'track',
        event: 'Product Viewed',
        userId: `user-${(b * SIZE + i) % 300}`,
        traits: { email: `user-${(b * SIZE + i) % 300}@example.com` },
        messageId: `crash-${b}-${i}`,
        timestamp: new Date(Date.UTC(2026, 0, 1) + b * 1000 + i).toISOString(),
      })),
    })
    const send = async (url: string, b: number) => {
      const response = await fetch(`${url}/v1/batch`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: basic(writeKey) },
        body: JSON.stringify(batchBody(b)),
      })
      return { status: response.status, body: (await response.json()) as Record<string, unknown> }
    }

    // Phase 1: four retrying senders; the collector is killed with SIGKILL while requests are in flight.
    const first = await spawnCollector(db)
    const acknowledged = new Set<number>()
    const queue = Array.from({ length: BATCHES }, (_, b) => b)
    let killed = false
    const sender = async () => {
      while (!killed) {
        const b = queue.shift()
        if (b === undefined) return
        try {
          const answer = await send(first.url, b)
          if (answer.status === 200) acknowledged.add(b)
          else queue.push(b)
        } catch {
          queue.push(b)
        }
        if (acknowledged.size >= 40 && !killed) {
          killed = true
          first.child.kill('SIGKILL')
        }
      }
    }
    await Promise.all([sender(), sender(), sender(), sender()])
    await exited(first.child)
    expect(first.child.signalCode).toBe('SIGKILL')
    expect(acknowledged.size).toBeGreaterThanOrEqual(40)

    // Every acknowledged message survived the crash.
    const reader = await openStore(db)
    const stored = await reader.readMessages({ workspaceId: workspace.id, limit: BATCHES * SIZE })
    await reader.close()
    const storedIds = new Set(stored.map((message) => message.messageId))
    for (const b of acknowledged) {
      for (let i = 0; i < SIZE; i++) expect(storedIds.has(`crash-${b}-${i}`)).toBe(true)
    }

    // Phase 2: restart; the client retries everything not acknowledged plus some acknowledged batches.
    const second = await spawnCollector(db)
    const retried = [...acknowledged].slice(0, 5)
    for (const b of [
      ...retried,
      ...Array.from({ length: BATCHES }, (_, i) => i).filter((i) => !acknowledged.has(i)),
    ]) {
      const answer = await send(second.url, b)
      expect(answer.status).toBe(200)
      if (retried.includes(b)) expect(answer.body.duplicates).toHaveLength(SIZE)
    }
    second.child.kill('SIGTERM')
    await exited(second.child)

    const check = await openStore(db)
    const all = await check.readMessages({ workspaceId: workspace.id, limit: 2 * BATCHES * SIZE })
    expect(all).toHaveLength(BATCHES * SIZE)
    expect(new Set(all.map((message) => message.messageId)).size).toBe(BATCHES * SIZE)
    // The derived rows caught up too: every message belongs to exactly one profile.
    const perProfile = await check.listProfileMessageCounts(workspace.id)
    expect([...perProfile.values()].reduce((sum, count) => sum + count, 0)).toBe(BATCHES * SIZE)
    expect(await check.countProfiles(workspace.id)).toBe(300)
    await check.close()
  })
})
