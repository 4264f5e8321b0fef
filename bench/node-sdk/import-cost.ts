// What importing each SDK costs a fresh process (a serverless cold start pays it on every new
// instance): wall time of the dynamic import and the RSS it adds, median of several processes.
// Our SDK is measured as installed (its built dist), like the peers.
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'

export interface ImportCost {
  sdk: string
  importMs: number
  addedRssMb: number
}

const here = fileURLToPath(new URL('.', import.meta.url))

const PROBE = `
const before = process.memoryUsage().rss
const start = performance.now()
await import(process.argv[1])
const ms = performance.now() - start
console.log(JSON.stringify({ ms, rss: process.memoryUsage().rss - before }))
`

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1] ?? NaN

/** Imports `module` in `rounds` fresh processes (run from bench/, where the peers are installed). */
export function importCost(sdk: string, module: string, rounds = 7): ImportCost {
  const ms: number[] = []
  const rss: number[] = []
  for (let round = 0; round < rounds; round++) {
    const result = spawnSync(process.execPath, ['--input-type=module', '-e', PROBE, module], {
      cwd: here,
      encoding: 'utf8',
    })
    if (result.status !== 0) throw new Error(`importing ${module} failed: ${result.stderr}`)
    const probe = JSON.parse(result.stdout) as { ms: number; rss: number }
    ms.push(probe.ms)
    rss.push(probe.rss)
  }
  return { sdk, importMs: median(ms), addedRssMb: median(rss) / 1024 / 1024 }
}
