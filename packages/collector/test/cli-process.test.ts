import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'

const run = promisify(execFile)
const repoRoot = fileURLToPath(new URL('../../..', import.meta.url))
const cliPath = fileURLToPath(new URL('../src/cli.ts', import.meta.url))

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'itinera-cli-process-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

/** Runs the `itinera` command as its own process; resolves with its exit code and output. */
async function itinera(...args: string[]): Promise<{ code: number; stdout: string }> {
  const argv = ['--conditions=@itinera/source', '--import', 'tsx', cliPath, ...args]
  try {
    const { stdout } = await run(process.execPath, argv, { cwd: repoRoot })
    return { code: 0, stdout }
  } catch (error) {
    const failed = error as { code?: number; stdout?: string }
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '' }
  }
}

describe('the itinera command as a process', { timeout: 60_000 }, () => {
  // The store's writer thread is unreferenced while idle; a process with nothing else to do
  // used to end before `close()` settled, and the exit code of the command was lost.
  it('exits with the status of the command after closing the store', async () => {
    const db = join(dir, 'itinera.db')
    expect((await itinera('workspace', 'create', '--name', 'shop', '--db', db)).code).toBe(0)
    const file = join(dir, 'events.ndjson')
    const good = { type: 'track', userId: 'u1', event: 'Viewed', messageId: 'm1' }
    const bad = { type: 'track', userId: 'u1', messageId: 'm2' }
    writeFileSync(file, `${JSON.stringify(good)}\n${JSON.stringify(bad)}\n`)
    for (let attempt = 0; attempt < 3; attempt++) {
      const result = await itinera('import', file, '--db', db, '--json')
      expect(result.code).toBe(1)
      expect(JSON.parse(result.stdout)).toMatchObject({ lines: 2, rejected: 1 })
    }
  })
})
