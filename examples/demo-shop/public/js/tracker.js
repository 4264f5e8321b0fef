// Calls the tracker the inline snippet set up on `window.itinera`; never throws into the shop.

/** @param {string} method @param {unknown[]} args */
function call(method, args) {
  const tracker = /** @type {any} */ (window).itinera
  try {
    tracker?.[method]?.(...args)
  } catch {
    // Tracking must never break the shop.
  }
}

/** @param {string} event @param {Record<string, unknown>} [properties] */
export const track = (event, properties) => call('track', [event, properties])

/** @param {string} name @param {Record<string, unknown>} [properties] */
export const page = (name, properties) => call('page', [name, properties])

/** @param {string | undefined} userId @param {Record<string, unknown>} [traits] */
export const identify = (userId, traits) =>
  userId === undefined ? call('identify', [traits]) : call('identify', [userId, traits])

/** Sends what is queued now (before a navigation), when the tracker is loaded. */
export async function flush() {
  const tracker = /** @type {any} */ (window).itinera
  try {
    if (typeof tracker?.flush === 'function') await tracker.flush()
  } catch {
    // Delivery continues on the next page.
  }
}

/**
 * The shop's user id for an email: the same email always signs in to the same account.
 * @param {string} email
 */
export function userIdFor(email) {
  let hash = 2166136261
  for (const char of email.trim().toLowerCase()) {
    hash ^= char.codePointAt(0) ?? 0
    hash = Math.imul(hash, 16777619) >>> 0
  }
  return `user_${hash.toString(36)}`
}
