// Load generator for bench/collector/run.ts, run as a separate process: POSTs batches of
// messages over keep-alive HTTP with a fixed concurrency and prints one JSON line of results.
import { Agent, request } from 'node:http'
import { parseArgs } from 'node:util'
import { percentile } from '../lib/percentile.js'

const { values } = parseArgs({
  options: {
    url: { type: 'string' },
    path: { type: 'string', default: '/v1/batch' },
    'write-key': { type: 'string', default: '' },
    seconds: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '2' },
    concurrency: { type: 'string', default: '16' },
    batch: { type: 'string', default: '100' },
    users: { type: 'string', default: '20000' },
    prefix: { type: 'string', default: 'bench' },
    mode: { type: 'string', default: 'ingest' },
    'secret-key': { type: 'string', default: '' },
  },
})

const target = new URL(values.path, values.url)
const seconds = Number(values.seconds)
const warmup = Number(values.warmup)
const concurrency = Number(values.concurrency)
const batchSize = Number(values.batch)
const users = Number(values.users)
const agent = new Agent({ keepAlive: true, maxSockets: concurrency })
const auth = `Basic ${Buffer.from(`${values['write-key']}:`).toString('base64')}`
const events = ['Product Viewed', 'Product Added', 'Checkout Started', 'Order Completed']

let counter = 0
function body(): string {
  const sentAt = new Date().toISOString()
  const items: string[] = []
  for (let i = 0; i < batchSize; i++) {
    const n = counter++
    const user = n % users
    const event = events[n % events.length] as string
    items.push(
      `{"type":"track","event":"${event}","anonymousId":"anon-${user}","messageId":"${values.prefix}-${n}",` +
        `"timestamp":"${sentAt}","properties":{"sku":"SKU-${n % 500}","price":${(n % 97) + 0.99},"currency":"EUR"},` +
        `"context":{"library":{"name":"bench","version":"1"},"page":{"url":"https://shop.example/p/${n % 500}"}}}`,
    )
  }
  return `{"batch":[${items.join(',')}],"sentAt":"${sentAt}"}`
}

function lookup(): Promise<number> {
  const k = Math.floor(Math.random() * users)
  const path = `/bench/profiles/${encodeURIComponent(`email:user-${k}@example.com`)}`
  return new Promise((resolve, reject) => {
    const req = request(
      new URL(path, values.url),
      { agent, headers: { authorization: `Bearer ${values['secret-key']}` } },
      (res) => {
        res.resume()
        res.on('end', () => resolve(res.statusCode ?? 0))
      },
    )
    req.on('error', reject)
    req.end()
  })
}

function post(payload: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      target,
      {
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(payload),
          authorization: auth,
        },
      },
      (res) => {
        res.resume()
        res.on('end', () => resolve(res.statusCode ?? 0))
      },
    )
    req.on('error', reject)
    req.end(payload)
  })
}

const latencies: number[] = []
let requests = 0
let errors = 0
let allOk = 0
let measuring = false
const start = performance.now()
const warmEnd = start + warmup * 1000
const end = warmEnd + seconds * 1000

async function worker(): Promise<void> {
  for (;;) {
    const now = performance.now()
    if (now >= end) return
    if (!measuring && now >= warmEnd) measuring = true
    const payload = values.mode === 'lookup' ? '' : body()
    const t0 = performance.now()
    const status = await (values.mode === 'lookup' ? lookup() : post(payload)).catch(() => 0)
    const t1 = performance.now()
    if (status === 200) allOk++
    if (t0 >= warmEnd && t1 <= end) {
      if (status === 200) {
        requests++
        latencies.push(t1 - t0)
      } else errors++
    }
  }
}

await Promise.all(Array.from({ length: concurrency }, () => worker()))
agent.destroy()
latencies.sort((a, b) => a - b)
process.stdout.write(
  `${JSON.stringify({
    requests,
    messages: requests * batchSize,
    seconds,
    messagesPerSecond: Math.round((requests * batchSize) / seconds),
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
    errors,
    totalMessages: allOk * batchSize,
  })}\n`,
)
