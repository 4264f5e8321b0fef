// A collector-like loopback server for browser tests: serves the page and the bundle, accepts
// `/v1/batch`, counts every message id it acknowledged, and injects faults on demand.
import { createServer, type IncomingMessage } from 'node:http'
import { closeNow, listenOnLoopback } from '@itinera/test-utils/loopback'

/** Faults the server injects into `/v1/batch`. */
export interface Faults {
  /** Answer 500 until this time (ms since epoch). */
  failUntil?: number
  /** Hold each batch this long before answering (and counting). */
  holdMs?: number
}

/** A received message, as counted. */
export interface Counted {
  event?: string
  type: string
  userId?: string
  timestamp: string
}

/** Options of {@link startLoopbackCollector}. */
export interface LoopbackOptions {
  /** The script-tag bundle served at `/itinera.min.js`. */
  bundle: string
  /** HTML served for any other GET. */
  html: (path: string) => string
  /** Extra response headers of the HTML page, such as a Content-Security-Policy. */
  pageHeaders?: Record<string, string>
  /** Delay before serving the bundle, so inline snippets buffer calls first. */
  bundleDelayMs?: number
}

const read = async (req: IncomingMessage) => {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}

/** Starts the server on 127.0.0.1 and an ephemeral port. */
export async function startLoopbackCollector(options: LoopbackOptions) {
  const counts = new Map<string, number>()
  const messages = new Map<string, Counted>()
  const faults: Faults = {}
  let requests = 0
  let failures = 0
  let unauthenticated = 0
  const server = createServer((req, res) => {
    void (async () => {
      const path = req.url ?? '/'
      if (req.method === 'POST' && path === '/v1/batch') {
        requests++
        const text = await read(req)
        const body = JSON.parse(text) as {
          batch: (Counted & { messageId: string })[]
          writeKey?: string
        }
        if (!req.headers.authorization && !body.writeKey) {
          unauthenticated++
          res.writeHead(401).end()
          return
        }
        if (faults.failUntil && Date.now() < faults.failUntil) {
          failures++
          res.writeHead(500).end()
          return
        }
        if (faults.holdMs) await new Promise((r) => setTimeout(r, faults.holdMs))
        // Counted when acknowledged, as a collector that commits before answering.
        for (const m of body.batch) {
          counts.set(m.messageId, (counts.get(m.messageId) ?? 0) + 1)
          messages.set(m.messageId, m)
        }
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"success":true}')
        return
      }
      if (path === '/itinera.min.js') {
        if (options.bundleDelayMs) await new Promise((r) => setTimeout(r, options.bundleDelayMs))
        res.writeHead(200, { 'content-type': 'text/javascript' }).end(options.bundle)
        return
      }
      if (path === '/favicon.ico') {
        res.writeHead(404).end()
        return
      }
      res
        .writeHead(200, { 'content-type': 'text/html', ...options.pageHeaders })
        .end(options.html(path))
    })()
  })
  const port = await listenOnLoopback(server)
  return {
    url: `http://127.0.0.1:${port}`,
    faults,
    counts,
    messages,
    stats: () => ({ requests, failures, unauthenticated }),
    /** Message ids received more than once. */
    duplicates: () => [...counts].filter(([, n]) => n > 1).map(([id]) => id),
    close: () => closeNow(server),
  }
}

/** Polls `check` until it returns true; rejects with `what` after `timeoutMs`. */
export async function waitUntil(check: () => boolean, what: string, timeoutMs = 30_000) {
  const end = Date.now() + timeoutMs
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 50))
  }
}
