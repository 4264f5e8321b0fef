import {
  ConfigError,
  ItineraError,
  MAX_MESSAGE_BYTES,
  ValidationError,
  jsonByteLength,
} from '@itinera/core'
import { isObject, pageArgs, trailing } from './args'
import { hasOptOutSignal } from './consent/privacy-signals'
import { isBot } from './context/bot'
import { createContextBuilder } from './context/context'
import { watchNavigation } from './context/navigation'
import { pageContext } from './context/page'
import { createSession } from './context/session'
import { attachConsole } from './debug'
import { createEmitter } from './emitter'
import { isBrowser } from './env'
import { createIdentity } from './identity/identity'
import { createPluginHost } from './plugins/plugins'
import { openIdbOutbox } from './storage/idb-outbox'
import { createMemoryOutbox } from './storage/outbox'
import { createDelivery } from './transport/delivery'
import type {
  Analytics,
  AnalyticsOptions,
  BrowserMessage,
  BrowserMessageType,
  CallOptions,
  Callback,
  JsonObject,
} from './types'
import { uuid } from './uuid'

let replayTime: number | undefined

/** Runs `fn` as if it were called at `time` (ms): the snippet replays buffered calls this way. */
export function atTime<T>(time: number | undefined, fn: () => T): T {
  replayTime = time
  try {
    return fn()
  } finally {
    replayTime = undefined
  }
}

const noop = () => Promise.resolve(undefined)

/**
 * Creates a tracker. Safe to call during server-side rendering: outside a browser it returns a
 * tracker that does nothing.
 *
 * @example
 * ```ts
 * const analytics = createAnalytics({ writeKey: 'wk_123', host: 'https://collect.example.com' })
 * analytics.identify('user-1', { plan: 'pro' })
 * analytics.track('Order Completed', { total: 42 })
 * ```
 * @throws {ConfigError} when `writeKey` is missing.
 */
export function createAnalytics(options: AnalyticsOptions): Analytics {
  if (!options || typeof options.writeKey !== 'string' || !options.writeKey) {
    throw new ConfigError('createAnalytics needs a writeKey', [
      { path: 'writeKey', message: 'required' },
    ])
  }
  const o = options
  const emitter = createEmitter()
  if (o.debug) attachConsole(emitter)
  const browser = isBrowser()
  if (!browser) {
    return {
      track: noop,
      identify: noop,
      page: noop,
      group: noop,
      alias: noop,
      reset() {},
      user: () => ({ anonymousId: '', userId: undefined, traits: {} }),
      flush: () => Promise.resolve(),
      use: () => Promise.resolve(),
      setConsent() {},
      on: emitter.on,
    }
  }

  const consent = o.consent ?? {}
  const required = consent.required ?? []
  const granted: Record<string, boolean> = { ...consent.granted }
  const allGranted = (categories: string[]) => categories.every((c) => granted[c])
  const active =
    !hasOptOutSignal(o.honorGpc ?? false, o.honorDnt ?? false) &&
    (o.allowBots || !isBot(navigator.userAgent))
  let allowed = allGranted(required)
  let held: [BrowserMessage, number][] = []

  const identity = createIdentity(o.cookieDomain, active && allowed)
  const buildContext = createContextBuilder(createSession(() => active && allowed))
  const plugins = createPluginHost(emitter)
  const caps = {
    maxMessages: o.maxOutboxMessages ?? 10_000,
    maxBytes: o.maxOutboxBytes ?? 5 * 1024 * 1024,
  }
  const fallback = () => {
    emitter.emit('warning', 'no IndexedDB: messages kept in memory')
    return createMemoryOutbox(caps)
  }
  const opening = active
    ? (typeof indexedDB === 'undefined'
        ? Promise.reject(new Error('no IndexedDB'))
        : openIdbOutbox(`itinera_${o.writeKey}`, caps)
      ).catch(fallback)
    : Promise.resolve(createMemoryOutbox(caps))
  const delivery = createDelivery(o, caps, opening, emitter)
  delivery.enable(active && allowed)

  const invalid = (message: string, path = '') => {
    emitter.emit('error', new ValidationError([{ path, message }]))
    return undefined
  }

  const store = async (message: BrowserMessage, bytes: number) => {
    await delivery.enqueue(message, bytes)
    emitter.emit('message', message)
    plugins.deliver(message, allGranted)
  }

  let chain: Promise<unknown> = Promise.resolve()

  const dispatch = (
    type: BrowserMessageType,
    fields: Partial<BrowserMessage>,
    opts: CallOptions,
    callback: Callback | undefined,
  ): Promise<BrowserMessage | undefined> => {
    const now = replayTime ?? Date.now()
    const run = async (): Promise<BrowserMessage | undefined> => {
      if (!active || (!allowed && consent.pending === 'drop')) return undefined
      const { anonymousId, userId } = identity.get()
      const context: JsonObject = { ...buildContext(now), ...opts.context }
      if (Object.keys(granted).length) context.consent = { categoryPreferences: { ...granted } }
      const draft: BrowserMessage = {
        type,
        messageId: uuid(),
        timestamp: new Date(opts.timestamp ?? now).toISOString(),
        anonymousId: opts.anonymousId ?? anonymousId,
        ...(userId !== undefined && { userId }),
        ...fields,
        context,
        ...(opts.integrations && { integrations: opts.integrations }),
      }
      // Enrichment may be async; chaining it keeps messages in call order up to the outbox,
      // without waiting for one message's IndexedDB write before the next.
      const enriched = chain.then(() => plugins.enrich(draft))
      chain = enriched.catch(() => undefined)
      const message = await enriched
      if (!message) return undefined
      const bytes = jsonByteLength(message)
      if (bytes > MAX_MESSAGE_BYTES) {
        return invalid(`message is ${bytes} bytes; the limit is ${MAX_MESSAGE_BYTES}`)
      }
      if (allowed) await store(message, bytes)
      else held.push([message, bytes])
      return message
    }
    const result = run().then(
      (message) => {
        callback?.(message)
        return message
      },
      (error: unknown) => {
        emitter.emit(
          'error',
          error instanceof ItineraError
            ? error
            : new ItineraError('internal', String(error), { cause: error }),
        )
        callback?.(undefined)
        return undefined
      },
    )
    return result
  }

  const reject = (callback: Callback | undefined, message: string, path: string) => {
    invalid(message, path)
    callback?.(undefined)
    return Promise.resolve(undefined)
  }

  const analytics: Analytics = {
    track(event, properties, ...rest) {
      const { options: opts, callback } = trailing(
        ...rest,
        typeof properties === 'function' ? properties : undefined,
      )
      if (typeof event !== 'string' || !event.trim()) {
        return reject(callback, 'track needs an event name', 'event')
      }
      if (properties != null && typeof properties !== 'function' && !isObject(properties)) {
        return reject(callback, 'must be an object', 'properties')
      }
      const props = isObject(properties) ? properties : {}
      return dispatch('track', { event, properties: props }, opts, callback)
    },
    identify(id, traits, ...rest) {
      const userId = isObject(id) || id == null ? undefined : String(id)
      const t = isObject(id) ? id : isObject(traits) ? traits : undefined
      const { options: opts, callback } = isObject(id)
        ? trailing(traits, ...rest)
        : trailing(...rest, typeof traits === 'function' ? traits : undefined)
      identity.setUser(userId, t)
      return dispatch('identify', { traits: identity.get().traits }, opts, callback)
    },
    page(...args) {
      const { category, name, properties, options: opts, callback } = pageArgs(args)
      return dispatch(
        'page',
        {
          ...(category && { category }),
          ...(name && { name }),
          properties: { ...pageContext(), ...(name && { name }), ...properties },
        },
        opts,
        callback,
      )
    },
    group(groupId, traits, ...rest) {
      const { options: opts, callback } = trailing(...rest)
      if (typeof groupId !== 'string' && typeof groupId !== 'number') {
        return reject(callback, 'group needs a groupId', 'groupId')
      }
      return dispatch(
        'group',
        { groupId: String(groupId), traits: isObject(traits) ? traits : {} },
        opts,
        callback,
      )
    },
    alias(userId, previousId, ...rest) {
      const { options: opts, callback } = trailing(
        ...rest,
        typeof previousId === 'string' ? undefined : previousId,
      )
      if (typeof userId !== 'string' || !userId)
        return reject(callback, 'alias needs a userId', 'userId')
      const { userId: current, anonymousId } = identity.get()
      const from = typeof previousId === 'string' ? previousId : (current ?? anonymousId)
      return dispatch('alias', { userId, previousId: from }, opts, callback)
    },
    reset: () => identity.reset(),
    user: () => identity.get(),
    flush: () => delivery.flush(),
    use: (plugin) => plugins.add(plugin, analytics),
    setConsent(categories) {
      Object.assign(granted, categories)
      const now = allGranted(required)
      if (now === allowed) return
      allowed = now
      identity.persist(active && now)
      delivery.enable(active && now)
      if (now) {
        const release = held
        held = []
        for (const [message, bytes] of release) void store(message, bytes)
      } else {
        held = []
        void delivery.clear()
      }
    },
    on: emitter.on,
  }

  for (const plugin of o.plugins ?? []) void analytics.use(plugin)
  if (active && (o.trackPages ?? true)) {
    // After the caller's first synchronous calls (and the snippet's replay), so an identify
    // made at start-up already applies to the first page view.
    queueMicrotask(() => void analytics.page())
    watchNavigation(() => void analytics.page())
  }
  window.addEventListener('pagehide', () => delivery.exit(true))
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') delivery.exit(false)
  })
  return analytics
}
