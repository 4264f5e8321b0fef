/**
 * cyrb53: a fast, well-mixed 53-bit string hash in pure JavaScript (public domain, bryc).
 * Core has no crypto module; profile ids only need stability and a low collision rate.
 */
export function cyrb53(text: string, seed = 0): number {
  let h1 = 0xdeadbeef ^ seed
  let h2 = 0x41c6ce57 ^ seed
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i)
    h1 = Math.imul(h1 ^ ch, 2654435761)
    h2 = Math.imul(h2 ^ ch, 1597334677)
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507)
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909)
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507)
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909)
  return 4294967296 * (2097151 & h2) + (h1 >>> 0)
}

const digitCodes = [48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48]

/**
 * A short base-36 rendering of {@link cyrb53}, zero-padded to 11 characters (36^11 > 2^53):
 * the same text as `toString(36).padStart(11, '0')`, several times faster, which counts when
 * every new profile needs an id.
 */
export function shortHash(text: string): string {
  let n = cyrb53(text)
  for (let i = 10; i >= 0; i--) {
    // Exact: n < 2^53, so the quotient and remainder are exact doubles.
    const quotient = Math.floor(n / 36)
    const digit = n - quotient * 36
    digitCodes[i] = digit < 10 ? 48 + digit : 87 + digit
    n = quotient
  }
  const d = digitCodes
  // Eleven arguments, not a spread: the spread costs half again as much.
  return String.fromCharCode(
    d[0]!,
    d[1]!,
    d[2]!,
    d[3]!,
    d[4]!,
    d[5]!,
    d[6]!,
    d[7]!,
    d[8]!,
    d[9]!,
    d[10]!,
  )
}

/** The profile id of a component whose earliest message has this `messageId`. */
export function profileIdFor(messageId: string): string {
  return `prof_${shortHash(messageId)}`
}
