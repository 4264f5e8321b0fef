import type { BrowserMessage } from '../types'

/** One stored message: `k` orders the outbox, `b` is the message's size in bytes. */
export interface OutboxRecord {
  k?: number
  id: string
  m: BrowserMessage
  b: number
  /** Set in memory once the record is stored. */
  w?: 1
}

/** Caps of the outbox; past them the oldest records are evicted. */
export interface OutboxCaps {
  maxMessages: number
  maxBytes: number
}

/** The durable queue shared by every tab of the origin. */
export interface Outbox {
  /** Stores records in one transaction; resolves with those evicted to make room (oldest first). */
  add(records: OutboxRecord[]): Promise<OutboxRecord[]>
  /** The oldest records, up to `limit`. */
  peek(limit: number): Promise<OutboxRecord[]>
  /** Removes records by key. */
  remove(keys: number[]): Promise<void>
  /** Removes every record. */
  clear(): Promise<void>
}

/** An in-memory outbox for browsers without IndexedDB (it does not survive a reload). */
export function createMemoryOutbox(caps: OutboxCaps): Outbox {
  let records: OutboxRecord[] = []
  let seq = 0
  let bytes = 0
  return {
    add(added) {
      const evicted: OutboxRecord[] = []
      for (const record of added) {
        while (
          records.length &&
          (records.length >= caps.maxMessages || bytes + record.b > caps.maxBytes)
        ) {
          const old = records.shift()!
          bytes -= old.b
          evicted.push(old)
        }
        records.push({ ...record, k: ++seq })
        bytes += record.b
      }
      return Promise.resolve(evicted)
    },
    peek: (limit) => Promise.resolve(records.slice(0, limit)),
    remove(keys) {
      const drop = new Set(keys)
      records = records.filter((r) => !drop.has(r.k!) || ((bytes -= r.b), false))
      return Promise.resolve()
    },
    clear() {
      records = []
      bytes = 0
      return Promise.resolve()
    },
  }
}
