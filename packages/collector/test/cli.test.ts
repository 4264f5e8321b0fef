import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { runCli, type CreatedWorkspace } from '@itinera/collector'
import { testDatabase, type TestDb } from './harness.js'

let database: TestDb
let dir: string
let db: string
beforeEach(async () => {
  database = await testDatabase()
  ;({ dir, db } = database)
})
afterEach(() => database.drop())

async function cli(...args: string[]) {
  let stdout = ''
  let stderr = ''
  const code = await runCli([...args, '--db', db], {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
  })
  return { code, stdout, stderr }
}

describe('itinera CLI', () => {
  it('refuses a --public-url that is not an http(s) URL with a host, and ignores an empty one', async () => {
    for (const value of ['localhost:8787', 'ftp://cdp.example.com', 'cdp.example.com']) {
      const refused = await cli('serve', '--public-url', value)
      expect(refused.code, value).toBe(2)
      expect(refused.stderr).toMatch(/--public-url: .* is not an http\(s\) URL with a host/)
    }
    // Empty counts as unset: the command goes on (here to list workspaces).
    const listed = await cli('workspace', 'list', '--json', '--public-url', '')
    expect(listed.code).toBe(0)
  })

  it('creates a workspace with --json and lists it without the secret key', async () => {
    const created = await cli('workspace', 'create', '--name', 'shop', '--json')
    expect(created.code).toBe(0)
    const keys = JSON.parse(created.stdout) as CreatedWorkspace
    expect(keys.workspace).toMatchObject({ name: 'shop', allowedOrigins: ['*'] })
    expect(keys.writeKey).toMatch(/^wk_/)
    expect(keys.secretKey).toMatch(/^sk_/)
    const listed = await cli('workspace', 'list', '--json')
    expect(JSON.parse(listed.stdout)).toEqual([keys.workspace])
    expect(listed.stdout).not.toContain(keys.secretKey)
  })

  it('imports NDJSON through the pipeline and reports accepted, rejected and duplicates', async () => {
    await cli('workspace', 'create', '--name', 'shop')
    const file = join(dir, 'events.ndjson')
    const lines = [
      JSON.stringify({
        type: 'identify',
        userId: 'u1',
        traits: { email: 'a@x.io' },
        messageId: 'm1',
        timestamp: '2026-01-01T00:00:00.000Z',
      }),
      JSON.stringify({
        type: 'track',
        userId: 'u1',
        event: 'Order Completed',
        messageId: 'm2',
        timestamp: '2026-01-01T00:01:00.000Z',
      }),
      JSON.stringify({ type: 'track', userId: 'u1', messageId: 'm3' }),
      '{not json',
      JSON.stringify({ type: 'track', userId: 'u1', event: 'Order Completed', messageId: 'm2' }),
    ]
    writeFileSync(file, `${lines.join('\n')}\n`)
    const result = await cli('import', file, '--json')
    expect(result.code).toBe(1)
    expect(JSON.parse(result.stdout)).toEqual({
      lines: 5,
      accepted: 3,
      stored: 2,
      duplicates: 1,
      suppressed: 0,
      rejected: 2,
    })
    expect(result.stderr).toContain('line 3: event: required for type "track"')
    expect(result.stderr).toContain('line 4: not valid JSON')
    expect(result.stderr).toContain('100%')

    const events = await cli('export', 'events')
    expect(
      events.stdout
        .trim()
        .split('\n')
        .map((line) => (JSON.parse(line) as { messageId: string }).messageId),
    ).toEqual(['m1', 'm2'])
    const profiles = await cli('export', 'profiles')
    const exported = profiles.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { traits: unknown; messageCount: number })
    expect(exported).toHaveLength(1)
    expect(exported[0]).toMatchObject({ traits: { email: 'a@x.io' }, messageCount: 2 })

    const rebuilt = await cli('rebuild')
    expect(rebuilt.stdout).toBe('Rebuilt 1 profiles from 2 messages\n')
    expect((await cli('export', 'profiles')).stdout).toBe(profiles.stdout)
  })

  it('explains what to do when no workspace exists or the command is unknown', async () => {
    const file = join(dir, 'empty.ndjson')
    writeFileSync(file, '')
    const missing = await cli('import', file)
    expect(missing.code).toBe(1)
    expect(missing.stderr).toContain('itinera workspace create --name NAME')
    const unknown = await cli('frobnicate')
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toContain('unknown command "frobnicate"')
  })
})
