// One timed pass of one engine of bench/identity, in a process of its own: the process holds only
// that engine's input, so no other engine's garbage or the generator's data shares its heap.
// Usage (from run.ts): node --expose-gc --conditions=@itinera/source --import tsx engine.ts '<json>'
// Prints one line `RESULT <json>` with the pass's figures.
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { IdentityGraph, extractIdentifiers, resolveIdentities } from '@itinera/core'
import type { Message, ResolvedProfile } from '@itinera/core'
import { truthOf } from './generate.js'
import { clusterQuality } from './metrics.js'
import type { ClusterQuality } from './metrics.js'
import { duckDbComponents, duckDbWarehouse, plainUnionFind } from './peers.js'
import type { DuckDbResult } from './peers.js'

export type EngineName = 'batch' | 'ingest' | 'ingestMany' | 'unionFind' | 'duckDb' | 'warehouse'

export interface EngineJob {
  engine: EngineName
  /** Directory holding `deliveries.jsonl` (every delivery), `unique.jsonl` and `warmup.jsonl`. */
  dir: string
  audit?: boolean
  /** DuckDB worker threads; DuckDB's default when absent. */
  threads?: number
  /** Messages per `ingestMany` call. */
  slice?: number
}

export interface EngineResult {
  wallMs: number
  cpuMs: number
  quality: ClusterQuality
  /** sha256 of the profiles as JSON (Itinera engines): equal digests mean identical output. */
  digest?: string
  /** Heap plus typed arrays the graph retains after the pass, and the sampled peak (bytes). */
  retained?: number
  peak?: number
  iterations?: number
  /** Milliseconds not counted: DuckDB's load, or the extraction that prepares its edges. */
  loadMs?: number
  extractionMs?: number
  /** Distinct normalized identifiers of the stream (DuckDB's prepared edges count them). */
  distinctIdentifiers?: number
  maxRssMb: number
}

declare const gc: () => void

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

/** Wall and CPU milliseconds of `run` (CPU includes GC helper threads). */
function measure<T>(run: () => T): { value: T; wallMs: number; cpuMs: number } {
  const cpu = process.cpuUsage()
  const started = performance.now()
  const value = run()
  const wallMs = performance.now() - started
  const used = process.cpuUsage(cpu)
  return { value, wallMs, cpuMs: (used.user + used.system) / 1000 }
}

const readLines = (dir: string, file: string): string[] =>
  readFileSync(join(dir, file), 'utf8').split('\n').filter(Boolean)
const parse = (lines: readonly string[]): Message[] =>
  lines.map((line) => JSON.parse(line) as Message)

/** Quality of Itinera profiles: labels are profile indices, truth comes from the message ids. */
function profileQuality(profiles: readonly ResolvedProfile[]): ClusterQuality {
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
function labelQuality(labels: Int32Array, messages: readonly Message[]): ClusterQuality {
  const truth = new Int32Array(messages.length)
  const known = new Uint8Array(messages.length)
  messages.forEach((message, i) => {
    const t = truthOf(message.messageId!)
    truth[i] = t.person
    known[i] = t.known ? 1 : 0
  })
  return clusterQuality(labels, truth, known)
}

/**
 * Runs `engine` over `warmup.jsonl`, a stream of other people (another seed and phone area
 * code), so the timed pass runs in a warm process, as in a long-running one, without any of its
 * own values already memoized (phone parsing keeps a process-wide memo). A function of its own:
 * its frame, and the result it drops, are gone when it returns (an interpreted frame's registers
 * keep their values alive until then).
 */
function warmUp(dir: string, engine: (messages: Message[]) => unknown): void {
  engine(parse(readLines(dir, 'warmup.jsonl')))
}

const digestOf = (profiles: readonly ResolvedProfile[]) =>
  createHash('sha256').update(JSON.stringify(profiles)).digest('hex')

type Figures = Omit<EngineResult, 'maxRssMb'>

/** `resolveIdentities` over every delivery. */
function batch(job: EngineJob): Figures {
  const lines = readLines(job.dir, 'deliveries.jsonl')
  warmUp(job.dir, (messages) => resolveIdentities(messages))
  const input = parse(lines)
  lines.length = 0
  heap()
  const run = measure(() => resolveIdentities(input))
  input.length = 0
  return {
    wallMs: run.wallMs,
    cpuMs: run.cpuMs,
    quality: profileQuality(run.value),
    digest: digestOf(run.value),
  }
}

/**
 * `IdentityGraph.ingest` per delivery, or `ingestMany` per slice, in arrival order. Deliveries
 * come as the collector gets them: each slice of JSON lines is parsed just before the graph
 * takes it, and only the graph's calls are timed. The parsed messages are dropped afterwards,
 * so the graph holds the only copies of the identifier values and messageIds it keeps, and its
 * retained memory counts them.
 */
function incremental(job: EngineJob): Figures {
  const slice = job.slice ?? 100
  const feed = (graph: IdentityGraph, messages: readonly Message[]) => {
    if (job.engine === 'ingestMany') {
      graph.ingestMany(messages)
      return
    }
    for (const message of messages) graph.ingest(message)
  }
  warmUp(job.dir, (messages) => {
    const graph = new IdentityGraph({ audit: job.audit })
    for (let i = 0; i < messages.length; i += slice) feed(graph, messages.slice(i, i + slice))
  })
  const lines = readLines(job.dir, 'deliveries.jsonl')
  const baseline = heap()
  let peak = 0
  let wallMs = 0
  let cpuMs = 0
  const graph = new IdentityGraph({ audit: job.audit })
  for (let i = 0; i < lines.length; i += slice) {
    const messages = parse(lines.slice(i, i + slice))
    const run = measure(() => feed(graph, messages))
    wallMs += run.wallMs
    cpuMs += run.cpuMs
    if (i % 20_000 === 0) peak = Math.max(peak, inUse() - baseline)
  }
  const retained = heap() - baseline
  lines.length = 0
  const profiles = graph.profiles()
  return {
    wallMs,
    cpuMs,
    quality: profileQuality(profiles),
    digest: digestOf(profiles),
    retained,
    peak,
  }
}

/** Plain union-find over the unique messages. */
function unionFind(job: EngineJob): Figures {
  warmUp(job.dir, plainUnionFind)
  const unique = parse(readLines(job.dir, 'unique.jsonl'))
  heap()
  const run = measure(() => plainUnionFind(unique))
  return { wallMs: run.wallMs, cpuMs: run.cpuMs, quality: labelQuality(run.value, unique) }
}

/**
 * DuckDB's connected components over the unique messages' normalized, blocklisted identifiers
 * (the edges Itinera sees), extracted here with `extractIdentifiers`; extraction and load are
 * reported, not counted.
 */
async function duckDb(job: EngineJob): Promise<Figures> {
  const unique = parse(readLines(job.dir, 'unique.jsonl'))
  const occurrences: [number, string][] = []
  const extraction = measure(() => {
    unique.forEach((message, i) => {
      for (const { type, value } of extractIdentifiers(message).identifiers) {
        occurrences.push([i, `${type}:${value}`])
      }
    })
  })
  const csv = join(job.dir, 'edges.csv')
  const result = await duckDbComponents(occurrences, unique.length, csv, job.threads)
  return {
    ...duckDbFigures(result, unique),
    extractionMs: extraction.wallMs,
    distinctIdentifiers: new Set(occurrences.map(([, node]) => node)).size,
  }
}

/** A DuckDB run's figures: its stitch is the timed part, its load is reported. */
const duckDbFigures = (result: DuckDbResult, unique: readonly Message[]): Figures => ({
  wallMs: result.stitchMs,
  cpuMs: result.stitchCpuMs,
  quality: labelQuality(result.labels, unique),
  iterations: result.iterations,
  loadMs: result.loadMs,
})

/** DuckDB's warehouse pipeline from every delivery; the event table's load is not counted. */
async function warehouse(job: EngineJob): Promise<Figures> {
  const unique = parse(readLines(job.dir, 'unique.jsonl'))
  const uniqueIndex = new Map(unique.map((message, i) => [message.messageId!, i]))
  const deliveries = parse(readLines(job.dir, 'deliveries.jsonl'))
  const csv = join(job.dir, 'events.csv')
  const result = await duckDbWarehouse(
    deliveries,
    (id) => uniqueIndex.get(id)!,
    unique.length,
    csv,
    job.threads,
  )
  return duckDbFigures(result, unique)
}

const engines: Record<EngineName, (job: EngineJob) => Figures | Promise<Figures>> = {
  batch,
  ingest: incremental,
  ingestMany: incremental,
  unionFind,
  duckDb,
  warehouse,
}

const job = JSON.parse(process.argv[2]!) as EngineJob
const figures = await engines[job.engine](job)
const result: EngineResult = { ...figures, maxRssMb: process.resourceUsage().maxRSS / 1024 }
console.log(`RESULT ${JSON.stringify(result)}`)
