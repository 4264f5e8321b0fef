// Load generator for bench/collector-api/run.ts, run as a separate process: GETs random profiles
// (or the first page of their events) over keep-alive HTTP with a fixed concurrency and prints
// one JSON line of results.
import { Agent, request } from 'node:http'
import { parseArgs } from 'node:util'
import { percentile } from '../lib/percentile.js'

const { values } = parseArgs({
  options: {
    url: { type: 'string' },
    'secret-key': { type: 'string', default: '' },
    mode: { type: 'string', default: 'profile' },
    users: { type: 'string', default: '200000' },
    seconds: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '2' },
    concurrency: { type: 'string', default: '8' },
  },
})

const users = Number(values.users)
const concurrency = Number(values.concurrency)
const agent = new Agent({ keepAlive: true, maxSockets: concurrency })
const headers = { authorization: `Bearer ${values['secret-key']}` }
const suffix = values.mode === 'events' ? '/events?limit=100' : ''

function get(): Promise<number> {
  const ref = encodeURIComponent(`user_id:user-${Math.floor(Math.random() * users)}`)
  return new Promise((resolve, reject) => {
    const req = request(
      new URL(`/v1/profiles/${ref}${suffix}`, values.url),
      { agent, headers },
      (res) => {
        res.resume()
        res.on('end', () => resolve(res.statusCode ?? 0))
      },
    )
    req.on('error', reject)
    req.end()
  })
}

const latencies: number[] = []
let errors = 0
const warmEnd = performance.now() + Number(values.warmup) * 1000
const end = warmEnd + Number(values.seconds) * 1000

async function worker(): Promise<void> {
  while (performance.now() < end) {
    const t0 = performance.now()
    const status = await get().catch(() => 0)
    const t1 = performance.now()
    if (t0 < warmEnd || t1 > end) continue
    if (status === 200) latencies.push(t1 - t0)
    else errors++
  }
}

await Promise.all(Array.from({ length: concurrency }, () => worker()))
agent.destroy()
latencies.sort((a, b) => a - b)
process.stdout.write(
  `${JSON.stringify({
    requests: latencies.length,
    errors,
    rps: latencies.length / Number(values.seconds),
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
  })}\n`,
)
