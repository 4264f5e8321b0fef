// Keeps the workspace secret for this browser tab only (sessionStorage), never longer.

const KEY = 'itinera.explorer.secret'

/** @returns {string | null} */
export function loadSecret() {
  try {
    return sessionStorage.getItem(KEY)
  } catch {
    return null
  }
}

/** @param {string} secret */
export function saveSecret(secret) {
  try {
    sessionStorage.setItem(KEY, secret)
  } catch {
    // Storage refused (private mode): the key then lives until the page reloads.
  }
}

export function forgetSecret() {
  try {
    sessionStorage.removeItem(KEY)
  } catch {
    // Nothing stored.
  }
}
