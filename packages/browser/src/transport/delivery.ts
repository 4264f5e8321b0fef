import { DeliveryError, MAX_BATCH_BYTES, backoffDelay } from '@itinera/core'
import type { Emitter } from '../emitter'
import { readJson, writeJson } from '../env'
import {
  createMemoryOutbox,
  type Outbox,
  type OutboxCaps,
  type OutboxRecord,
} from '../storage/outbox'
import type { AnalyticsOptions, BrowserMessage } from '../types'
import { uuid } from '../uuid'
import { classify } from './classify'
import { createLedger } from './ledger'
import { postBatch, type PostResult } from './post'

/** Stores messages and sends them until the server acknowledges them. */
export interface Delivery {
  /** `bytes`: the message's JSON size, measured once by the caller. */
  enqueue(message: BrowserMessage, bytes: number): Promise<void>
  flush(): Promise<void>
  /** Page is hidden (`leaving` false) or unloading: hand what is pending to the browser. */
  exit(leaving: boolean): void
  /** Pauses (false) or resumes sending, for consent. */
  enable(on: boolean): void
  clear(): Promise<void>
}

// Browsers cap the bytes of all in-flight keepalive requests of a page at 64 KiB.
const KEEPALIVE_BUDGET = 64_000
// A message handed to the browser at page exit counts as delivered once no answer can come back.
const HANDOFF_GRACE = 30_000
// `sentAt` plus a comma, added to each message at send time.
const SENT_AT_BYTES = 45
const ENVELOPE_BYTES = 200

/** Creates the delivery engine over an outbox that is still opening. */
export function createDelivery(
  o: AnalyticsOptions,
  caps: OutboxCaps,
  opening: Promise<Outbox>,
  emitter: Emitter,
): Delivery {
  const { writeKey } = o
  const url = `${(o.host ?? '').replace(/\/+$/, '')}/v1/batch`
  const flushAt = o.flushAt ?? 20
  const flushInterval = o.flushInterval ?? 2000
  const maxBatchSize = o.maxBatchSize ?? 100
  const maxBatchBytes = o.maxBatchBytes ?? MAX_BATCH_BYTES
  const retryBase = o.retryBaseDelay ?? 500
  const retryMax = o.retryMaxDelay ?? 60_000
  const timeout = o.requestTimeout ?? 10_000
  const tab = uuid()
  const ledger = createLedger(writeKey)
  const pending = new Map<string, OutboxRecord>()
  let outbox = opening
  let writes: Promise<void> = outbox.then(() => undefined)
  let runs: Promise<void> = Promise.resolve()
  let timer: ReturnType<typeof setTimeout> | undefined
  let unsent = 0
  let attempt = 0
  let retryAt = 0
  let enabled = true
  let limit = maxBatchSize
  let keepaliveBytes = 0
  let inflight: { ids: string[]; keepalive: boolean } | undefined
  // While the page unloads, Chromium rejects the page's view of keepalive requests that in fact
  // go on: such a failure must not undo their hand-off.
  let leaving = false

  const online = () => typeof navigator === 'undefined' || navigator.onLine !== false
  const schedule = (ms: number, force?: boolean) => {
    if (timer && !force) return
    clearTimeout(timer)
    timer = setTimeout(() => {
      timer = undefined
      void flush()
    }, ms)
  }

  const forget = (records: { id: string }[]) => {
    for (const r of records) pending.delete(r.id)
  }
  // Live tabs learn at once what another tab delivered, so a closing tab never resends it.
  const channel =
    typeof BroadcastChannel === 'undefined' ? undefined : new BroadcastChannel(`itn_${writeKey}`)
  if (channel)
    channel.onmessage = (e: MessageEvent<string[]>) => forget(e.data.map((id) => ({ id })))
  const acked = (records: OutboxRecord[]) => {
    const ids = records.map((r) => r.id)
    ledger.mark(ids, undefined)
    forget(records)
    channel?.postMessage(ids)
  }

  const fail = (message: string, error?: unknown) =>
    emitter.emit('error', new DeliveryError(message, { retryable: false }, { cause: error }))

  /** Applies a response to the records it carried; returns false when sending must pause. */
  const settle = async (records: OutboxRecord[], result: PostResult): Promise<boolean> => {
    const ids = records.map((r) => r.id)
    const outcome = classify(result, records.length)
    if (outcome.kind !== 'ack') {
      if (leaving && !result.status) return false
      ledger.mark(ids, undefined)
      if (outcome.kind === 'split') {
        limit = Math.max(1, Math.ceil(records.length / 2))
        return true
      }
      const wait = outcome.retryAfterMs
      const delay =
        wait === undefined
          ? backoffDelay(attempt, { baseMs: retryBase, maxMs: retryMax })
          : Math.min(wait, retryMax)
      attempt++
      retryAt = Date.now() + delay
      const error = new DeliveryError(
        result.status ? `HTTP ${result.status}` : 'network error or timeout',
        { status: result.status || undefined, retryable: true, retryAfterMs: wait },
        { cause: result.error },
      )
      emitter.emit('retry', { attempt, delayMs: delay, error })
      if (online()) schedule(delay + 5, true)
      return false
    }
    attempt = 0
    acked(records)
    try {
      await (await outbox).remove(records.map((r) => r.k!).filter((k) => k !== undefined))
    } catch (error) {
      fail('outbox removal failed', error)
    }
    const { rejected } = outcome
    if (rejected.size) {
      emitter.emit(
        'rejected',
        [...rejected]
          .filter(([i]) => records[i])
          .map(([i, errors]) => ({ message: records[i]!.m, errors })),
      )
    }
    const delivered = records.filter((_, i) => !rejected.has(i)).map((r) => r.m)
    if (delivered.length) emitter.emit('delivered', delivered)
    return true
  }

  const bodyOf = (records: OutboxRecord[]) => {
    const sentAt = new Date().toISOString()
    return JSON.stringify({
      batch: records.map((r) => ({ ...r.m, sentAt })),
      sentAt,
      writeKey,
    })
  }

  const send = async (records: OutboxRecord[], bytes: number, exit: boolean) => {
    const keepalive = keepaliveBytes + bytes <= KEEPALIVE_BUDGET
    if (keepalive) keepaliveBytes += bytes
    const ids = records.map((r) => r.id)
    if (!exit) inflight = { ids, keepalive }
    try {
      const result = await postBatch(url, bodyOf(records), {
        writeKey,
        keepalive,
        exit,
        timeout,
      })
      return await settle(records, result)
    } finally {
      if (keepalive) keepaliveBytes -= bytes
      if (!exit) inflight = undefined
    }
  }

  /** Sends one batch while holding the cross-tab lock; true when there may be more to send. */
  const sendOne = async (): Promise<boolean> => {
    const box = await outbox
    const entries = ledger.read()
    const skipped = Object.values(entries).filter(([st]) => st === 'h').length
    const records = await box.peek(limit + skipped)
    const now = Date.now()
    const batch: OutboxRecord[] = []
    const done: OutboxRecord[] = []
    let bytes = ENVELOPE_BYTES
    for (const r of records) {
      const [state, at] = entries[r.id] ?? []
      if (state === 'h' && now - at! > HANDOFF_GRACE) done.push(r)
      else if (state === 'h') continue
      else if (batch.length < limit && bytes + r.b + SENT_AT_BYTES <= maxBatchBytes) {
        batch.push(r)
        bytes += r.b + SENT_AT_BYTES
      } else break
    }
    // Having seen the whole outbox, forget stored messages another tab delivered.
    if (records.length < limit + skipped) {
      const present = new Set(records.map((r) => r.id))
      for (const [id, r] of pending) if (r.w && !present.has(id)) pending.delete(id)
    }
    if (done.length) {
      acked(done)
      await box.remove(done.map((r) => r.k!))
    }
    if (!batch.length) {
      // Drained: a batch size halved by 413 answers grows back.
      limit = maxBatchSize
      return done.length > 0
    }
    // Read-check-claim happens in one synchronous step, so a closing tab sees the claim.
    ledger.mark(
      batch.map((r) => r.id),
      'f',
    )
    return send(batch, bytes, false)
  }

  const withLock = async (fn: () => Promise<boolean>): Promise<boolean> => {
    const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined
    if (locks) return locks.request(`itinera:${writeKey}`, fn)
    // Without Web Locks, a lease in localStorage that lapses if its tab dies.
    const key = `itn_lease_${writeKey}`
    const held = readJson<[string, number]>(key)
    if (held && held[0] !== tab && held[1] > Date.now()) {
      schedule(flushInterval)
      return false
    }
    writeJson(key, [tab, Date.now() + timeout * 2])
    return fn()
  }

  const run = async () => {
    unsent = 0
    try {
      while (enabled && online() && Date.now() >= retryAt && (await withLock(sendOne)));
    } catch (error) {
      fail('delivery failed', error)
    }
  }

  let queued: OutboxRecord[] = []
  const store = async () => {
    const records = queued
    queued = []
    let evicted: OutboxRecord[]
    try {
      evicted = await (await outbox).add(records)
    } catch (error) {
      // Quota or a closed database: keep going in memory rather than lose the messages.
      fail('IndexedDB failed: memory used', error)
      const memory = createMemoryOutbox(caps)
      outbox = Promise.resolve(memory)
      evicted = await memory.add(records)
    }
    for (const r of records) r.w = 1
    if (evicted.length) {
      forget(evicted)
      emitter.emit(
        'evicted',
        evicted.map((r) => r.m),
      )
    }
  }

  const flush = (): Promise<void> => (runs = runs.then(() => writes).then(run, run))

  if (typeof window !== 'undefined') {
    window.addEventListener('online', () => void flush())
    // Back from the back-forward cache: failures are real failures again.
    window.addEventListener('pageshow', () => (leaving = false))
  }
  // Whatever earlier pages left in the outbox goes out as soon as it is open.
  void opening.then(() => schedule(0))

  return {
    enqueue(message, bytes) {
      const record: OutboxRecord = { id: message.messageId, m: message, b: bytes }
      pending.set(record.id, record)
      leaving = false
      // Messages of the same tick share one IndexedDB transaction.
      if (queued.push(record) === 1) writes = writes.then(store)
      if (++unsent === flushAt) void flush()
      else schedule(flushInterval)
      return writes
    },
    flush,
    exit(unloading) {
      leaving = unloading
      if (!enabled || !online()) return
      const entries = ledger.read()
      let budget = KEEPALIVE_BUDGET - keepaliveBytes - ENVELOPE_BYTES
      // An in-flight keepalive request outlives the page: its messages are handed off too.
      if (inflight?.keepalive) ledger.mark(inflight.ids, 'h')
      const busy = new Set(inflight?.ids)
      const batch: OutboxRecord[] = []
      for (const r of pending.values()) {
        if (entries[r.id] || busy.has(r.id)) continue
        if (r.b + SENT_AT_BYTES > budget) break
        budget -= r.b + SENT_AT_BYTES
        batch.push(r)
      }
      if (!batch.length) return
      ledger.mark(
        batch.map((r) => r.id),
        'h',
      )
      void send(batch, KEEPALIVE_BUDGET - keepaliveBytes - budget, true)
    },
    enable(on) {
      if (on && !enabled) schedule(0)
      enabled = on
    },
    async clear() {
      pending.clear()
      await writes
      await (await outbox).clear()
    },
  }
}
