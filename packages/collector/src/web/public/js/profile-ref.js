// Turns what a person types in the search box into a profile reference the API understands.

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/
// External id types are snake_case words too (stripe_customer_id), as the API reads them.
const IDENTIFIER_TYPE = /^[a-z][a-z0-9_]{0,63}$/

/**
 * Parses a search input into a profile ref: `type:value`, a bare email, or a profile id.
 * @param {string} input
 * @returns {{ ok: true, ref: string, type: string, value: string } | { ok: false, error: string }}
 */
export function parseProfileRef(input) {
  const text = String(input ?? '').trim()
  if (text === '')
    return { ok: false, error: 'Enter an email, a user id, an anonymous id or a profile id.' }
  const colon = text.indexOf(':')
  if (colon > 0) {
    const type = text.slice(0, colon).trim().toLowerCase()
    const value = text.slice(colon + 1).trim()
    if (IDENTIFIER_TYPE.test(type)) {
      if (value === '') return { ok: false, error: `Add a value after "${type}:".` }
      const normalized = type === 'email' ? value.toLowerCase() : value
      return { ok: true, ref: `${type}:${normalized}`, type, value: normalized }
    }
  }
  if (EMAIL.test(text)) {
    const value = text.toLowerCase()
    return { ok: true, ref: `email:${value}`, type: 'email', value }
  }
  if (/\s/.test(text)) return { ok: false, error: 'A profile id has no spaces.' }
  return { ok: true, ref: text, type: 'profile', value: text }
}

/**
 * The URL path segment for a ref (`email:a@b.c` → `email%3Aa%40b.c`).
 * @param {string} ref
 * @returns {string}
 */
export function encodeProfileRef(ref) {
  return encodeURIComponent(ref)
}
