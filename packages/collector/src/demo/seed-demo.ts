import {
  ConfigError,
  DeliveryError,
  MAX_BATCH_BYTES,
  isRetryableStatus,
  jsonByteLength,
  parseRetryAfter,
} from '@itinera/core'
import type { Collector } from '../collector.js'
import { registerDemoShopConfig } from '../web/demo-config.js'
import type { DemoMessage } from './demo-messages.js'
import { generateDemoMessages, type GenerateDemoOptions } from './generate-demo-messages.js'

/** Sends one batch of messages; resolves once they are acknowledged. */
export type DemoBatchSender = (batch: DemoMessage[]) => Promise<void>

/** Options for {@link seedDemo}. */
export interface SeedDemoOptions extends Partial<GenerateDemoOptions> {
  /** Collector base URL, e.g. `http://127.0.0.1:8787`; used with `writeKey` when `send` is absent. */
  url?: string
  /** Write key of the workspace to fill. */
  writeKey?: string
  /** Custom delivery, e.g. straight into an ingestion pipeline; replaces `url` and `writeKey`. */
  send?: DemoBatchSender
  /** Most messages per batch. @default 500 */
  batchSize?: number
  /** Attempts per batch when the collector answers 429 or 5xx. @default 5 */
  attempts?: number
  /** Called after each acknowledged batch. */
  onProgress?: (sent: number, total: number) => void
  /**
   * The collector serving the demo shop: when given with `writeKey`, the shop at `/demo/` is
   * pointed at the seeded workspace, so a visitor's own journey lands beside the generated ones.
   */
  collector?: Pick<Collector, 'route'>
  /** Where to report progress (stderr) and the summary (stdout), e.g. the CLI's streams. */
  io?: { stdout: { write(text: string): unknown }; stderr: { write(text: string): unknown } }
}

/** What {@link seedDemo} sent. */
export interface SeedDemoSummary {
  profiles: number
  messages: number
  batches: number
}

/** Posts a batch to `{url}/v1/batch` with the write key as Basic auth, like any Segment client. */
export function createHttpBatchSender(url: string, writeKey: string): DemoBatchSender {
  const endpoint = new URL('/v1/batch', url).toString()
  const authorization = `Basic ${Buffer.from(`${writeKey}:`).toString('base64')}`
  return async (batch) => {
    const response = await fetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization },
      body: JSON.stringify({ batch, sentAt: new Date().toISOString() }),
    })
    if (!response.ok) {
      const detail = await response.text()
      const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), Date.now())
      throw new DeliveryError(
        `the collector answered ${response.status} to a demo batch: ${detail.slice(0, 300)}`,
        {
          status: response.status,
          retryable: isRetryableStatus(response.status),
          ...(retryAfterMs ? { retryAfterMs } : {}),
        },
      )
    }
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

async function sendWithRetry(send: DemoBatchSender, batch: DemoMessage[], attempts: number) {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await send(batch)
      return
    } catch (error) {
      if (!(error instanceof DeliveryError) || !error.retryable || attempt >= attempts) throw error
      await sleep(error.retryAfterMs ?? 200 * 2 ** attempt)
    }
  }
}

/** Splits messages into batches under the message count and the 500 KB body limit. */
export function toBatches(messages: readonly DemoMessage[], maxMessages: number): DemoMessage[][] {
  const limit = MAX_BATCH_BYTES - 4096
  const batches: DemoMessage[][] = []
  let current: DemoMessage[] = []
  let bytes = 0
  for (const message of messages) {
    const size = jsonByteLength(message) + 1
    if (current.length > 0 && (current.length >= maxMessages || bytes + size > limit)) {
      batches.push(current)
      current = []
      bytes = 0
    }
    current.push(message)
    bytes += size
  }
  if (current.length > 0) batches.push(current)
  return batches
}

/**
 * Fills a workspace with the demo dataset ({@link generateDemoMessages}) through the collector's
 * normal ingestion path. Message ids are derived from the seed, so seeding twice stores nothing new.
 *
 * @example
 * await seedDemo({ url: 'http://127.0.0.1:8787', writeKey, profiles: 3000 })
 */
export async function seedDemo(options: SeedDemoOptions): Promise<SeedDemoSummary> {
  const send =
    options.send ??
    (options.url && options.writeKey
      ? createHttpBatchSender(options.url, options.writeKey)
      : undefined)
  if (!send) throw new ConfigError('seedDemo needs `send`, or `url` and `writeKey`')
  if (options.collector && options.writeKey) {
    registerDemoShopConfig(options.collector, { writeKey: options.writeKey })
  }
  const dataset = generateDemoMessages({ ...options, now: options.now ?? Date.now() })
  const batches = toBatches(dataset.messages, options.batchSize ?? 500)
  const total = dataset.messages.length
  options.io?.stderr.write(`Seeding ${dataset.profiles} demo profiles (${total} messages)…\n`)
  let sent = 0
  let reported = 0
  for (const batch of batches) {
    await sendWithRetry(send, batch, options.attempts ?? 5)
    sent += batch.length
    options.onProgress?.(sent, total)
    if (options.io && (sent - reported >= total / 10 || sent === total)) {
      reported = sent
      options.io.stderr.write(`  ${Math.round((sent / total) * 100)}% (${sent}/${total})\n`)
    }
  }
  options.io?.stdout.write(
    `Seeded ${dataset.profiles} demo profiles with ${total} messages. ` +
      `Explorer: ${options.url ?? ''}/  demo shop: ${options.url ?? ''}/demo/\n`,
  )
  return { profiles: dataset.profiles, messages: total, batches: batches.length }
}
