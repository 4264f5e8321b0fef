// bench/identity: throughput, memory and accuracy of identity resolution against ground truth,
// with plain union-find and DuckDB SQL connected components measured in the same run.
// Usage: node --conditions=@itinera/source --import tsx bench/identity/run.ts [--messages N]
//   [--passes P]: each engine runs P times (3 by default) on freshly parsed input; rows give
//   the median pass (the lower middle one for an even P) and the range, since single passes of
//   identical work vary by 15–25% here.
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { IdentityGraph, extractIdentifiers, resolveIdentities } from '@itinera/core'
import type { Message, ResolvedProfile } from '@itinera/core'
import { generateIdentityDataset, truthOf } from './generate.js'
import { clusterQuality } from './metrics.js'
import type { ClusterQuality } from './metrics.js'
import { duckDbComponents, duckDbWarehouse, plainUnionFind } from './peers.js'
import type { DuckDbResult } from './peers.js'

setFlagsFromString('--expose-gc')
const gc = runInNewContext('gc') as () => void
const flag = process.argv.indexOf('--messages')
const total = flag >= 0 ? Number(process.argv[flag + 1]) : 1_000_000
const passesFlag = process.argv.indexOf('--passes')
const passes = passesFlag >= 0 ? Math.max(1, Number(process.argv[passesFlag + 1])) : 3
// JS heap plus ArrayBuffer backing stores: the engine keeps its tables in typed arrays.
const inUse = () => {
  const usage = process.memoryUsage()
  return usage.heapUsed + usage.arrayBuffers
}
const heap = () => {
  gc()
  gc()
  return inUse()
}
const fmt = (n: number) => Math.round(n).toLocaleString('en-US')
const ms = (start: number) => performance.now() - start

// The stream is kept as JSON lines only: engines get freshly parsed messages, as the collector
// does, and the harness keeps no object graph alive that the GC would have to walk.
const generatedAt = performance.now()
let lines: string[]
let uniqueLines: string[]
let people: number
{
  const dataset = generateIdentityDataset(total)
  people = dataset.people
  lines = dataset.messages.map((message) => JSON.stringify(message))
  const seen = new Set<string>()
  uniqueLines = []
  dataset.messages.forEach((message, i) => {
    if (seen.has(message.messageId!)) return
    seen.add(message.messageId!)
    uniqueLines.push(lines[i]!)
  })
}
console.log(
  `generated ${fmt(lines.length)} messages (${fmt(people)} people) in ${fmt(ms(generatedAt))} ms`,
)
const parse = (text: string[]): Message[] => text.map((line) => JSON.parse(line) as Message)

interface Timed {
  wallMs: number
  cpuMs: number
  /** Wall milliseconds of every pass, in order. */
  walls?: number[]
}

/** The pass with the median wall time, with the wall times of every pass. */
function medianPass<T extends Timed>(runs: readonly T[]): T {
  const median = [...runs].sort((a, b) => a.wallMs - b.wallMs)[Math.floor((runs.length - 1) / 2)]!
  return { ...median, walls: runs.map((run) => run.wallMs) }
}

/** Runs `pass` `passes` times; returns the median pass. */
async function repeated<T extends Timed>(pass: () => T | Promise<T>): Promise<T> {
  const runs: T[] = []
  for (let i = 0; i < passes; i++) runs.push(await pass())
  return medianPass(runs)
}

/** Wall and CPU milliseconds of `run` (CPU includes GC helper threads). */
function measure<T>(run: () => T): { value: T; wallMs: number; cpuMs: number } {
  const cpu = process.cpuUsage()
  const started = performance.now()
  const value = run()
  const wallMs = ms(started)
  const used = process.cpuUsage(cpu)
  return { value, wallMs, cpuMs: (used.user + used.system) / 1000 }
}

/** Quality of Itinera profiles: labels are profile indices, truth comes from the message ids. */
function profileQuality(profiles: ResolvedProfile[]): ClusterQuality {
  const count = profiles.reduce((sum, p) => sum + p.messageIds.length, 0)
  const predicted = new Int32Array(count)
  const truth = new Int32Array(count)
  const known = new Uint8Array(count)
  let i = 0
  profiles.forEach((profile, p) => {
    for (const id of profile.messageIds) {
      const t = truthOf(id)
      predicted[i] = p
      truth[i] = t.person
      known[i++] = t.known ? 1 : 0
    }
  })
  return clusterQuality(predicted, truth, known)
}

/** Quality of per-message labels of the unique messages (peers). */
function labelQuality(labels: Int32Array, messages: Message[]): ClusterQuality {
  const truth = new Int32Array(messages.length)
  const known = new Uint8Array(messages.length)
  messages.forEach((message, i) => {
    const t = truthOf(message.messageId!)
    truth[i] = t.person
    known[i] = t.known ? 1 : 0
  })
  return clusterQuality(labels, truth, known)
}

// Itinera, batch: resolveIdentities over the arrival stream (duplicates included).
resolveIdentities(parse(lines.slice(0, 50_000)))
let input: Message[] | undefined
// Every pass gives the same profiles: the first pass's are kept, the others dropped at once so
// that later passes do not run beside them.
let batchProfiles: ResolvedProfile[] | undefined
const batch = await repeated(() => {
  input = parse(lines)
  heap()
  const run = measure(() => resolveIdentities(input!))
  input = undefined
  batchProfiles ??= run.value
  return { wallMs: run.wallMs, cpuMs: run.cpuMs }
})
const batchQuality = profileQuality(batchProfiles!)
const batchJson = JSON.stringify(batchProfiles)
batchProfiles!.length = 0

// Itinera, incremental: one ingest per message in arrival order (late and retried ones included),
// or `ingestMany` over consecutive slices of the same arrival order, as SDK batches arrive.
const SLICE = 100
function incremental(audit: boolean, many = false) {
  input = parse(lines)
  const baseline = heap()
  let peak = 0
  let graph: IdentityGraph | undefined = new IdentityGraph({ audit })
  const run = measure(() => {
    if (many) {
      for (let i = 0; i < input!.length; i += SLICE) {
        graph!.ingestMany(input!.slice(i, i + SLICE))
        if (i % 20_000 === 0) peak = Math.max(peak, inUse() - baseline)
      }
      return
    }
    for (let i = 0; i < input!.length; i++) {
      graph!.ingest(input![i]!)
      if (i % 20_000 === 0) peak = Math.max(peak, inUse() - baseline)
    }
  })
  const retained = heap() - baseline
  const same = JSON.stringify(graph.profiles()) === batchJson
  graph = undefined
  input = undefined
  return { ...run, retained, peak, same }
}
// The four incremental configurations take turns, pass after pass, in an order that rotates:
// run always last, `ingestMany` with audit came out 14% slower than without in run R, and equal
// to it in a process of its own, so taking turns spreads the cost of the position. Every pass
// must equal the batch; the median pass gives the figures.
const configurations = [
  { audit: false, many: false },
  { audit: true, many: false },
  { audit: false, many: true },
  { audit: true, many: true },
]
type Incremental = ReturnType<typeof incremental>
const passRuns = configurations.map(() => [] as Incremental[])
for (let pass = 0; pass < passes; pass++) {
  for (let k = 0; k < configurations.length; k++) {
    const c = (pass + k) % configurations.length
    passRuns[c]!.push(incremental(configurations[c]!.audit, configurations[c]!.many))
  }
}
const [plainIngest, auditIngest, plainMany, auditMany] = passRuns.map((runs) => ({
  ...medianPass(runs),
  same: runs.every((run) => run.same),
})) as [Incremental, Incremental, Incremental, Incremental]

// Peers work on the unique messages. DuckDB gets the same normalized identifiers as Itinera.
const unique = parse(uniqueLines)
const occurrences: [number, string][] = []
// Timed for context: DuckDB's stitch starts from these rows, which Itinera's timings include.
const extraction = measure(() => {
  unique.forEach((message, i) => {
    for (const { type, value } of extractIdentifiers(message).identifiers) {
      occurrences.push([i, `${type}:${value}`])
    }
  })
})
const distinctCount = new Set(occurrences.map(([, node]) => node)).size

const plain = await repeated(() => measure(() => plainUnionFind(unique)))
const plainQuality = labelQuality(plain.value, unique)
const csv = join(tmpdir(), 'itinera-identity-bench.csv')
/** DuckDB's stitch time as the pass time: its loads are not counted. */
const stitchTimed = async (run: Promise<DuckDbResult>) => {
  const result = await run
  return { ...result, wallMs: result.stitchMs, cpuMs: result.stitchCpuMs }
}
const duck = await repeated(() => stitchTimed(duckDbComponents(occurrences, unique.length, csv)))
const duckQuality = labelQuality(duck.labels, unique)
// The same SQL on one thread, for comparison with Itinera's single-threaded engine.
const duckOne = await repeated(() =>
  stitchTimed(duckDbComponents(occurrences, unique.length, csv, 1)),
)
const duckOneQuality = labelQuality(duckOne.labels, unique)
// The warehouse pipeline end to end: from every delivery, as Itinera's batch starts.
const uniqueIndex = new Map(unique.map((message, i) => [message.messageId!, i]))
const warehouse = async (threads?: number) => {
  const deliveries = parse(lines)
  const result = duckDbWarehouse(
    deliveries,
    (id) => uniqueIndex.get(id)!,
    unique.length,
    join(tmpdir(), 'itinera-identity-bench-events.csv'),
    threads,
  )
  deliveries.length = 0
  return result
}
const duckWarehouse = await repeated(() => stitchTimed(warehouse()))
const duckWarehouseQuality = labelQuality(duckWarehouse.labels, unique)
const duckWarehouseOne = await repeated(() => stitchTimed(warehouse(1)))
const duckWarehouseOneQuality = labelQuality(duckWarehouseOne.labels, unique)

const rate = (count: number, millis: number) => fmt((count / millis) * 1000)
const range = (walls: number[] | undefined) =>
  walls ? `${fmt(Math.min(...walls))}–${fmt(Math.max(...walls))}` : '—'
const row = (name: string, run: Timed, count: number, q: ClusterQuality) =>
  `| ${name} | ${fmt(run.wallMs)} | ${range(run.walls)} | ${rate(count, run.wallMs)} | ${rate(count, run.cpuMs)} | ${q.precision.toFixed(4)} | ${q.recall.toFixed(4)} | ${q.f1.toFixed(4)} | ${fmt(q.profiles)} | ${fmt(q.overMerged)} | ${fmt(q.falseMergesOfKnownUsers)} | ${fmt(q.largestCluster)} |`
const mb = (bytes: number) => `${fmt(bytes / 1e6)} MB`
const perId = (bytes: number) => `${fmt(bytes / distinctCount)} B per distinct identifier`

console.log(
  `\n${fmt(lines.length)} messages delivered (${fmt(unique.length)} unique), ${fmt(people)} people, ${fmt(distinctCount)} distinct identifiers\n`,
)
console.log(
  `| Engine | Wall ms (median of ${passes}) | Wall ms range | Messages/s (wall) | Messages/s (CPU time) | B³ precision | B³ recall | B³ F1 | Profiles | Over-merged profiles | False merges of known users | Largest profile |`,
)
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |')
console.log(row('Itinera `resolveIdentities` (batch)', batch, lines.length, batchQuality))
console.log(
  row('Itinera `IdentityGraph.ingest` (audit off)', plainIngest, lines.length, batchQuality),
)
console.log(
  row('Itinera `IdentityGraph.ingest` (audit on)', auditIngest, lines.length, batchQuality),
)
console.log(
  row(
    `Itinera \`IdentityGraph.ingestMany\`, slices of ${SLICE} (audit off)`,
    plainMany,
    lines.length,
    batchQuality,
  ),
)
console.log(
  row(
    `Itinera \`IdentityGraph.ingestMany\`, slices of ${SLICE} (audit on)`,
    auditMany,
    lines.length,
    batchQuality,
  ),
)
console.log(row('Plain union-find, raw values, no rules', plain, unique.length, plainQuality))
console.log(
  row(
    `DuckDB SQL connected components (${duck.iterations} rounds)`,
    duck,
    unique.length,
    duckQuality,
  ),
)
console.log(
  row(
    `DuckDB, same SQL on 1 thread (${duckOne.iterations} rounds)`,
    duckOne,
    unique.length,
    duckOneQuality,
  ),
)
console.log(
  row(
    `DuckDB warehouse pipeline: dedup, extraction, normalization and the same components in SQL (${duckWarehouse.iterations} rounds)`,
    duckWarehouse,
    lines.length,
    duckWarehouseQuality,
  ),
)
console.log(
  row(
    `DuckDB warehouse pipeline on 1 thread (${duckWarehouseOne.iterations} rounds)`,
    duckWarehouseOne,
    lines.length,
    duckWarehouseOneQuality,
  ),
)
console.log(
  `\nDuckDB warehouse pipeline: load of the flattened event table (${fmt(lines.length)} deliveries) ${fmt(duckWarehouse.loadMs)} ms not counted.`,
)
console.log(
  `DuckDB: CSV load ${fmt(duck.loadMs)} ms not counted, nor the extraction and normalization of its identifiers by Itinera's \`extractIdentifiers\` beforehand (${fmt(extraction.wallMs)} ms wall for the unique messages); its CPU time is the whole process's during the stitch, its worker threads included.`,
)
console.log(
  `incremental result identical to batch (partition and ids): ingest, audit off ${plainIngest.same ? 'yes' : 'NO'}, audit on ${auditIngest.same ? 'yes' : 'NO'}; ingestMany, audit off ${plainMany.same ? 'yes' : 'NO'}, audit on ${auditMany.same ? 'yes' : 'NO'}`,
)
console.log(
  `IdentityGraph, audit off: retained heap + typed arrays ${mb(plainIngest.retained)} = ${perId(plainIngest.retained)} (includes the per-message replay log); sampled peak ${mb(plainIngest.peak)}`,
)
console.log(
  `IdentityGraph, audit on: retained heap + typed arrays ${mb(auditIngest.retained)} = ${perId(auditIngest.retained)}; sampled peak ${mb(auditIngest.peak)}`,
)
console.log(
  `IdentityGraph through ingestMany: retained ${perId(plainMany.retained)} with audit off, ${perId(auditMany.retained)} with audit on`,
)
console.log(`process peak RSS ${fmt(process.resourceUsage().maxRSS / 1024)} MB`)
