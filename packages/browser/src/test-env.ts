// Minimal browser globals for unit tests in Node: enough DOM for the SDK, IndexedDB from fake-indexeddb.
import 'fake-indexeddb/auto'
import { IDBFactory } from 'fake-indexeddb'
import { HttpResponse, http } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, vi } from 'vitest'

/** Collector origin used by unit tests. */
export const HOST = 'https://collect.test'

/**
 * The msw server of a test file; tests add handlers. Trackers left over from earlier tests get
 * 503 from the fallback handler, so they only retry quietly.
 */
export const server = setupServer(
  http.post(`${HOST}/v1/batch`, () => new HttpResponse(null, { status: 503 })),
)

/** Runs {@link server} for the calling test file; each test ends with no handlers or stubbed globals. */
export function useServer(): void {
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
  afterEach(() => {
    server.resetHandlers()
    vi.unstubAllGlobals()
  })
  afterAll(() => server.close())
}

class MemoryStorage {
  private map = new Map<string, string>()
  get length() {
    return this.map.size
  }
  getItem(key: string) {
    return this.map.get(key) ?? null
  }
  setItem(key: string, value: string) {
    this.map.set(key, String(value))
  }
  removeItem(key: string) {
    this.map.delete(key)
  }
  clear() {
    this.map.clear()
  }
  key(i: number) {
    return [...this.map.keys()][i] ?? null
  }
}

/** Options of {@link installBrowser}. */
export interface BrowserEnvOptions {
  url?: string
  userAgent?: string
  online?: boolean
  indexedDB?: boolean
  nav?: Record<string, unknown>
}

/** Installs window, document, navigator, location, history, storage and a fresh IndexedDB. */
export function installBrowser(options: BrowserEnvOptions = {}) {
  const win = new EventTarget() as EventTarget & Record<string, unknown>
  const doc = new EventTarget() as EventTarget & Record<string, unknown>
  const jar = new Map<string, string>()
  let url = new URL(options.url ?? 'https://shop.example.com/products?utm_source=news&gclid=abc')
  const location = {
    get href() {
      return url.href
    },
    get pathname() {
      return url.pathname
    },
    get search() {
      return url.search
    },
    get protocol() {
      return url.protocol
    },
  }
  const go = (_state: unknown, _title: string, next?: string | URL | null) => {
    if (next != null) url = new URL(String(next), url)
  }
  const history = { pushState: go, replaceState: go }
  const navigator = {
    userAgent:
      options.userAgent ?? 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/130.0',
    language: 'en-US',
    onLine: options.online ?? true,
    ...options.nav,
  }
  Object.assign(doc, {
    title: 'Shop',
    referrer: 'https://search.example/',
    visibilityState: 'visible',
  })
  Object.defineProperty(doc, 'cookie', {
    get: () => [...jar].map(([k, v]) => `${k}=${v}`).join('; '),
    set(value: string) {
      const [pair] = value.split(';')
      const i = pair!.indexOf('=')
      const name = pair!.slice(0, i)
      if (/max-age=0(;|$)/.test(value)) jar.delete(name)
      else jar.set(name, pair!.slice(i + 1))
    },
  })
  const localStorage = new MemoryStorage()
  Object.assign(win, { localStorage, location, history, navigator, document: doc })
  vi.stubGlobal('window', win)
  vi.stubGlobal('document', doc)
  vi.stubGlobal('navigator', navigator)
  vi.stubGlobal('location', location)
  vi.stubGlobal('history', history)
  vi.stubGlobal('screen', { width: 1440, height: 900 })
  vi.stubGlobal('indexedDB', options.indexedDB === false ? undefined : new IDBFactory())
  return {
    win,
    doc,
    jar,
    localStorage,
    navigator,
    history,
    /** Goes offline or online, firing the event the SDK listens to. */
    setOnline(online: boolean) {
      navigator.onLine = online
      win.dispatchEvent(new Event(online ? 'online' : 'offline'))
    },
    /** Fires `pagehide`, as when the tab closes. */
    pagehide() {
      win.dispatchEvent(new Event('pagehide'))
    },
    /** Sends the popstate of a back navigation to `next`. */
    back(next: string) {
      url = new URL(next, url)
      win.dispatchEvent(new Event('popstate'))
    },
  }
}

/** A request the fake collector received. */
export interface ReceivedRequest {
  body: { batch: { messageId: string; event?: string }[]; writeKey?: string; sentAt?: string }
  headers: Headers
}

/**
 * Serves `{HOST}/v1/batch` through msw and records what arrives for one write key; `respond`
 * picks the answer (default 200).
 */
export function startCollector(
  writeKey: string,
  respond: (request: ReceivedRequest, n: number) => Response | Promise<Response> = () =>
    HttpResponse.json({ success: true }),
) {
  const requests: ReceivedRequest[] = []
  server.use(
    http.post(`${HOST}/v1/batch`, async ({ request }) => {
      const text = await request.clone().text()
      const body = JSON.parse(text) as ReceivedRequest['body']
      if (body.writeKey !== writeKey) return undefined
      const received = { body, headers: request.headers }
      requests.push(received)
      return respond(received, requests.length)
    }),
  )
  return {
    requests,
    /** Every message id received, in order, with repeats. */
    ids: () => requests.flatMap((r) => r.body.batch.map((m) => m.messageId)),
    /** Every event name received, in order, with repeats. */
    events: () => requests.flatMap((r) => r.body.batch.map((m) => m.event)),
    /** Each request's event names, comma-joined. */
    batches: () => requests.map((r) => r.body.batch.map((m) => m.event).join()),
  }
}
