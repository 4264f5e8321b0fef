import { randomFillSync } from 'node:crypto'

const UUIDS_PER_BATCH = 128
const UUID_LENGTH = 36
const HEX = '0123456789abcdef'
const DASH = 0x2d

/**
 * Random version-4 UUIDs for `messageId`. They are formatted 128 at a time into one string and
 * handed out as slices: crypto.randomUUID builds each id from about 20 string pieces, 590 of the
 * 1,120 bytes a `track` call allocated (bench/node-sdk).
 */
export function createUuidGenerator(): () => string {
  const random = Buffer.allocUnsafe(16 * UUIDS_PER_BATCH)
  const text = Buffer.allocUnsafe(UUID_LENGTH * UUIDS_PER_BATCH)
  const hex = Buffer.from(HEX, 'latin1')
  let batch = ''
  let next = UUIDS_PER_BATCH
  const refill = () => {
    randomFillSync(random)
    let out = 0
    for (let id = 0; id < UUIDS_PER_BATCH; id++) {
      const base = id * 16
      // RFC 9562: version 4 in the high nibble of byte 6, variant 10 in the top bits of byte 8.
      random[base + 6] = ((random[base + 6] as number) & 0x0f) | 0x40
      random[base + 8] = ((random[base + 8] as number) & 0x3f) | 0x80
      for (let byte = 0; byte < 16; byte++) {
        if (byte === 4 || byte === 6 || byte === 8 || byte === 10) text[out++] = DASH
        const value = random[base + byte] as number
        text[out++] = hex[value >> 4] as number
        text[out++] = hex[value & 0x0f] as number
      }
    }
    batch = text.toString('latin1')
    next = 0
  }
  return () => {
    if (next === UUIDS_PER_BATCH) refill()
    const start = next++ * UUID_LENGTH
    return batch.slice(start, start + UUID_LENGTH)
  }
}

/** The current time as an ISO-8601 string, formatted once per millisecond and then reused. */
export function createIsoClock(): () => string {
  let lastMs = Number.NaN
  let lastIso = ''
  return () => {
    const ms = Date.now()
    if (ms !== lastMs) {
      lastMs = ms
      lastIso = new Date(ms).toISOString()
    }
    return lastIso
  }
}
