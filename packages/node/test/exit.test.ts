import { spawn } from 'node:child_process'
import { createServer } from 'node:net'
import { fileURLToPath } from 'node:url'
import { listenOnLoopback } from '@itinera/test-utils/loopback'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startLoopbackSink, type LoopbackSink } from './loopback-sink.js'

const fixture = fileURLToPath(new URL('./fixtures/send-and-exit.ts', import.meta.url))
const root = fileURLToPath(new URL('../../../', import.meta.url))

interface ChildResult {
  code: number | null
  report: { dropped: number; stats: { sent: number; queued: number }; handles: string[] }
}

function runChild(host: string, scenario: string): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--conditions=@itinera/source', '--import', 'tsx', fixture, host, scenario],
      { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
    )
    let out = ''
    let err = ''
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()))
    // A child that hangs is killed, so the test fails on its exit code instead of timing out.
    const guard = setTimeout(() => child.kill('SIGKILL'), 20_000)
    child.on('error', reject)
    child.on('exit', (code) => {
      clearTimeout(guard)
      try {
        resolve({ code, report: JSON.parse(out) as ChildResult['report'] })
      } catch {
        reject(new Error(`child printed no report (code ${code}): ${err.slice(0, 2000)}`))
      }
    })
  })
}

/** A port with nothing listening: connections are refused. */
async function closedPort(): Promise<number> {
  const server = createServer()
  const port = await listenOnLoopback(server)
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

describe('process exit', () => {
  let sink: LoopbackSink
  beforeEach(async () => {
    sink = await startLoopbackSink()
  })
  afterEach(() => sink.close())

  it('exits by itself right after close() resolves when everything was delivered', async () => {
    const result = await runChild(sink.url, 'close')
    expect(result.code).toBe(0)
    expect(result.report.stats).toMatchObject({ sent: 50, queued: 0 })
    expect(sink.acknowledged.size).toBe(50)
    // Nothing (timer, socket) is left to keep the process alive once close() resolved.
    expect(result.report.handles).toEqual([])
  }, 30_000)

  it('exits after close({ timeout }) when the collector is unreachable, reporting the drops', async () => {
    const result = await runChild(`http://127.0.0.1:${await closedPort()}`, 'close-unreachable')
    expect(result.code).toBe(0)
    expect(result.report.dropped).toBe(50)
    expect(result.report.handles).toEqual([])
  }, 30_000)

  it('delivers the queue before a natural exit when the script never calls close()', async () => {
    const result = await runChild(sink.url, 'natural')
    expect(result.code).toBe(0)
    expect(result.report.stats).toMatchObject({ sent: 50, queued: 0 })
    expect(sink.acknowledged.size).toBe(50)
  }, 30_000)
})
