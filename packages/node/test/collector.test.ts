// Integration with the real collector, spawned through its CLI: @itinera/node never imports the
// collector, not even in tests, so the packages stay independent.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  Analytics,
  InvalidRequestError,
  NotFoundError,
  Profiles,
  UnauthorizedError,
  type DropEvent,
} from '@itinera/node'

const root = fileURLToPath(new URL('../../../', import.meta.url))
const cli = fileURLToPath(new URL('../../collector/src/cli.ts', import.meta.url))
const node = (args: string[]) => ['--conditions=@itinera/source', '--import', 'tsx', cli, ...args]

let dir: string
let server: ChildProcess
let host: string
let keys: { writeKey: string; secretKey: string }

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'itinera-node-'))
  const db = join(dir, 'itinera.db')
  const created = spawnSync(
    process.execPath,
    node(['workspace', 'create', '--name', 'node-sdk', '--json', '--db', db]),
    { cwd: root, encoding: 'utf8' },
  )
  if (created.status !== 0) throw new Error(`workspace create failed: ${created.stderr}`)
  keys = JSON.parse(created.stdout) as typeof keys
  server = spawn(process.execPath, node(['serve', '--port', '0', '--db', db]), {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  host = await new Promise<string>((resolve, reject) => {
    let out = ''
    let err = ''
    server.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      const match = /listening on (http:\/\/\S+)/.exec(out)
      if (match?.[1]) resolve(match[1])
    })
    server.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()))
    server.on('exit', (code) => reject(new Error(`collector exited (${code}): ${err}`)))
  })
}, 60_000)

afterAll(async () => {
  if (server && server.exitCode === null) {
    const exited = new Promise((resolve) => server.once('exit', resolve))
    server.kill('SIGTERM')
    await exited
  }
  rmSync(dir, { recursive: true, force: true })
}, 30_000)

/** Polls until `read` resolves without NotFoundError: profiles are projected asynchronously. */
async function eventually<T>(read: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await read()
    } catch (error) {
      if (!(error instanceof NotFoundError) || attempt > 200) throw error
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
  }
}

describe('@itinera/node against the collector', () => {
  it('delivers calls that the profile API then returns as one stitched profile', async () => {
    const analytics = new Analytics({ writeKey: keys.writeKey, host })
    const drops: DropEvent[] = []
    analytics.on('drop', (event) => drops.push(event))
    analytics.identify({ userId: 'ana-1', traits: { email: 'ana@example.com', plan: 'pro' } })
    analytics.page({ userId: 'ana-1', name: 'Pricing' })
    for (let i = 0; i < 5; i++) {
      analytics.track({ userId: 'ana-1', event: 'Order Completed', properties: { i } })
    }
    await analytics.close()
    expect(drops).toEqual([])
    expect(analytics.stats.sent).toBe(7)

    const profiles = new Profiles({ host, secretKey: keys.secretKey })
    const byUser = await eventually(() => profiles.get('user_id:ana-1'))
    expect(byUser.traits).toMatchObject({ plan: 'pro' })
    const events = await eventually(async () => {
      const all = await profiles.events(byUser.id, { limit: 2 }).toArray()
      if (all.length < 7) throw new NotFoundError('not projected yet')
      return all
    })
    expect(events.map((e) => e.type)).toEqual([
      'identify',
      'page',
      ...Array.from({ length: 5 }, () => 'track'),
    ])
    const journey = await profiles.journey(byUser.id)
    expect(journey.profileId).toBe(byUser.id)
    const history = await profiles.history(byUser.id)
    expect(history.profileId).toBe(byUser.id)
    const why = await profiles.explain(byUser.id, 'user_id:ana-1', {
      type: 'email',
      value: 'Ana@Example.com',
    })
    expect(why.sameProfile).toBe(true)
    expect(why.steps).toHaveLength(1)
    expect(why.steps[0]).toMatchObject({
      from: { type: 'user_id', value: 'ana-1' },
      to: { type: 'email', value: 'ana@example.com' },
      messageId: events[0]!.messageId,
    })
    const stages = await profiles.stages()
    expect(Array.isArray(stages.data)).toBe(true)
  }, 60_000)

  it('finds a profile by email and deletes it for good', async () => {
    const analytics = new Analytics({ writeKey: keys.writeKey, host })
    analytics.identify({ userId: 'bo-2', traits: { email: 'bo@example.com' } })
    await analytics.close()
    const profiles = new Profiles({ host, secretKey: keys.secretKey })
    const bo = await eventually(() => profiles.get('email:bo@example.com'))
    const deletion = await profiles.delete(bo.id)
    expect(deletion.profileId).toBe(bo.id)
    expect((await profiles.deletion(deletion.id)).id).toBe(deletion.id)
    await expect(profiles.get('user_id:bo-2')).rejects.toBeInstanceOf(NotFoundError)
  }, 60_000)

  it('reports a refused write key as a rejected drop with the server message', async () => {
    const analytics = new Analytics({ writeKey: 'wk_unknown', host })
    const drops: DropEvent[] = []
    analytics.on('drop', (event) => drops.push(event))
    analytics.track({ userId: 'u', event: 'E' })
    await analytics.close()
    expect(drops).toHaveLength(1)
    expect(drops[0]?.reason).toBe('rejected')
    expect(drops[0]?.error.message).toMatch(/^collector answered 401: /)
  }, 30_000)

  it('maps profile API errors to typed errors', async () => {
    const profiles = new Profiles({ host, secretKey: keys.secretKey })
    await expect(profiles.get('email:nobody@example.com')).rejects.toBeInstanceOf(NotFoundError)
    const badLimit = await profiles
      .list({ limit: -1 })
      .toArray()
      .catch((e: unknown) => e)
    expect(badLimit).toBeInstanceOf(InvalidRequestError)
    expect((badLimit as InvalidRequestError).param).toBe('limit')
    const withWriteKey = new Profiles({ host, secretKey: keys.writeKey })
    await expect(withWriteKey.stages()).rejects.toBeInstanceOf(UnauthorizedError)
  }, 30_000)
})
