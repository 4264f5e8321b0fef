// Loopback HTTP sink of the node-sdk benchmark: decodes every SDK's request shape, counts events
// by the harness sequence number (properties.seq) and injects faults.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { Socket } from 'node:net'
import { promisify } from 'node:util'
import { gunzip } from 'node:zlib'

const gunzipAsync = promisify(gunzip)

/** Fault scenarios of the benchmark. */
export type Scenario = 'healthy' | 'err500' | 'down3s'

/** Options of {@link Sink}. */
export interface SinkOptions {
  /** Events the run sends; sequence numbers are 0 … expected − 1. */
  expected: number
  /** Fraction of requests answered 500. */
  errorRate: number
  /** Seed of the deterministic fault draw. */
  seed?: number
}

/** Counters of one run. */
export interface SinkReport {
  unique: number
  duplicates: number
  requests: number
  answered500: number
  maxConnections: number
  /** Epoch ms when the last missing event arrived, or undefined when some never did. */
  completeAt: number | undefined
  /** Epoch ms of the last accepted event. */
  lastAcceptedAt: number | undefined
  bytesReceived: number
}

/** Collects `properties.seq` of every event object found in a decoded body. */
function collectSeqs(value: unknown, out: number[]): void {
  if (Array.isArray(value)) {
    for (const item of value) collectSeqs(item, out)
    return
  }
  if (typeof value !== 'object' || value === null) return
  const record = value as Record<string, unknown>
  const properties = record.properties as Record<string, unknown> | undefined
  if (properties && typeof properties.seq === 'number') {
    out.push(properties.seq)
    return
  }
  for (const key in record) {
    const child = record[key]
    if (typeof child === 'object' && child !== null) collectSeqs(child, out)
  }
}

/** Decodes a body: gzip (by header or magic bytes), JSON, or Mixpanel's base64 `data=`. */
async function decode(req: IncomingMessage, raw: Buffer): Promise<unknown> {
  let buffer = raw
  if (req.headers['content-encoding'] === 'gzip' || (raw[0] === 0x1f && raw[1] === 0x8b)) {
    buffer = await gunzipAsync(raw)
  }
  const url = new URL(req.url ?? '/', 'http://sink')
  let text = buffer.toString('utf8')
  const data =
    url.searchParams.get('data') ??
    (text.startsWith('data=') ? decodeURIComponent(text.slice(5)) : undefined)
  if (data !== undefined) text = Buffer.from(data, 'base64').toString('utf8')
  return text === '' ? undefined : JSON.parse(text)
}

/** The sink. `listen()` may be called late to simulate a collector that is down at first. */
export class Sink {
  readonly #options: SinkOptions
  readonly #counts: Uint8Array
  readonly #server: Server
  readonly #sockets = new Set<Socket>()
  #random: () => number
  #report: SinkReport = {
    unique: 0,
    duplicates: 0,
    requests: 0,
    answered500: 0,
    maxConnections: 0,
    completeAt: undefined,
    lastAcceptedAt: undefined,
    bytesReceived: 0,
  }

  constructor(options: SinkOptions) {
    this.#options = options
    this.#counts = new Uint8Array(options.expected)
    let state = options.seed ?? 42
    // Deterministic PRNG (mulberry32) so every SDK meets the same fault sequence.
    this.#random = () => {
      state = (state + 0x6d2b79f5) | 0
      let t = Math.imul(state ^ (state >>> 15), 1 | state)
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296
    }
    this.#server = createServer((req, res) => void this.#handle(req, res))
    this.#server.keepAliveTimeout = 5000
    this.#server.on('connection', (socket: Socket) => {
      this.#sockets.add(socket)
      this.#report.maxConnections = Math.max(this.#report.maxConnections, this.#sockets.size)
      socket.on('close', () => this.#sockets.delete(socket))
    })
  }

  get report(): SinkReport {
    return { ...this.#report }
  }

  /** Starts listening on 127.0.0.1 (`port` 0 picks a free one) and returns the port. */
  listen(port = 0): Promise<number> {
    return new Promise((resolve, reject) => {
      this.#server.once('error', reject)
      this.#server.listen(port, '127.0.0.1', () => {
        resolve((this.#server.address() as { port: number }).port)
      })
    })
  }

  close(): Promise<void> {
    for (const socket of this.#sockets) socket.destroy()
    return new Promise((resolve) => this.#server.close(() => resolve()))
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const raw = Buffer.concat(chunks)
    this.#report.requests++
    this.#report.bytesReceived += raw.length
    const mixpanel = (req.url ?? '').startsWith('/track')
    if (this.#random() < this.#options.errorRate) {
      this.#report.answered500++
      res.writeHead(500, { 'content-type': 'application/json' })
      res.end(mixpanel ? '0' : '{"error":"injected fault"}')
      return
    }
    let seqs: number[] = []
    try {
      collectSeqs(await decode(req, raw), (seqs = []))
    } catch {
      res.writeHead(400).end('{"error":"undecodable"}')
      return
    }
    const now = Date.now()
    for (const seq of seqs) {
      if (seq < 0 || seq >= this.#counts.length) continue
      if (this.#counts[seq] === 0) this.#report.unique++
      else this.#report.duplicates++
      this.#counts[seq] = Math.min(255, (this.#counts[seq] ?? 0) + 1)
    }
    if (seqs.length > 0) this.#report.lastAcceptedAt = now
    if (this.#report.unique === this.#options.expected && this.#report.completeAt === undefined) {
      this.#report.completeAt = now
    }
    res.writeHead(200, { 'content-type': mixpanel ? 'text/plain' : 'application/json' })
    res.end(mixpanel ? '1' : '{"success":true}')
  }
}
