// node-sdk benchmark: every SDK sends N `track` calls to a loopback sink, in its own child
// process, under three scenarios. Run: npm run bench -- node-sdk (add flags after `--`), or
//   node --conditions=@itinera/source --import tsx bench/node-sdk/run.ts --n 100000 [--quick]
// `--sdks none,…` adds the harness alone (the same calls built and dropped, no SDK): the floor
// of peak RSS that every SDK's figure includes.
import { spawn, spawnSync } from 'node:child_process'
import { mkdirSync } from 'node:fs'
import { freeLoopbackPort } from '@itinera/test-utils/loopback'
import { parseArgs } from 'node:util'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'
import { importCost } from './import-cost.js'
import { Sink, type Scenario, type SinkReport } from './sink.js'

const { values: flags } = parseArgs({
  options: {
    n: { type: 'string', default: '100000,1000000' },
    sdks: { type: 'string', default: 'none,itinera,segment,posthog,rudderstack,mixpanel' },
    scenarios: { type: 'string', default: 'healthy,err500,down3s' },
    chunk: { type: 'string', default: '100' },
    timeout: { type: 'string', default: '300' },
    'exit-grace': { type: 'string', default: '10' },
    quick: { type: 'boolean', default: false },
    'skip-import': { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
  },
})

const here = fileURLToPath(new URL('.', import.meta.url))
const PEERS = [
  '@segment/analytics-node',
  'posthog-node',
  '@rudderstack/rudder-sdk-node',
  'mixpanel',
]

interface ChildDone {
  startedAt: number
  enqueuedAt: number
  closedAt: number
  maxRssMb: number
  cpuSeconds: number
  errors: number
  unhandled: number
  extra?: { backpressureWaits?: number }
}

interface RunResult {
  sdk: string
  version: string
  scenario: Scenario
  n: number
  done: ChildDone | undefined
  /** Epoch ms of the first call, known even when the child never finished. */
  startedAt: number | undefined
  sink: SinkReport
  uniqueAtClose: number | undefined
  exitAfterCloseMs: number | undefined
  outcome: 'ok' | 'timeout' | 'hung' | 'crashed'
  exitCode: number | null
  stderr: string
}

/**
 * Builds core and the node SDK, so that every client runs as installed: ours from its built
 * dist, the peers from their packages.
 */
function buildOurs(): void {
  const root = fileURLToPath(new URL('../..', import.meta.url))
  const result = spawnSync(
    process.execPath,
    [`${root}node_modules/rollup/dist/bin/rollup`, '-c', 'rollup.config.mjs', '--silent'],
    { cwd: root, env: { ...process.env, ITINERA_PACKAGES: 'core,node' }, stdio: 'inherit' },
  )
  if (result.status !== 0) throw new Error('building @itinera/core and @itinera/node failed')
}

/** Bundles the child's own code (the harness) so no loader skews RSS or speed; SDKs stay external. */
async function bundleChild(): Promise<string> {
  const outdir = `${here}.tsbuild`
  mkdirSync(outdir, { recursive: true })
  const outfile = `${outdir}/child.mjs`
  await build({
    entryPoints: [`${here}child.ts`],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    conditions: ['@itinera/source'],
    external: [...PEERS, '@itinera/node', '@itinera/core'],
    banner: {
      js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
    },
    logLevel: 'warning',
  })
  return outfile
}

async function runOne(
  child: string,
  sdk: string,
  scenario: Scenario,
  n: number,
): Promise<RunResult> {
  const sink = new Sink({ expected: n, errorRate: scenario === 'err500' ? 0.2 : 0 })
  const port = scenario === 'down3s' ? await freeLoopbackPort() : await sink.listen()
  const host = `http://127.0.0.1:${port}`
  const timeoutMs = Number(flags.timeout) * 1000
  const graceMs = Number(flags['exit-grace']) * 1000
  const proc = spawn(
    process.execPath,
    [child, JSON.stringify({ sdk, host, n, chunk: Number(flags.chunk) })],
    { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] },
  )
  let stderr = ''
  proc.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2000)))
  let version = '?'
  let startedAt: number | undefined
  let done: ChildDone | undefined
  let uniqueAtClose: number | undefined
  let outcome: RunResult['outcome'] = 'ok'
  let downTimer: NodeJS.Timeout | undefined
  const hardTimer = setTimeout(() => {
    outcome = 'timeout'
    proc.kill('SIGKILL')
  }, timeoutMs)
  let graceTimer: NodeJS.Timeout | undefined
  proc.on(
    'message',
    (message: { type: string; startedAt: number; version?: string } & ChildDone) => {
      if (message.type === 'started') {
        version = message.version ?? '?'
        startedAt = message.startedAt
        if (scenario === 'down3s') {
          downTimer = setTimeout(
            () => void sink.listen(port),
            message.startedAt + 3000 - Date.now(),
          )
        }
      } else if (message.type === 'done') {
        done = message
        uniqueAtClose = sink.report.unique
        graceTimer = setTimeout(() => {
          outcome = 'hung'
          proc.kill('SIGKILL')
        }, graceMs)
      }
    },
  )
  const exitCode = await new Promise<number | null>((resolve) => proc.on('exit', resolve))
  const exitedAt = Date.now()
  clearTimeout(hardTimer)
  clearTimeout(graceTimer)
  clearTimeout(downTimer)
  if (outcome === 'ok' && (exitCode !== 0 || !done)) outcome = 'crashed'
  // Let requests already received finish decoding before the counts are read.
  await new Promise((resolve) => setTimeout(resolve, 300))
  const report = sink.report
  await sink.close()
  return {
    sdk,
    version,
    scenario,
    n,
    done,
    startedAt,
    sink: report,
    uniqueAtClose,
    exitAfterCloseMs: done && outcome === 'ok' ? exitedAt - done.closedAt : undefined,
    outcome,
    exitCode,
    stderr,
  }
}

const fmt = (value: number, digits = 0) =>
  value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })

function row(r: RunResult): string {
  const d = r.done
  const secs = (at: number | undefined) =>
    d && at !== undefined ? (at - d.startedAt) / 1000 : undefined
  if (r.sdk === 'none') {
    // The harness alone delivers nothing: only its speed and memory mean anything.
    const cells = ['harness alone, no SDK', r.scenario, fmt(r.n)]
    cells.push(d ? fmt(r.n / ((d.enqueuedAt - d.startedAt) / 1000)) : '—', '—', '—', '—', '—', '—')
    cells.push(d ? fmt(d.maxRssMb) : '—', d ? fmt(d.cpuSeconds, 2) : '—', '—', '—', '—', '—', '')
    return `| ${cells.join(' | ')} |`
  }
  const allAt = secs(r.sink.completeAt)
  const lost = r.n - r.sink.unique
  const lostAtClose = r.uniqueAtClose === undefined ? undefined : r.n - r.uniqueAtClose
  const lostCell =
    lostAtClose !== undefined && lostAtClose !== lost
      ? `${fmt(lost)} (${fmt(lostAtClose)} at close)`
      : fmt(lost)
  const exit =
    r.outcome === 'hung'
      ? `hung>${flags['exit-grace']}s`
      : r.outcome === 'timeout'
        ? `killed at ${flags.timeout}s`
        : r.outcome === 'crashed'
          ? `crashed (${r.exitCode})`
          : `${fmt(r.exitAfterCloseMs ?? 0)}ms`
  const cells = [
    `${r.sdk} ${r.version}`,
    r.scenario,
    fmt(r.n),
    d ? fmt(r.n / ((d.enqueuedAt - d.startedAt) / 1000)) : '—',
    d ? fmt((d.closedAt - d.startedAt) / 1000, 2) : '—',
    allAt !== undefined
      ? fmt(allAt, 2)
      : `never (last ${fmt(secs(r.sink.lastAcceptedAt) ?? 0, 2)})`,
    allAt !== undefined ? fmt(r.n / allAt) : '—',
    lostCell,
    fmt(r.sink.duplicates),
    d ? fmt(d.maxRssMb) : '—',
    d ? fmt(d.cpuSeconds, 2) : '—',
    fmt(r.sink.requests),
    fmt(r.sink.maxConnections),
    exit,
    d ? `${fmt(d.errors)}${d.unhandled ? ` / ${fmt(d.unhandled)} unhandled` : ''}` : '—',
    d?.extra?.backpressureWaits ? `${fmt(d.extra.backpressureWaits)} backpressure waits` : '',
  ]
  return `| ${cells.join(' | ')} |`
}

const HEADER =
  '| sdk | scenario | N | enqueue calls/s | close (s) | all at sink (s) | delivered/s | lost | dups | peak RSS MB | CPU s | requests | max conns | exit after close | errors reported | notes |\n' +
  '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|'

const sizes = flags.quick ? [10_000] : flags.n.split(',').map(Number)
const sdks = flags.sdks.split(',')
const scenarios = flags.scenarios.split(',') as Scenario[]
buildOurs()
const child = await bundleChild()
const results: RunResult[] = []
console.log(
  `node ${process.version}, ${new Date().toISOString()}, chunk ${flags.chunk} calls per event-loop turn\n`,
)
const MODULES: Record<string, string> = {
  itinera: '@itinera/node',
  segment: '@segment/analytics-node',
  posthog: 'posthog-node',
  rudderstack: '@rudderstack/rudder-sdk-node',
  mixpanel: 'mixpanel',
}
if (!flags['skip-import']) {
  console.log('### Import cost (fresh process, median of 7; ours from its built dist)\n')
  console.log('| sdk | import ms | RSS added MB |\n| --- | ---: | ---: |')
  for (const sdk of sdks.filter((name) => name !== 'none')) {
    const cost = importCost(sdk, MODULES[sdk] ?? sdk)
    console.log(`| ${sdk} | ${cost.importMs.toFixed(0)} | ${cost.addedRssMb.toFixed(1)} |`)
  }
}
for (const n of sizes) {
  console.log(`\n### N = ${fmt(n)}\n\n${HEADER}`)
  for (const scenario of scenarios) {
    for (const sdk of sdks) {
      const result = await runOne(child, sdk, scenario, n)
      results.push(result)
      console.log(row(result))
      if (result.outcome === 'crashed')
        console.error(`  ${sdk} stderr: ${result.stderr.slice(-500)}`)
    }
  }
}
if (flags.json)
  console.log(
    JSON.stringify(
      results.map(({ stderr: _, ...rest }) => rest),
      null,
      2,
    ),
  )
