// Collector benchmark: durable ingest throughput (batches of 100 over keep-alive HTTP from a
// second process) against two ceilings measured in the same run — the same HTTP server
// answering without doing anything, and raw SQLite inserts of the same rows — then profile
// lookups with N profiles stored. `--store postgres` runs the collector on a PostgreSQL server of
// its own (Debian's package, started for the run) instead of SQLite; the raw SQLite ceiling is then
// not measured.
//
//   node --conditions=@itinera/source --import tsx bench/collector/run.ts [--profiles 200000] [--store postgres]
import Database from 'better-sqlite3'
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { createCollector, createWorkspace, migrations, type Collector } from '@itinera/collector'
import { createTestDatabase, startPostgres, type TestPostgres } from '@itinera/test-utils'
import { percentile } from '../lib/percentile.js'

const { values } = parseArgs({
  options: {
    profiles: { type: 'string', default: '200000' },
    seconds: { type: 'string', default: '10' },
    concurrency: { type: 'string', default: '16' },
    lookups: { type: 'string', default: '20000' },
    store: { type: 'string', default: 'sqlite' },
  },
})
if (values.store !== 'sqlite' && values.store !== 'postgres') {
  throw new Error(`--store ${values.store}: use sqlite or postgres`)
}
const POSTGRES = values.store === 'postgres'
const PROFILES = Number(values.profiles)
const SECONDS = values.seconds
const CONCURRENCY = values.concurrency
const here = fileURLToPath(new URL('.', import.meta.url))
const repoRoot = fileURLToPath(new URL('../..', import.meta.url))
const dir = mkdtempSync(join(tmpdir(), 'itinera-bench-'))
let postgres: TestPostgres | undefined

/** A fresh database for one collector: a SQLite file, or a database on the PostgreSQL server. */
async function database(name: string): Promise<string> {
  if (!POSTGRES) return join(dir, `${name}.db`)
  postgres ??= await startPostgres()
  return (await createTestDatabase(postgres.url)).url
}

interface LoadResult {
  /** Messages acknowledged over the whole run, warm-up included. */
  totalMessages: number
  /** Messages per CPU-second of this process (the collector) over the whole run. */
  perCpuSecond: number
  requests: number
  messages: number
  messagesPerSecond: number
  p50: number
  p99: number
  errors: number
}

// On a shared machine wall-clock rates swing with the load; messages per CPU-second of the
// collector's process are the steadier figure, so both are printed.
async function runClient(args: string[]): Promise<LoadResult> {
  const before = process.cpuUsage()
  const result = await spawnClient(args)
  const used = process.cpuUsage(before)
  const cpuSeconds = (used.user + used.system) / 1e6
  return { ...result, perCpuSecond: result.totalMessages / cpuSeconds }
}

function spawnClient(args: string[]): Promise<Omit<LoadResult, 'perCpuSecond'>> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--conditions=@itinera/source', '--import', 'tsx', join(here, 'load-client.ts'), ...args],
      { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] },
    )
    let out = ''
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()))
    child.on('exit', (code) =>
      code === 0
        ? resolve(JSON.parse(out) as LoadResult)
        : reject(new Error(`client exited ${code}`)),
    )
  })
}

const ms = (value: number) => `${value.toFixed(2)} ms`
const rate = (value: number) => `${Math.round(value).toLocaleString('en-US')}/s`

/**
 * Raw better-sqlite3 inserts of the rows the collector stores (same columns and a body of the
 * same shape; the identifiers column empty, as the acknowledgment path leaves it for the
 * projection to fill) with the same durability, in one thread.
 */
function rawSqliteCeiling(
  rowsPerCommit: number,
  total: number,
): { wall: number; perCpuSecond: number } {
  const db = new Database(join(dir, `raw-${rowsPerCommit}.db`))
  // The pragmas of the collector's openDatabase.
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = FULL')
  db.pragma('foreign_keys = ON')
  for (const migration of migrations) db.exec(migration.sql)
  const claim = db.prepare(
    'INSERT INTO message_ids (workspace_id, message_id, seq) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
  )
  const insert = db.prepare(
    'INSERT INTO messages (seq, workspace_id, message_id, type, timestamp, received_at, skew_ms, body, identifiers) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  )
  const now = new Date().toISOString()
  const rows = Array.from({ length: total }, (_, n) => {
    const message = {
      type: 'track',
      event: 'Product Viewed',
      anonymousId: `anon-${n % 20000}`,
      messageId: `raw-${n}`,
      timestamp: now,
      properties: { sku: `SKU-${n % 500}`, price: (n % 97) + 0.99, currency: 'EUR' },
      context: {
        library: { name: 'bench', version: '1' },
        page: { url: `https://shop.example/p/${n % 500}` },
      },
      originalTimestamp: now,
      sentAt: now,
      receivedAt: now,
    }
    return { id: `raw-${n}`, body: JSON.stringify(message) }
  })
  const commit = db.transaction((start: number) => {
    for (let i = start; i < Math.min(total, start + rowsPerCommit); i++) {
      const row = rows[i] as { id: string; body: string }
      if (claim.run('ws', row.id, i + 1).changes === 1) {
        insert.run(i + 1, 'ws', row.id, 'track', now, now, 0, row.body, null)
      }
    }
  })
  const t0 = performance.now()
  const cpu0 = process.cpuUsage()
  for (let start = 0; start < total; start += rowsPerCommit) commit(start)
  const cpu = process.cpuUsage(cpu0)
  const seconds = (performance.now() - t0) / 1000
  db.close()
  return { wall: total / seconds, perCpuSecond: total / ((cpu.user + cpu.system) / 1e6) }
}

async function populate(
  collector: Collector,
  workspaceId: string,
  writeKey: string,
  count: number,
) {
  const workspace = (await collector.store.findWorkspaceByWriteKey(writeKey))!
  const base = Date.UTC(2026, 0, 1)
  const t0 = performance.now()
  for (let start = 0; start < count; start += 1000) {
    const messages: unknown[] = []
    for (let k = start; k < Math.min(count, start + 1000); k++) {
      const timestamp = new Date(base + k * 1000).toISOString()
      messages.push(
        {
          type: 'page',
          anonymousId: `lookup-anon-${k}`,
          name: 'Home',
          messageId: `lp-${k}`,
          timestamp,
        },
        {
          type: 'identify',
          anonymousId: `lookup-anon-${k}`,
          userId: `lookup-user-${k}`,
          traits: { email: `user-${k}@example.com`, plan: k % 3 === 0 ? 'pro' : 'free' },
          messageId: `li-${k}`,
          timestamp,
        },
      )
    }
    await collector.pipeline.ingestMessages(workspace, messages)
    if (start % 20000 === 0) await collector.projector.flush()
  }
  await collector.projector.flush()
  const seconds = (performance.now() - t0) / 1000
  const stored = await collector.store.countProfiles(workspaceId)
  return { seconds, stored }
}

async function main() {
  const collector = await createCollector({
    db: await database('itinera'),
    rateLimit: false,
    webDirectory: false,
    demoDirectory: false,
    sdkFile: false,
  })
  // Ceiling 1: the same server and router answering without doing anything (body drained).
  collector.route('POST', '/bench/noop', async (ctx) => {
    for await (const _chunk of ctx.req) void _chunk
    return { success: true }
  })
  const { writeKey } = await createWorkspace(collector.store, { name: 'bench' })
  collector.route('GET', '/bench/profiles/:ref', async (ctx) => {
    const ws = await ctx.authenticateSecret()
    const ref = ctx.params.ref ?? ''
    const split = ref.indexOf(':')
    const id = await collector.store.findProfileIdByIdentifier(ws.id, {
      type: ref.slice(0, split),
      value: ref.slice(split + 1),
    })
    return id ? collector.store.getProfile(ws.id, id) : { missing: ref }
  })
  const server = await collector.listen({ port: 0 })
  const common = ['--url', server.url, '--seconds', SECONDS, '--concurrency', CONCURRENCY]

  const load = () =>
    loadavg()
      .map((value) => value.toFixed(1))
      .join(' ')
  console.log(
    `Collector benchmark on ${POSTGRES ? 'PostgreSQL' : 'SQLite'} (${SECONDS} s per run, ${CONCURRENCY} connections, batches of 100)`,
  )
  console.log(`Load average at start (1/5/15 min): ${load()}`)
  const noop = await runClient([...common, '--path', '/bench/noop', '--prefix', 'noop'])
  console.log(
    `HTTP ceiling (same server, no work): ${rate(noop.messagesPerSecond)} msgs ` +
      `(${rate(noop.perCpuSecond)} per CPU-second), p50 ${ms(noop.p50)}, p99 ${ms(noop.p99)}`,
  )

  const ingest = await runClient([...common, '--write-key', writeKey, '--prefix', 'ingest'])
  const t0 = performance.now()
  await collector.projector.flush()
  const drain = performance.now() - t0
  console.log(
    `Durable ingest, default settings (validate, dedupe, fsync'd group commit; identity + journey ` +
      `projection running alongside): ${rate(ingest.messagesPerSecond)} msgs ` +
      `(${rate(ingest.perCpuSecond)} per CPU-second), p50 ${ms(ingest.p50)}, ` +
      `p99 ${ms(ingest.p99)}, errors ${ingest.errors}; projection backlog drained ${ms(drain)} after the run`,
  )

  // The acknowledgment path alone: the same pipeline with the projection deferred past the run,
  // then the time the projection takes to catch up on everything that was acknowledged.
  const deferred = await createCollector({
    db: await database('deferred'),
    rateLimit: false,
    webDirectory: false,
    demoDirectory: false,
    sdkFile: false,
    projection: { delayMs: 3_600_000 },
  })
  const deferredKeys = await createWorkspace(deferred.store, { name: 'deferred' })
  const deferredServer = await deferred.listen({ port: 0 })
  const ackOnly = await runClient([
    '--url',
    deferredServer.url,
    '--seconds',
    SECONDS,
    '--concurrency',
    CONCURRENCY,
    '--write-key',
    deferredKeys.writeKey,
    '--prefix',
    'deferred',
  ])
  const d0 = performance.now()
  const dCpu = process.cpuUsage()
  await deferred.projector.flush()
  const catchUp = (performance.now() - d0) / 1000
  const catchUpCpu = process.cpuUsage(dCpu)
  const backlog = await deferred.store.countMessages(deferredKeys.workspace.id)
  await deferred.close()
  console.log(
    `Durable ingest, acknowledgment path alone (projection deferred): ${rate(ackOnly.messagesPerSecond)} msgs ` +
      `(${rate(ackOnly.perCpuSecond)} per CPU-second), ` +
      `p50 ${ms(ackOnly.p50)}, p99 ${ms(ackOnly.p99)}; the projection then caught up on ` +
      `${backlog.toLocaleString('en-US')} messages in ${catchUp.toFixed(1)} s (${rate(backlog / catchUp)}, ` +
      `${rate(backlog / ((catchUpCpu.user + catchUpCpu.system) / 1e6))} per CPU-second)`,
  )

  if (!POSTGRES) rawSqliteCeilings(noop.messagesPerSecond, ingest, ackOnly)
  await lookups(collector, common)
  console.log(`Load average at the end (1/5/15 min): ${load()}`)
  await collector.close()
}

/** The raw SQLite ceilings and how the collector's ingest compares with them. */
function rawSqliteCeilings(noop: number, ingest: LoadResult, ackOnly: LoadResult) {
  const raw100 = rawSqliteCeiling(100, 100_000)
  const raw1000 = rawSqliteCeiling(1000, 200_000)
  console.log(
    `Raw SQLite ceiling (same rows, WAL, synchronous=FULL): ${rate(raw100.wall)} ` +
      `(${rate(raw100.perCpuSecond)} per CPU-second) at 100 rows/commit, ${rate(raw1000.wall)} ` +
      `(${rate(raw1000.perCpuSecond)} per CPU-second) at 1,000 rows/commit`,
  )
  const lower = Math.min(noop, raw100.wall)
  const ratio = (value: number, ceiling: number) => `${(value / ceiling).toFixed(2)}×`
  console.log(
    `Lower ceiling ${rate(lower)}: default ingest at ${ratio(ingest.messagesPerSecond, lower)}, ` +
      `acknowledgment path at ${ratio(ackOnly.messagesPerSecond, lower)} (wall clock); against raw ` +
      `SQLite at 1,000 rows/commit (group commit batches several requests): ` +
      `${ratio(ingest.messagesPerSecond, raw1000.wall)} and ${ratio(ackOnly.messagesPerSecond, raw1000.wall)}`,
  )
}

/** Profile lookups, over HTTP and in the store, with PROFILES profiles stored. */
async function lookups(collector: Collector, common: string[]) {
  const lookupKeys = await createWorkspace(collector.store, { name: 'lookups' })
  const { seconds, stored } = await populate(
    collector,
    lookupKeys.workspace.id,
    lookupKeys.writeKey,
    PROFILES,
  )
  console.log(
    `Stored ${stored.toLocaleString('en-US')} profiles in ${seconds.toFixed(1)} s (pipeline + projection, in process)`,
  )
  const lookup = await runClient([
    ...common,
    '--mode',
    'lookup',
    '--secret-key',
    lookupKeys.secretKey,
    '--users',
    String(PROFILES),
    '--concurrency',
    '4',
  ])
  console.log(
    `Profile lookup by email over HTTP (${(await collector.store.countProfiles(lookupKeys.workspace.id)).toLocaleString('en-US')} profiles): ` +
      `${rate(lookup.requests / Number(SECONDS))} requests, p50 ${ms(lookup.p50)}, p99 ${ms(lookup.p99)}, errors ${lookup.errors}`,
  )
  const samples: number[] = []
  for (let i = 0; i < Number(values.lookups); i++) {
    const k = Math.floor(Math.random() * PROFILES)
    const s0 = performance.now()
    const id = await collector.store.findProfileIdByIdentifier(lookupKeys.workspace.id, {
      type: 'email',
      value: `user-${k}@example.com`,
    })
    await collector.store.getProfile(lookupKeys.workspace.id, id ?? '')
    samples.push(performance.now() - s0)
  }
  samples.sort((a, b) => a - b)
  const [p50, p99] = [percentile(samples, 0.5), percentile(samples, 0.99)]
  console.log(`Profile lookup in the store (no HTTP): p50 ${ms(p50)}, p99 ${ms(p99)}`)
}

try {
  await main()
} finally {
  await postgres?.stop()
  rmSync(dir, { recursive: true, force: true })
}
