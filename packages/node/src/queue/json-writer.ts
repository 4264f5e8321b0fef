const QUOTE = 0x22
const BACKSLASH = 0x5c
const COMMA = 0x2c
const COLON = 0x3a
const OPEN_BRACE = 0x7b
const CLOSE_BRACE = 0x7d
const OPEN_BRACKET = 0x5b
const CLOSE_BRACKET = 0x5d
const ZERO = 0x30
const MINUS = 0x2d
// Deeper nesting, cycles included, is handed to JSON.stringify whole, which serializes or throws.
const MAX_DEPTH = 64

/** Thrown when the JSON would not fit the room given; `write` returns -1 instead. */
class Overflow extends Error {}
/** Thrown for a value only JSON.stringify can serialize exactly; `write` then uses it. */
class Unsupported extends Error {}

// JSON leaves these out of objects and writes null for them in arrays.
const isOmitted = (value: unknown): boolean =>
  value === undefined || typeof value === 'function' || typeof value === 'symbol'

/** A literal or prototype-free object: one the writer walks itself (others go through JSON.stringify). */
export function isPlainRecord(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false
  const prototype: unknown = Object.getPrototypeOf(value)
  return prototype === Object.prototype || prototype === null
}

/**
 * Writes a value as UTF-8 JSON into a Buffer, byte for byte what `JSON.stringify` produces, so no
 * JSON string is allocated per message (bench/node-sdk: the strings made V8 grow its heap).
 * Plain objects, arrays, ASCII strings and numbers are written directly; other strings and values
 * go through `JSON.stringify`, and anything it alone can serialize exactly (cycles, BigInt,
 * a `toJSON` returning a class instance) falls back to `JSON.stringify` for the whole value.
 */
class JsonWriter {
  buffer: Buffer = Buffer.alloc(0)
  offset = 0
  end = 0
  /** Whether the last {@link JsonWriter.resolve} called a toJSON. */
  converted = false

  /** The value JSON.stringify serializes for `value` at `key`: what its toJSON returns, if any. */
  resolve(value: unknown, key: string | number): unknown {
    this.converted = false
    if ((typeof value === 'object' && value !== null) || typeof value === 'bigint') {
      const toJSON = (value as { toJSON?: unknown }).toJSON
      if (typeof toJSON === 'function') {
        this.converted = true
        return toJSON.call(value, String(key)) as unknown
      }
    }
    return value
  }

  /** Writes a resolved value; `converted` values are serialized without their own toJSON. */
  value(value: unknown, converted: boolean, depth: number): void {
    if (typeof value === 'string') this.string(value)
    else if (typeof value === 'number') this.number(value)
    else if (typeof value === 'boolean') this.ascii(value ? 'true' : 'false')
    else if (value === null) this.ascii('null')
    else if (typeof value === 'object') {
      if (depth >= MAX_DEPTH) throw new Unsupported()
      if (Array.isArray(value)) this.array(value as unknown[], depth)
      else if (isPlainRecord(value)) this.object(value, depth)
      else if (converted) throw new Unsupported()
      else this.raw(JSON.stringify(value))
    } else throw new Unsupported()
  }

  object(record: Record<string, unknown>, depth: number): void {
    this.byte(OPEN_BRACE)
    let first = true
    for (const key in record) {
      if (!Object.hasOwn(record, key)) continue
      const item = this.resolve(record[key], key)
      if (isOmitted(item)) continue
      if (!first) this.byte(COMMA)
      first = false
      this.string(key)
      this.byte(COLON)
      this.value(item, this.converted, depth + 1)
    }
    this.byte(CLOSE_BRACE)
  }

  /**
   * Writes the message of a call without building it: the stamps first, then the call's own
   * fields, as JSON.stringify writes a copy of the call with the stamps set on it (its key order
   * aside). A `toJSON` on the call itself is {@link Unsupported}: only the copy would have it.
   */
  call(call: Record<string, unknown>, stamps: CallStamps): void {
    if ('toJSON' in call) throw new Unsupported()
    this.ascii('{"type":')
    this.string(stamps.type)
    this.ascii(',"messageId":')
    const messageId = call.messageId
    if (typeof messageId === 'string') this.string(messageId)
    else {
      if (this.offset + UUID_BYTES + 2 > this.end) throw new Overflow()
      this.buffer[this.offset++] = QUOTE
      stamps.ids.writeInto(this.buffer, this.offset)
      this.offset += UUID_BYTES
      this.buffer[this.offset++] = QUOTE
    }
    this.ascii(',"timestamp":')
    const timestamp = call.timestamp
    this.string(typeof timestamp === 'string' ? timestamp : stamps.timestamp)
    for (const key in call) {
      if (!Object.hasOwn(call, key) || STAMPED.has(key)) continue
      const item = this.resolve(call[key], key)
      if (isOmitted(item)) continue
      this.byte(COMMA)
      this.string(key)
      this.byte(COLON)
      this.value(item, this.converted, 1)
    }
    this.byte(CLOSE_BRACE)
  }

  array(items: unknown[], depth: number): void {
    this.byte(OPEN_BRACKET)
    for (let index = 0; index < items.length; index++) {
      if (index > 0) this.byte(COMMA)
      const item = this.resolve(items[index], index)
      if (isOmitted(item)) this.ascii('null')
      else this.value(item, this.converted, depth + 1)
    }
    this.byte(CLOSE_BRACKET)
  }

  string(text: string): void {
    const { buffer } = this
    let offset = this.offset
    // UTF-8 never takes fewer bytes than UTF-16 code units, nor escaped JSON fewer than raw.
    if (offset + text.length + 2 > this.end) throw new Overflow()
    buffer[offset++] = QUOTE
    for (let index = 0; index < text.length; index++) {
      const code = text.charCodeAt(index)
      if (code < 0x20 || code > 0x7f || code === QUOTE || code === BACKSLASH) {
        return this.raw(JSON.stringify(text))
      }
      buffer[offset++] = code
    }
    buffer[offset++] = QUOTE
    this.offset = offset
  }

  number(value: number): void {
    if (!Number.isFinite(value)) return this.ascii('null')
    if (!Number.isInteger(value) || Math.abs(value) >= 2 ** 31) return this.ascii(String(value))
    let rest = Math.abs(value)
    let digits = 1
    for (let power = 10; power <= rest; power *= 10) digits++
    if (value < 0) this.byte(MINUS)
    const last = this.offset + digits - 1
    if (last >= this.end) throw new Overflow()
    for (let position = last; position >= this.offset; position--) {
      this.buffer[position] = ZERO + (rest % 10)
      rest = Math.floor(rest / 10)
    }
    this.offset = last + 1
  }

  // Only for strings known to be ASCII: literals and number digits.
  ascii(text: string): void {
    if (this.offset + text.length > this.end) throw new Overflow()
    for (let index = 0; index < text.length; index++) {
      this.buffer[this.offset++] = text.charCodeAt(index)
    }
  }

  raw(json: string): void {
    const room = this.end - this.offset
    if (json.length > room || (json.length * 3 > room && Buffer.byteLength(json) > room)) {
      throw new Overflow()
    }
    this.offset += this.buffer.write(json, this.offset, room, 'utf8')
  }

  byte(code: number): void {
    if (this.offset >= this.end) throw new Overflow()
    this.buffer[this.offset++] = code
  }
}

const UUID_BYTES = 36
/** The fields a call's stamps write, whatever the call holds under those names. */
const STAMPED = new Set(['type', 'messageId', 'timestamp'])

/** What a call is stamped with when it is written without building its message. */
export interface CallStamps {
  type: string
  /** The call's time, written unless the call gives a `timestamp`. */
  timestamp: string
  /** Writes a new 36-byte UUID, unless the call gives a `messageId`. */
  ids: { writeInto(target: Buffer, offset: number): void }
}

/** Returned by {@link JsonEncoder.writeCall} for a call only JSON.stringify of its message can write. */
export const NOT_WRITTEN = -2

/** Writes JSON values into Buffers; one per message queue, reused for every message. */
export interface JsonEncoder {
  /**
   * Writes the JSON of `value` (an object) into `buffer` from `start`, using at most `maxBytes`;
   * returns the number of bytes written, or -1 when the JSON is longer than `maxBytes`. Throws
   * what `JSON.stringify` throws (cyclic structures, BigInt).
   */
  write(value: object, buffer: Buffer, start: number, maxBytes: number): number
  /**
   * Writes the message a call makes once stamped (see {@link CallStamps}); returns its size,
   * -1 when it is longer than `maxBytes`, or {@link NOT_WRITTEN} when a value needs what only
   * JSON.stringify of the whole message does (cycles, BigInt, a throwing `toJSON`, …): the
   * caller then builds the message and writes that.
   */
  writeCall(
    call: Record<string, unknown>,
    stamps: CallStamps,
    buffer: Buffer,
    start: number,
    maxBytes: number,
  ): number
}

/** Creates a {@link JsonEncoder}. */
export function createJsonEncoder(): JsonEncoder {
  const writer = new JsonWriter()
  return {
    write(value, buffer, start, maxBytes) {
      writer.buffer = buffer
      writer.end = Math.min(buffer.length, start + maxBytes)
      try {
        writer.offset = start
        try {
          const resolved = writer.resolve(value, '')
          if (isOmitted(resolved)) throw new Unsupported()
          writer.value(resolved, writer.converted, 0)
        } catch (error) {
          if (!(error instanceof Unsupported)) throw error
          writer.offset = start
          const json = JSON.stringify(value) as string | undefined
          if (json === undefined) throw new TypeError('the value serializes to nothing')
          writer.raw(json)
        }
        return writer.offset - start
      } catch (error) {
        if (error instanceof Overflow) return -1
        throw error
      }
    },
    writeCall(call, stamps, buffer, start, maxBytes) {
      writer.buffer = buffer
      writer.end = Math.min(buffer.length, start + maxBytes)
      writer.offset = start
      try {
        writer.call(call, stamps)
        return writer.offset - start
      } catch (error) {
        return error instanceof Overflow ? -1 : NOT_WRITTEN
      }
    },
  }
}
