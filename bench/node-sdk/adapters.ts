// One adapter per SDK: default settings, only what is needed to reach the sink changed.
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

/** A client driven by the child process. */
export interface Adapter {
  version: string
  /** Sends event number `seq`; resolves only when the SDK asked the caller to wait. */
  track(seq: number): void | Promise<void>
  /** The SDK's documented way to deliver everything and stop. */
  drain(): Promise<void>
  /** Failures the SDK reported to the app. */
  errors(): number
  extra?(): Record<string, unknown>
}

const require = createRequire(import.meta.url)
/** Installed version of a package, found next to its entry (some packages do not export package.json). */
function versionOf(name: string): string {
  for (let dir = dirname(require.resolve(name)); dir !== dirname(dir); dir = dirname(dir)) {
    const file = join(dir, 'package.json')
    if (!existsSync(file)) continue
    const manifest = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version: string }
    if (manifest.name === name) return manifest.version
  }
  return '?'
}

const NOTE = 'padding so that one event is about 400 bytes of JSON, like a real order event'

/** The properties of event `seq`: 8 properties, about 400 bytes serialized. */
export function propertiesOf(seq: number) {
  return {
    seq,
    orderId: `order-${seq}`,
    total: 129.99,
    currency: 'EUR',
    coupon: 'SPRING24',
    items: 3,
    shipping: 'express',
    note: NOTE,
  }
}

const userOf = (seq: number) => `user-${seq % 1000}`

async function itinera(host: string): Promise<Adapter> {
  const { Analytics, VERSION } = await import('@itinera/node')
  const analytics = new Analytics({ writeKey: 'bench', host })
  let errors = 0
  let backpressureWaits = 0
  analytics.on('error', () => errors++)
  return {
    version: VERSION,
    track(seq) {
      const params = {
        userId: userOf(seq),
        event: 'Order Completed',
        properties: propertiesOf(seq),
      }
      if (analytics.track(params)) return
      // Documented backpressure: a full queue refuses the newest call; wait, then call again.
      backpressureWaits++
      return analytics.flush().then(() => {
        analytics.track(params)
      })
    },
    drain: () => analytics.close({ timeout: 600_000 }),
    errors: () => errors - analytics.stats.dropped.queue_full,
    extra: () => ({ backpressureWaits, stats: analytics.stats }),
  }
}

async function segment(host: string): Promise<Adapter> {
  const { Analytics } = await import('@segment/analytics-node')
  const analytics = new Analytics({ writeKey: 'bench', host })
  let errors = 0
  analytics.on('error', () => errors++)
  return {
    version: versionOf('@segment/analytics-node'),
    track: (seq) =>
      analytics.track({
        userId: userOf(seq),
        event: 'Order Completed',
        properties: propertiesOf(seq),
      }),
    drain: () => analytics.closeAndFlush({ timeout: 600_000 }),
    errors: () => errors,
  }
}

async function posthog(host: string): Promise<Adapter> {
  const { PostHog } = await import('posthog-node')
  const client = new PostHog('phc_bench', { host })
  let errors = 0
  client.on('error', () => errors++)
  return {
    version: versionOf('posthog-node'),
    track: (seq) => {
      client.capture({
        distinctId: userOf(seq),
        event: 'Order Completed',
        properties: propertiesOf(seq),
      })
    },
    drain: () => client.shutdown(),
    errors: () => errors,
  }
}

async function rudderstack(host: string): Promise<Adapter> {
  const { default: Analytics } = (await import('@rudderstack/rudder-sdk-node')) as unknown as {
    default: new (
      key: string,
      options: Record<string, unknown>,
    ) => {
      track(message: Record<string, unknown>, callback?: (error?: Error) => void): void
      flush(): Promise<unknown>
      queue: unknown[]
    }
  }
  let errors = 0
  const client = new Analytics('bench', { dataPlaneUrl: host, errorHandler: () => errors++ })
  return {
    version: versionOf('@rudderstack/rudder-sdk-node'),
    track: (seq) =>
      client.track({
        userId: userOf(seq),
        event: 'Order Completed',
        properties: propertiesOf(seq),
      }),
    async drain() {
      // No close API; one flush() sends at most flushAt events, so repeat while anything is queued.
      do await client.flush().catch(() => errors++)
      while (client.queue.length > 0)
    },
    errors: () => errors,
  }
}

async function mixpanel(host: string): Promise<Adapter> {
  const { default: Mixpanel } = (await import('mixpanel')) as unknown as {
    default: {
      init(
        token: string,
        options: Record<string, unknown>,
      ): { track(event: string, props: object, cb: (error?: Error) => void): void }
    }
  }
  const url = new URL(host)
  const client = Mixpanel.init('bench', { host: url.host, protocol: 'http' })
  let errors = 0
  let pending = 0
  let settled: (() => void) | undefined
  return {
    version: versionOf('mixpanel'),
    track(seq) {
      pending++
      client.track(
        'Order Completed',
        { distinct_id: userOf(seq), ...propertiesOf(seq) },
        (error) => {
          if (error) errors++
          if (--pending === 0) settled?.()
        },
      )
    },
    // No queue and no drain API: wait for every track() callback.
    drain: () =>
      pending === 0 ? Promise.resolve() : new Promise<void>((resolve) => (settled = resolve)),
    errors: () => errors,
  }
}

/** The latest call of {@link harnessAlone}, kept so the calls are really built. */
export let lastCall: unknown

/**
 * No SDK: the same calls are built as for the SDKs and dropped. Its peak RSS is what the harness
 * itself costs: the event loop, the IPC channel and the garbage of a million events. The
 * decimal `order-${seq}` strings make most of it: the same loop with base-36 strings peaked 26
 * MB lower (docs/benchmarks.md, run 11; V8's number-to-string cache is the likely cause).
 */
function harnessAlone(): Promise<Adapter> {
  return Promise.resolve({
    version: process.version,
    track(seq) {
      lastCall = { userId: userOf(seq), event: 'Order Completed', properties: propertiesOf(seq) }
    },
    drain: () => Promise.resolve(),
    errors: () => 0,
  })
}

/** The SDKs of the benchmark, by name; `none` is the harness alone. */
export const ADAPTERS: Record<string, (host: string) => Promise<Adapter>> = {
  none: harnessAlone,
  itinera,
  segment,
  posthog,
  rudderstack,
  mixpanel,
}
