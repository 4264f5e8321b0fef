// bench/identity: throughput, memory and accuracy of identity resolution against ground truth,
// with plain union-find and DuckDB SQL connected components measured in the same run.
// Usage: node --conditions=@itinera/source --import tsx bench/identity/run.ts [--messages N]
//   [--passes P]: each engine runs P times (3 by default), every pass in a fresh process of its
//   own (engine.ts) that reads the stream from disk; rows give the median pass (the lower middle
//   one for an even P) and the range, since single passes of identical work vary by 15–25% here.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { generateIdentityDataset } from './generate.js'
import type { EngineJob, EngineResult } from './engine.js'

const flag = process.argv.indexOf('--messages')
const total = flag >= 0 ? Number(process.argv[flag + 1]) : 1_000_000
const passesFlag = process.argv.indexOf('--passes')
const passes = passesFlag >= 0 ? Math.max(1, Number(process.argv[passesFlag + 1])) : 3
const fmt = (n: number) => Math.round(n).toLocaleString('en-US')
const ms = (start: number) => performance.now() - start
const SLICE = 100

// The stream goes to disk as JSON lines; each engine's process parses its own copy, as the
// collector parses request bodies.
const dir = mkdtempSync(join(tmpdir(), 'itinera-identity-bench-'))
process.on('exit', () => rmSync(dir, { recursive: true, force: true }))
const generatedAt = performance.now()
let deliveryCount: number
let uniqueCount: number
let people: number
{
  const dataset = generateIdentityDataset(total)
  people = dataset.people
  const seen = new Set<string>()
  const unique = dataset.messages.filter((message) => {
    if (seen.has(message.messageId!)) return false
    seen.add(message.messageId!)
    return true
  })
  deliveryCount = dataset.messages.length
  uniqueCount = unique.length
  const jsonLines = (messages: readonly object[]) =>
    messages.map((message) => JSON.stringify(message)).join('\n') + '\n'
  writeFileSync(join(dir, 'deliveries.jsonl'), jsonLines(dataset.messages))
  writeFileSync(join(dir, 'unique.jsonl'), jsonLines(unique))
  // Each engine's process first runs it over a short stream of other people (another seed,
  // another area code: phone parsing keeps a process-wide memo that must start cold).
  const warmUp = generateIdentityDataset(50_000, 7, '628').messages
  writeFileSync(join(dir, 'warmup.jsonl'), jsonLines(warmUp))
}
console.log(
  `generated ${fmt(deliveryCount)} messages (${fmt(people)} people) in ${fmt(ms(generatedAt))} ms`,
)

interface Row {
  name: string
  job: Omit<EngineJob, 'dir'>
  /** Messages the engine is credited with per pass: every delivery, or the unique ones. */
  count: number
}
const rows: Row[] = [
  { name: 'Itinera `resolveIdentities` (batch)', job: { engine: 'batch' }, count: deliveryCount },
  {
    name: 'Itinera `IdentityGraph.ingest` (audit off)',
    job: { engine: 'ingest', audit: false },
    count: deliveryCount,
  },
  {
    name: 'Itinera `IdentityGraph.ingest` (audit on)',
    job: { engine: 'ingest', audit: true },
    count: deliveryCount,
  },
  {
    name: `Itinera \`IdentityGraph.ingestMany\`, slices of ${SLICE} (audit off)`,
    job: { engine: 'ingestMany', audit: false, slice: SLICE },
    count: deliveryCount,
  },
  {
    name: `Itinera \`IdentityGraph.ingestMany\`, slices of ${SLICE} (audit on)`,
    job: { engine: 'ingestMany', audit: true, slice: SLICE },
    count: deliveryCount,
  },
  {
    name: 'Plain union-find, raw values, no rules',
    job: { engine: 'unionFind' },
    count: uniqueCount,
  },
  { name: 'DuckDB SQL connected components', job: { engine: 'duckDb' }, count: uniqueCount },
  {
    name: 'DuckDB, same SQL on 1 thread',
    job: { engine: 'duckDb', threads: 1 },
    count: uniqueCount,
  },
  {
    name: 'DuckDB warehouse pipeline: dedup, extraction, normalization and the same components in SQL',
    job: { engine: 'warehouse' },
    count: deliveryCount,
  },
  {
    name: 'DuckDB warehouse pipeline on 1 thread',
    job: { engine: 'warehouse', threads: 1 },
    count: deliveryCount,
  },
]

const engineScript = fileURLToPath(new URL('./engine.ts', import.meta.url))
function runPass(job: EngineJob): EngineResult {
  const child = spawnSync(
    process.execPath,
    [
      '--expose-gc',
      '--conditions=@itinera/source',
      '--import',
      'tsx',
      engineScript,
      JSON.stringify(job),
    ],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 24 },
  )
  const line = child.stdout.split('\n').find((text) => text.startsWith('RESULT '))
  if (child.status !== 0 || !line) {
    throw new Error(`${JSON.stringify(job)} failed (exit ${child.status}):\n${child.stdout}`)
  }
  return JSON.parse(line.slice('RESULT '.length)) as EngineResult
}

// Pass after pass, every engine runs once, in an order that rotates, so no engine always follows
// the same one.
const results = rows.map(() => [] as EngineResult[])
for (let pass = 0; pass < passes; pass++) {
  for (let k = 0; k < rows.length; k++) {
    const r = (pass + k) % rows.length
    const result = runPass({ ...rows[r]!.job, dir })
    results[r]!.push(result)
    console.log(`pass ${pass + 1}/${passes} ${rows[r]!.name}: ${fmt(result.wallMs)} ms`)
  }
}

/** The pass with the median wall time. */
const medianPass = (runs: readonly EngineResult[]): EngineResult =>
  [...runs].sort((a, b) => a.wallMs - b.wallMs)[Math.floor((runs.length - 1) / 2)]!
const medians = results.map(medianPass)
const duck = medians[6]!
const duckWarehouse = medians[8]!
const distinctCount = duck.distinctIdentifiers!
const batchDigest = results[0]![0]!.digest!

const rate = (count: number, millis: number) => fmt((count / millis) * 1000)
const range = (runs: readonly EngineResult[]) => {
  const walls = runs.map((run) => run.wallMs)
  return `${fmt(Math.min(...walls))}–${fmt(Math.max(...walls))}`
}
const mb = (bytes: number) => `${fmt(bytes / 1e6)} MB`
const perId = (bytes: number) => `${fmt(bytes / distinctCount)} B per distinct identifier`

console.log(
  `\n${fmt(deliveryCount)} messages delivered (${fmt(uniqueCount)} unique), ${fmt(people)} people, ${fmt(distinctCount)} distinct identifiers\n`,
)
console.log(
  `| Engine | Wall ms (median of ${passes}) | Wall ms range | Messages/s (wall) | Messages/s (CPU time) | B³ precision | B³ recall | B³ F1 | Profiles | Over-merged profiles | False merges of known users | Largest profile | Process peak RSS MB |`,
)
console.log(
  '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
)
rows.forEach((row, r) => {
  const run = medians[r]!
  const q = run.quality
  const rounds = run.iterations === undefined ? '' : ` (${run.iterations} rounds)`
  console.log(
    `| ${row.name}${rounds} | ${fmt(run.wallMs)} | ${range(results[r]!)} | ${rate(row.count, run.wallMs)} | ${rate(row.count, run.cpuMs)} | ${q.precision.toFixed(4)} | ${q.recall.toFixed(4)} | ${q.f1.toFixed(4)} | ${fmt(q.profiles)} | ${fmt(q.overMerged)} | ${fmt(q.falseMergesOfKnownUsers)} | ${fmt(q.largestCluster)} | ${fmt(run.maxRssMb)} |`,
  )
})

const [plainIngest, auditIngest, plainMany, auditMany] = [1, 2, 3, 4].map((r) => medians[r]!) as [
  EngineResult,
  EngineResult,
  EngineResult,
  EngineResult,
]
const identical = (r: number) =>
  results[r]!.every((run) => run.digest === batchDigest) ? 'yes' : 'NO'
console.log(
  `\nDuckDB warehouse pipeline: load of the flattened event table (${fmt(deliveryCount)} deliveries) ${fmt(duckWarehouse.loadMs!)} ms not counted.`,
)
console.log(
  `DuckDB: CSV load ${fmt(duck.loadMs!)} ms not counted, nor the extraction and normalization of its identifiers by Itinera's \`extractIdentifiers\` beforehand (${fmt(duck.extractionMs!)} ms wall for the unique messages); its CPU time is the whole process's during the stitch, its worker threads included.`,
)
console.log(
  `every batch pass identical to the first: ${identical(0)}; every incremental pass identical to the batch (partition and ids): ingest, audit off ${identical(1)}, audit on ${identical(2)}; ingestMany, audit off ${identical(3)}, audit on ${identical(4)}`,
)
console.log(
  `IdentityGraph, audit off: retained heap + typed arrays ${mb(plainIngest.retained!)} = ${perId(plainIngest.retained!)} (includes the per-message replay log); sampled peak ${mb(plainIngest.peak!)}`,
)
console.log(
  `IdentityGraph, audit on: retained heap + typed arrays ${mb(auditIngest.retained!)} = ${perId(auditIngest.retained!)}; sampled peak ${mb(auditIngest.peak!)}`,
)
console.log(
  `IdentityGraph through ingestMany: retained ${perId(plainMany.retained!)} with audit off, ${perId(auditMany.retained!)} with audit on`,
)
