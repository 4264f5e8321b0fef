// Journey benchmark: buildJourney over every profile, and a 4-step funnel against DuckDB SQL.
// Run: node --conditions=@itinera/source --import tsx bench/journey/run.ts [--messages N] [--seed S] [--runs R]
import os from 'node:os'
import {
  buildJourney,
  computeFunnel,
  type FunnelDefinition,
  type ProfileTimeline,
} from '@itinera/core'
import { duckdbFunnel, funnelSql, loadEvents } from './duckdb-funnel.js'
import { generateWorkload } from './generate.js'

function flag(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`)
  if (index === -1) return fallback
  const value = Number(process.argv[index + 1])
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} needs a positive number`)
  return value
}

const messages = flag('messages', 1_000_000)
const seed = flag('seed', 42)
const runs = flag('runs', 3)
const now = Date.parse('2024-06-01T00:00:00.000Z')
const STEPS = ['Product Viewed', 'Product Added', 'Checkout Started', 'Order Completed'] as const
const WINDOW_DAYS = 7
const funnel: FunnelDefinition = {
  steps: STEPS.map((event) => ({ event })),
  windowMs: WINDOW_DAYS * 86_400_000,
  order: 'ordered',
}

interface Timed<T> {
  value: T
  /** Wall-clock ms. */
  ms: number
  /** CPU ms of this process over all its threads (DuckDB runs several). */
  cpuMs: number
}

const gc = (globalThis as { gc?: () => void }).gc
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`
const ms = (value: number) => `${value.toFixed(0)} ms`
const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!
const rate = (msValue: number) => Math.round(messages / (msValue / 1000)).toLocaleString('en')
const runsText = (list: Timed<unknown>[]) =>
  list.map((run) => `${ms(run.ms)}/${ms(run.cpuMs)}`).join(', ')

const cpuSince = (start: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(start)
  return (used.user + used.system) / 1000
}

function time<T>(fn: () => T): Timed<T> {
  const cpu = process.cpuUsage()
  const start = performance.now()
  const value = fn()
  return { value, ms: performance.now() - start, cpuMs: cpuSince(cpu) }
}

async function timeAsync<T>(fn: () => Promise<T>): Promise<Timed<T>> {
  const cpu = process.cpuUsage()
  const start = performance.now()
  const value = await fn()
  return { value, ms: performance.now() - start, cpuMs: cpuSince(cpu) }
}

console.log(
  `journey benchmark: ${messages.toLocaleString('en')} messages, seed ${seed}, ${runs} runs`,
)
const generated = time(() => generateWorkload(messages, seed))
const { profiles } = generated.value
console.log(`generated ${profiles.length.toLocaleString('en')} profiles in ${ms(generated.ms)}`)

// 1. Throughput: build and drop every journey.
const buildRuns: Timed<number>[] = []
for (let r = 0; r < runs; r++) {
  gc?.()
  buildRuns.push(
    time(() => {
      let stages = 0
      for (const profile of profiles)
        stages += buildJourney(profile.messages, { now }).stages.length
      return stages
    }),
  )
}
const buildMs = median(buildRuns.map((run) => run.ms))
const buildCpuMs = median(buildRuns.map((run) => run.cpuMs))

// 2. Memory: build and keep every journey, sampling the heap on the way.
gc?.()
const heapBefore = process.memoryUsage().heapUsed
let heapPeak = heapBefore
const kept = time(() => {
  const journeys: ProfileTimeline[] = new Array(profiles.length)
  for (let i = 0; i < profiles.length; i++) {
    const profile = profiles[i]!
    journeys[i] = { id: profile.id, timeline: buildJourney(profile.messages, { now }).timeline }
    if (i % 2000 === 0) heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed)
  }
  return journeys
})
heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed)
const timelines = kept.value

// 3. The funnel in TypeScript, from raw messages and from built timelines.
const fromMessages = Array.from({ length: runs }, () => time(() => computeFunnel(profiles, funnel)))
const fromTimelines = Array.from({ length: runs }, () =>
  time(() => computeFunnel(timelines, funnel)),
)
const ours = fromMessages[0]!.value.steps.map((step) => step.reached)
const oursFromTimelines = fromTimelines[0]!.value.steps.map((step) => step.reached)

// 4. The same funnel in DuckDB.
const loaded = await timeAsync(() => loadEvents(profiles))
const connection = loaded.value
const sql = funnelSql(STEPS, WINDOW_DAYS)
const duck: Timed<number[]>[] = []
for (let r = 0; r < runs; r++) duck.push(await timeAsync(() => duckdbFunnel(connection, sql)))
const theirs = duck[0]!.value
connection.closeSync()

const oursMs = median(fromMessages.map((run) => run.ms))
const oursCpu = median(fromMessages.map((run) => run.cpuMs))
const timelinesMs = median(fromTimelines.map((run) => run.ms))
const timelinesCpu = median(fromTimelines.map((run) => run.cpuMs))
const duckMs = median(duck.map((run) => run.ms))
const duckCpu = median(duck.map((run) => run.cpuMs))
const same = [theirs, oursFromTimelines].every((counts) => counts.join() === ours.join())

console.log('\n(times are wall/cpu; cpu counts every thread of the process)')
console.log(
  `buildJourney, all profiles (median of ${runs}): ${ms(buildMs)} wall = ${rate(buildMs)} messages/s; ` +
    `cpu ${ms(buildCpuMs)} = ${rate(buildCpuMs)} messages/s (runs: ${runsText(buildRuns)})`,
)
console.log(
  `buildJourney, keeping every timeline: ${ms(kept.ms)}, heap +${mb(heapPeak - heapBefore)} at peak; ` +
    `process max RSS ${mb(process.resourceUsage().maxRSS * 1024)} (with the generated messages and DuckDB)`,
)
console.log(
  `funnel (4 steps, ${WINDOW_DAYS}-day window), TypeScript from messages: ${ms(oursMs)}/${ms(oursCpu)} (runs: ${runsText(fromMessages)})`,
)
console.log(
  `funnel, TypeScript from built timelines: ${ms(timelinesMs)}/${ms(timelinesCpu)} (runs: ${runsText(fromTimelines)})`,
)
console.log(
  `funnel, DuckDB SQL with window functions: ${ms(duckMs)}/${ms(duckCpu)} (runs: ${runsText(duck)}; loading ${ms(loaded.ms)} not counted)`,
)
console.log(
  `step counts: ours ${ours.join(' → ')}; DuckDB ${theirs.join(' → ')}; ${same ? 'identical' : 'DIFFERENT'}`,
)
console.log(
  `DuckDB / ours, wall: ${(duckMs / oursMs).toFixed(2)}× from messages, ${(duckMs / timelinesMs).toFixed(2)}× from timelines; ` +
    `cpu: ${(duckCpu / oursCpu).toFixed(2)}×, ${(duckCpu / timelinesCpu).toFixed(2)}× (above 1: ours is faster)`,
)
console.log(
  `targets (wall): journeys ≥ 500,000 msg/s ${messages / (buildMs / 1000) >= 500_000 ? 'met' : 'MISSED'}; ` +
    `funnel no slower than DuckDB ${oursMs <= duckMs ? 'met' : 'MISSED'} from messages, ` +
    `${timelinesMs <= duckMs ? 'met' : 'MISSED'} from timelines`,
)
console.log(
  `machine: ${os.cpus().length} cores, load average ${(os.loadavg()[0] ?? 0).toFixed(1)} at the end of the run`,
)
if (!same) process.exitCode = 1
