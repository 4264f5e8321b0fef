import { randomFillSync } from 'node:crypto'

const UUIDS_PER_BATCH = 128
const HEX = '0123456789abcdef'
const DASH = 0x2d

/** Length of a UUID in its text form, in bytes. */
export const UUID_LENGTH = 36

/**
 * Random version-4 UUIDs for `messageId`, formatted 128 at a time into one buffer. A call that is
 * serialized directly copies its id's 36 bytes from there into the queue ({@link UuidSource.writeInto})
 * and no string is made; otherwise {@link UuidSource.next} reads one as a string. crypto.randomUUID
 * builds each id from about 20 string pieces, 590 of the 1,120 bytes a `track` call allocated
 * (bench/node-sdk).
 */
export class UuidSource {
  readonly #random = Buffer.allocUnsafe(16 * UUIDS_PER_BATCH)
  readonly #text = Buffer.allocUnsafe(UUID_LENGTH * UUIDS_PER_BATCH)
  #next = UUIDS_PER_BATCH

  /** A new UUID as a string. */
  next(): string {
    const start = this.#take()
    return this.#text.toString('latin1', start, start + UUID_LENGTH)
  }

  /** Writes a new UUID's 36 ASCII bytes into `target` at `offset`. */
  writeInto(target: Buffer, offset: number): void {
    const text = this.#text
    const start = this.#take()
    for (let index = 0; index < UUID_LENGTH; index++) {
      target[offset + index] = text[start + index] as number
    }
  }

  /** Offset of the next unused id in the text buffer, refilling it when all are used. */
  #take(): number {
    if (this.#next === UUIDS_PER_BATCH) this.#refill()
    return this.#next++ * UUID_LENGTH
  }

  #refill(): void {
    const random = this.#random
    const text = this.#text
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
        text[out++] = HEX.charCodeAt(value >> 4)
        text[out++] = HEX.charCodeAt(value & 0x0f)
      }
    }
    this.#next = 0
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
