// Profile API benchmark (issue 7): with N profiles and N × perProfile messages stored, the
// latency and throughput of profile lookups and of the first page of events (load from a second
// process over keep-alive HTTP), and a 4-step funnel over the whole workspace through the API
// against the core's in-memory computeFunnel on the same messages.
//
//   node --conditions=@itinera/source --import tsx bench/collector-api/run.ts \
//     [--profiles 200000] [--per-profile 10] [--seconds 10] [--concurrency 8] [--db PATH] [--fresh]
import { spawn } from 'node:child_process'
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { computeFunnel, type FunnelDefinition, type ProfileEvents } from '@itinera/core'
import {
  createCollector,
  createSqliteStore,
  createWorkspace,
  type CreatedWorkspace,
} from '@itinera/collector'
import { FUNNEL, journeys } from './dataset.js'

const { values } = parseArgs({
  options: {
    profiles: { type: 'string', default: '200000' },
    'per-profile': { type: 'string', default: '10' },
    seconds: { type: 'string', default: '10' },
    concurrency: { type: 'string', default: '8' },
    'funnel-runs': { type: 'string', default: '3' },
    db: { type: 'string' },
    fresh: { type: 'boolean', default: false },
  },
})
const profiles = Number(values.profiles)
const perProfile = Number(values['per-profile'])
const db = values.db ?? join(tmpdir(), `itinera-bench-api-${profiles}x${perProfile}.db`)
const keysFile = `${db}.keys.json`
const here = fileURLToPath(new URL('.', import.meta.url))
const log = (text: string) => process.stderr.write(`${text}\n`)
const quiet = { webDirectory: false, demoDirectory: false, sdkFile: false } as const

/** Stores the dataset through the ingest pipeline (durability off: this is set-up, not measured). */
async function seed(): Promise<CreatedWorkspace> {
  for (const file of [db, `${db}-wal`, `${db}-shm`, keysFile]) rmSync(file, { force: true })
  const started = performance.now()
  const store = await createSqliteStore({ path: db, synchronous: 'OFF' })
  const collector = await createCollector({ store, rateLimit: false, ...quiet })
  const keys = await createWorkspace(collector.store, { name: 'bench' })
  let batch: unknown[] = []
  let stored = 0
  for (const message of journeys(0, profiles, perProfile)) {
    batch.push(message)
    if (batch.length < 2500) continue
    stored += (await collector.pipeline.ingestMessages(keys.workspace, batch)).stored.length
    batch = []
    if (stored % 100_000 === 0) log(`  stored ${stored} messages`)
  }
  if (batch.length > 0) await collector.pipeline.ingestMessages(keys.workspace, batch)
  await collector.projector.flush()
  await collector.close()
  writeFileSync(keysFile, JSON.stringify(keys))
  log(`seeded ${profiles} profiles in ${((performance.now() - started) / 1000).toFixed(0)} s`)
  return keys
}

function load(url: string, secretKey: string, mode: 'profile' | 'events', concurrency: string) {
  return new Promise<{ requests: number; errors: number; rps: number; p50: number; p99: number }>(
    (resolve, reject) => {
      const child = spawn(
        process.execPath,
        [
          '--conditions=@itinera/source',
          '--import',
          'tsx',
          join(here, 'load-client.ts'),
          `--url=${url}`,
          `--secret-key=${secretKey}`,
          `--mode=${mode}`,
          `--users=${profiles}`,
          `--seconds=${values.seconds}`,
          `--concurrency=${concurrency}`,
        ],
        { stdio: ['ignore', 'pipe', 'inherit'] },
      )
      let out = ''
      child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()))
      child.on('error', reject)
      child.on('exit', () => resolve(JSON.parse(out.trim().split('\n').at(-1) ?? '{}')))
    },
  )
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0

const keys =
  !values.fresh && existsSync(db) && existsSync(keysFile)
    ? (JSON.parse(readFileSync(keysFile, 'utf8')) as CreatedWorkspace)
    : await seed()
const opening = performance.now()
const collector = await createCollector({ db, rateLimit: false, ...quiet })
const openSeconds = (performance.now() - opening) / 1000
const workspaceId = keys.workspace.id
const stored = {
  profiles: await collector.store.countProfiles(workspaceId),
  messages: await collector.store.countMessages(workspaceId),
}
log(
  `opened ${stored.profiles} profiles, ${stored.messages} messages in ${openSeconds.toFixed(1)} s`,
)
const server = await collector.listen({ port: 0 })

// One client in flight measures latency; `--concurrency` clients measure throughput.
const loads = []
for (const mode of ['profile', 'events'] as const) {
  for (const concurrency of ['1', values.concurrency]) {
    loads.push({
      mode,
      concurrency,
      ...(await load(server.url, keys.secretKey, mode, concurrency)),
    })
  }
}

const definition: FunnelDefinition = {
  steps: FUNNEL.map((event) => ({ event })),
  windowMs: 7 * 86_400_000,
}
const runs = Number(values['funnel-runs'])
const apiTimes: number[] = []
let apiSteps: unknown
// The first call loads the lean timelines into memory (cold); the next ones only catch up.
for (let i = 0; i <= runs; i++) {
  const t0 = performance.now()
  const response = await fetch(`${server.url}/v1/funnels`, {
    method: 'POST',
    headers: { authorization: `Bearer ${keys.secretKey}`, 'content-type': 'application/json' },
    body: JSON.stringify(definition),
  })
  apiSteps = ((await response.json()) as { steps: unknown }).steps
  apiTimes.push(performance.now() - t0)
}

// The same messages in memory, stitched by the identity graph, as the core's analytics take them.
const graph = await collector.projector.graph(workspaceId)
const inMemory: ProfileEvents[] = []
for (const resolved of graph.profiles()) {
  const messages = await collector.store.getMessagesByIds(workspaceId, resolved.messageIds)
  inMemory.push({ id: resolved.id, messages: messages.map((m) => m.message) })
}
const coreTimes: number[] = []
let coreSteps: unknown
for (let i = 0; i < runs; i++) {
  const t0 = performance.now()
  const result = computeFunnel(inMemory, definition)
  coreTimes.push(performance.now() - t0)
  coreSteps = result.steps.map((s) => s.reached)
}
await server.close()
await collector.close()

const [coldTime = 0, ...warmTimes] = apiTimes
const apiCounts = (apiSteps as { count: number }[]).map((s) => s.count)
const same = JSON.stringify(apiCounts) === JSON.stringify(coreSteps)
const ms = (x: number) => x.toFixed(2)
console.log(`collector-api: ${stored.profiles} profiles, ${stored.messages} messages (${db})`)
console.log(`startup (graph load): ${openSeconds.toFixed(1)} s`)
console.log('| request | in flight | req/s | p50 ms | p99 ms | errors |')
console.log('|---|---:|---:|---:|---:|---:|')
for (const run of loads) {
  const name =
    run.mode === 'profile' ? 'GET /v1/profiles/{ref}' : 'GET /v1/profiles/{ref}/events (first page)'
  console.log(
    `| ${name} | ${run.concurrency} | ${run.rps.toFixed(0)} | ${ms(run.p50)} | ${ms(run.p99)} | ${run.errors} |`,
  )
}
console.log(`| 4-step funnel | median of ${runs} runs |`)
console.log(`| POST /v1/funnels, first call (loads the timelines) | ${ms(coldTime)} ms |`)
console.log(`| POST /v1/funnels (whole workspace) | ${ms(median(warmTimes))} ms |`)
console.log(`| computeFunnel in memory (same messages) | ${ms(median(coreTimes))} ms |`)
console.log(
  `ratio API / in-memory: ${(median(warmTimes) / median(coreTimes)).toFixed(2)}; same counts: ${same} ${JSON.stringify(apiCounts)}`,
)
