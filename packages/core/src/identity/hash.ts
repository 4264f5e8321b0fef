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
  return finish(h1, h2)
}

/** {@link cyrb53} of the text whose code units are `units[from … to)`, without building it. */
export function cyrb53Units(units: Uint8Array, from: number, to: number, seed = 0): number {
  let h1 = 0xdeadbeef ^ seed
  let h2 = 0x41c6ce57 ^ seed
  for (let i = from; i < to; i++) {
    const ch = units[i]!
    h1 = Math.imul(h1 ^ ch, 2654435761)
    h2 = Math.imul(h2 ^ ch, 1597334677)
  }
  return finish(h1, h2)
}

function finish(h1: number, h2: number): number {
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507)
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909)
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507)
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909)
  return 4294967296 * (2097151 & h2) + (h1 >>> 0)
}

// `prof_` and 11 digit cells.
const codes = [112, 114, 111, 102, 95, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48]

/**
 * The profile id for a {@link cyrb53} value: `prof_` and its 11 base-36 digits, zero-padded
 * (36^11 > 2^53, so the same text as `toString(36).padStart(11, '0')`), built as one flat
 * string (a template literal would make a two-part string that keeps both parts alive), several
 * times faster than `toString(36)`, which counts when every `ingest` result carries an id.
 */
export function profileIdOfHash(hash: number): string {
  const c = codes
  let n = hash
  for (let i = 15; i >= 5; i--) {
    // Exact: n < 2^53, so the quotient and remainder are exact doubles.
    const quotient = Math.floor(n / 36)
    const digit = n - quotient * 36
    c[i] = digit < 10 ? 48 + digit : 87 + digit
    n = quotient
  }
  // A fixed argument list, not a spread: the spread costs half again as much.
  return String.fromCharCode(
    c[0]!,
    c[1]!,
    c[2]!,
    c[3]!,
    c[4]!,
    c[5]!,
    c[6]!,
    c[7]!,
    c[8]!,
    c[9]!,
    c[10]!,
    c[11]!,
    c[12]!,
    c[13]!,
    c[14]!,
    c[15]!,
  )
}
