/** Largest serialized message the spec accepts, in bytes (Segment's limit). */
export const MAX_MESSAGE_BYTES = 32 * 1024

/** Largest serialized batch request the spec accepts, in bytes (Segment's limit). */
export const MAX_BATCH_BYTES = 500 * 1024

/** Most messages one batch request may carry. */
export const MAX_BATCH_MESSAGES = 2500

/** The message types of the Segment spec. */
export const MESSAGE_TYPES = ['track', 'identify', 'page', 'screen', 'group', 'alias'] as const

/**
 * UTF-8 length of a string in bytes, without TextEncoder so core stays free of platform globals.
 */
export function utf8ByteLength(text: string): number {
  let bytes = 0
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code < 0x80) bytes += 1
    else if (code < 0x800) bytes += 2
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1)
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4
        i++
      } else bytes += 3
    } else bytes += 3
  }
  return bytes
}

/** Serialized size of a value as JSON, in UTF-8 bytes. */
export function jsonByteLength(value: unknown): number {
  return utf8ByteLength(JSON.stringify(value) ?? '')
}

const kilobytes = (bytes: number) => `${Math.round((bytes / 1024) * 10) / 10} KB`

/** The problem of a message of `bytes` bytes serialized, over `maxBytes`. */
export function oversizeMessage(bytes: number, maxBytes: number): string {
  return `is ${bytes} bytes serialized; the limit is ${maxBytes} bytes (${kilobytes(maxBytes)})`
}
