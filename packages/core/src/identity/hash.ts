/**
 * cyrb53: a fast, well-mixed 53-bit string hash in pure JavaScript (public domain, bryc).
 * Core has no crypto module; profile ids only need stability and a low collision rate.
 */
function cyrb53(text: string, seed = 0): number {
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

/** A short base-36 rendering of {@link cyrb53}, zero-padded to 11 characters. */
export function shortHash(text: string): string {
  return cyrb53(text).toString(36).padStart(11, '0')
}

/** The profile id of a component whose earliest message has this `messageId`. */
export function profileIdFor(messageId: string): string {
  return `prof_${shortHash(messageId)}`
}
