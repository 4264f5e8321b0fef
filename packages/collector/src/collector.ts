import { MAX_BATCH_BYTES, MAX_BATCH_MESSAGES, MAX_MESSAGE_BYTES } from '@itinera/core'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { registerProfileApi } from './api/index.js'
import { defaultDemoDirectory, defaultSdkFile, defaultWebDirectory } from './default-paths.js'
import { Authenticator } from './http/auth.js'
import { parseJson, readBody } from './http/body.js'
import type { CollectorContext } from './http/context.js'
import { HttpError } from './http/http-error.js'
import { RateLimiter, type RateLimitOptions } from './http/rate-limit.js'
import { errorBody, sendJson } from './http/respond.js'
import { Router, type HttpMethod, type RouteHandler } from './http/router.js'
import { sendFile, sendFromDirectory } from './http/static-files.js'
import { IngestPipeline } from './ingest/ingest-pipeline.js'
import { registerIngestRoutes, type IngestRouteDeps } from './ingest/ingest-routes.js'
import { AMPLITUDE_CORS_PATHS, registerAmplitudeRoutes } from './ingest/amplitude-routes.js'
import { POSTHOG_CORS_PATHS, registerPostHogRoutes } from './ingest/posthog-routes.js'
import { Projector, type ProjectorOptions } from './projection/projector.js'
import { openStore } from './storage/open-store.js'
import type { CollectorStore } from './storage/types.js'

/** Request limits. */
export interface CollectorLimits {
  /** Largest message in bytes. @default 32768 */
  maxMessageBytes?: number
  /** Largest request body in bytes (after gzip). @default 512000 */
  maxBatchBytes?: number
  /** Most messages per request. @default 2500 */
  maxBatchMessages?: number
}

/** Options for {@link createCollector}. */
export interface CollectorOptions {
  /** A store to use; when absent, the database `db` names is opened. */
  store?: CollectorStore
  /**
   * A SQLite database file, or a PostgreSQL database as a `postgres://user:password@host:5432/db`
   * URL. @default './.itinera/itinera.db'
   */
  db?: string
  limits?: CollectorLimits
  /** Per-key rate limit, or `false` for none. @default { requestsPerSecond: 2000 } */
  rateLimit?: RateLimitOptions | false
  /** Served at `/`; `false` disables. @default packages/collector/src/web/public when present */
  webDirectory?: string | false
  /** Served at `/demo/`; `false` disables. @default examples/demo-shop/public when present */
  demoDirectory?: string | false
  /** Served at `/sdk/itinera.min.js`. @default packages/browser/dist/itinera.min.js when built */
  sdkFile?: string | false
  /** Receives unexpected errors (answered as 500 without details). @default ignore */
  onError?: (error: unknown) => void
  /** Identity and journey projection settings (delay, stage model). */
  projection?: Omit<ProjectorOptions, 'onError'>
  /**
   * The collector's address as browsers reach it (behind a proxy, the proxy's), given to
   * third-party browser SDKs in their settings. @default taken from each request's Host and scheme
   */
  publicUrl?: string
}

/** A listening collector server. */
export interface RunningServer {
  /** Base URL, e.g. `http://127.0.0.1:8787`. */
  url: string
  port: number
  server: Server
  /** Stops accepting connections and waits for open ones to finish. */
  close(): Promise<void>
}

/** The collector: ingestion pipeline, store and HTTP routes, ready to listen. */
export interface Collector {
  readonly store: CollectorStore
  readonly pipeline: IngestPipeline
  /** Identity graphs and derived profile rows. */
  readonly projector: Projector
  /** Recomputes derived rows from the raw messages (one workspace, or all). */
  rebuild(workspaceId?: string): Promise<{ profiles: number; messages: number }>
  /**
   * Adds a route answered before static files, e.g.
   * `route('GET', '/v1/profiles/:ref', async (ctx) => ({ ... }))`.
   */
  route(method: HttpMethod, pattern: string, handler: RouteHandler<CollectorContext>): void
  /** Serves a directory under a path prefix (`/demo/`), after every route. */
  serveStatic(prefix: string, directory: string): void
  /** Node request listener, for use with any `http.Server`. */
  readonly handler: (req: IncomingMessage, res: ServerResponse) => void
  /** Starts an HTTP server. @default port 8787, host '127.0.0.1' */
  listen(options?: { port?: number; host?: string }): Promise<RunningServer>
  /** Closes the servers it started and the store. */
  close(): Promise<void>
}

/** The public URL given in options: absolute http(s) with a host, else a TypeError. */
export function parsePublicUrl(value: string): URL {
  const url = URL.canParse(value) ? new URL(value) : undefined
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.host === '') {
    throw new TypeError(
      `publicUrl ${JSON.stringify(value)} is not an http(s) URL with a host, such as https://cdp.example.com`,
    )
  }
  return url
}

/**
 * Paths browsers call across origins: the API, RudderStack's beacons and source configuration,
 * Jitsu's `/api/s/*` (its `X-Write-Key` header makes every call preflighted), posthog-js'
 * event paths and configuration, and Amplitude's HTTP API and remote configuration.
 */
const CORS_PATHS = /^\/(v1\/|beacon\/v1\/|sourceConfig\/?$|api\/s\/)/
const isCorsPath = (path: string) =>
  CORS_PATHS.test(path) || POSTHOG_CORS_PATHS.test(path) || AMPLITUDE_CORS_PATHS.test(path)

const PREFLIGHT_HEADERS = {
  'access-control-allow-methods': 'POST, OPTIONS',
  'access-control-max-age': '86400',
}

/**
 * Creates a collector over a store (SQLite by default; PostgreSQL when `db` is a URL).
 *
 * @example
 * const collector = await createCollector({ db: './.itinera/itinera.db' })
 * const { url } = await collector.listen({ port: 0 })
 */
export async function createCollector(options: CollectorOptions = {}): Promise<Collector> {
  const store = options.store ?? (await openStore(options.db ?? './.itinera/itinera.db'))
  const limits = {
    maxMessageBytes: options.limits?.maxMessageBytes ?? MAX_MESSAGE_BYTES,
    maxBatchBytes: options.limits?.maxBatchBytes ?? MAX_BATCH_BYTES,
    maxBatchMessages: options.limits?.maxBatchMessages ?? MAX_BATCH_MESSAGES,
  }
  const onError = options.onError ?? (() => undefined)
  const limiter = new RateLimiter(
    options.rateLimit === false
      ? { requestsPerSecond: Number.POSITIVE_INFINITY, burst: Number.POSITIVE_INFINITY }
      : options.rateLimit,
  )
  const auth = new Authenticator(store, limiter)
  const pipeline = new IngestPipeline(store, limits)
  const projector = new Projector(store, { ...options.projection, onError })
  pipeline.onStored((workspaceId, stored) => projector.enqueue(workspaceId, stored))
  if (options.projection?.loadOnStart !== false) await projector.start()
  const routes = new Router<CollectorContext>()
  const statics = new Router<CollectorContext>()
  const servers = new Set<Server>()

  routes.add('GET', '/health', () => ({ status: 'ok' }))
  const ingestDeps: IngestRouteDeps = {
    pipeline,
    maxBatchBytes: limits.maxBatchBytes,
    maxMessageBytes: limits.maxMessageBytes,
    authenticateWrite: (ctx, body) => auth.writeKey(ctx.req, body),
    workspaceOfWriteKey: (writeKey) => auth.writeKeyInPath(writeKey),
    publicUrl: options.publicUrl ? parsePublicUrl(options.publicUrl) : undefined,
    onError,
  }
  registerIngestRoutes(routes, ingestDeps)
  registerPostHogRoutes(routes, ingestDeps)
  registerAmplitudeRoutes(routes, ingestDeps)
  registerProfileApi(routes, {
    store,
    pipeline,
    projector,
    journey: options.projection?.journey,
    onError,
  })

  const serveStatic = (prefix: string, directory: string) => {
    const base = prefix.endsWith('/') ? prefix : `${prefix}/`
    statics.add('GET', `${base}*`, (ctx) => sendFromDirectory(ctx, directory))
  }
  const webDirectory = options.webDirectory ?? defaultWebDirectory()
  const demoDirectory = options.demoDirectory ?? defaultDemoDirectory()
  const sdkFile = options.sdkFile ?? defaultSdkFile()
  if (sdkFile) routes.add('GET', '/sdk/itinera.min.js', (ctx) => sendFile(ctx, sdkFile))
  if (demoDirectory) serveStatic('/demo/', demoDirectory)
  if (webDirectory) serveStatic('/', webDirectory)

  const handler = (req: IncomingMessage, res: ServerResponse) => {
    void dispatch(req, res).catch((error: unknown) => {
      if (error instanceof HttpError) {
        sendJson(res, error.status, errorBody(error.reason, error.message), error.headers)
        return
      }
      onError(error)
      sendJson(res, 500, errorBody('internal', 'the collector could not handle this request'))
    })
  }

  const dispatch = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://collector.local')
    const method = req.method ?? 'GET'
    const origin = req.headers.origin
    if (origin && isCorsPath(url.pathname)) {
      res.setHeader('access-control-allow-origin', origin)
      res.setHeader('vary', 'origin')
      if (method === 'OPTIONS') {
        res.writeHead(204, {
          ...PREFLIGHT_HEADERS,
          'access-control-allow-headers':
            req.headers['access-control-request-headers'] ??
            'content-type, authorization, content-encoding',
        })
        res.end()
        return
      }
    }
    let match = routes.match(method, url.pathname)
    if (match.kind === 'not_found') match = statics.match(method, url.pathname)
    if (match.kind === 'not_found')
      throw new HttpError(404, 'not_found', `no route for ${method} ${url.pathname}`)
    if (match.kind === 'method_not_allowed') {
      throw new HttpError(
        405,
        'method_not_allowed',
        `${url.pathname} answers ${match.allowed.join(', ')}`,
        {
          allow: match.allowed.join(', '),
        },
      )
    }
    const ctx: CollectorContext = {
      req,
      res,
      url,
      params: match.params,
      json: async (opts) =>
        parseJson(await readBody(req, { maxBytes: opts?.maxBytes ?? limits.maxBatchBytes })),
      authenticateSecret: () => auth.secretKey(req),
    }
    const result: unknown = await match.handler(ctx)
    if (!res.headersSent && !res.writableEnded) {
      if (result === undefined) {
        res.writeHead(204)
        res.end()
      } else sendJson(res, 200, result)
    }
  }

  const collector: Collector = {
    store,
    pipeline,
    projector,
    rebuild: (workspaceId) => projector.rebuild(workspaceId),
    handler,
    route: (method, pattern, routeHandler) => routes.add(method, pattern, routeHandler),
    serveStatic,
    listen: ({ port = 8787, host = '127.0.0.1' } = {}) =>
      new Promise((resolve, reject) => {
        const server = createServer({ keepAliveTimeout: 65_000 }, handler)
        server.once('error', reject)
        server.listen(port, host, () => {
          servers.add(server)
          const address = server.address() as AddressInfo
          const shownHost = host.includes(':') ? `[${host}]` : host
          resolve({
            url: `http://${shownHost}:${address.port}`,
            port: address.port,
            server,
            close: () => closeServer(server, servers),
          })
        })
      }),
    close: async () => {
      await Promise.all([...servers].map((server) => closeServer(server, servers)))
      await projector.close()
      await store.close()
    },
  }
  return collector
}

function closeServer(server: Server, servers: Set<Server>): Promise<void> {
  servers.delete(server)
  return new Promise((resolve) => {
    // In-flight requests get a moment to finish (and be acknowledged) before sockets are cut.
    const force = setTimeout(() => server.closeAllConnections(), 1000)
    force.unref()
    server.close(() => {
      clearTimeout(force)
      resolve()
    })
    server.closeIdleConnections()
  })
}

/** Creates a collector and starts listening. @default port 8787 */
export async function startServer(
  options: CollectorOptions & { port?: number; host?: string } = {},
): Promise<{ collector: Collector; server: RunningServer }> {
  const collector = await createCollector(options)
  const server = await collector.listen({ port: options.port, host: options.host })
  return { collector, server }
}
