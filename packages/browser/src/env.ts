/** True in a browser document; false in Node, workers without DOM and during SSR. */
export const isBrowser = (): boolean =>
  typeof window !== 'undefined' && typeof document !== 'undefined'

/** localStorage, or undefined where it is missing or throws (some private modes, sandboxed iframes). */
function getStorage(): Storage | undefined {
  try {
    // Reading length throws where storage is blocked.
    const s = window.localStorage
    return s.length >= 0 ? s : undefined
  } catch {
    return undefined
  }
}

/** Reads JSON from localStorage; undefined when absent or unreadable. */
export function readJson<T>(key: string): T | undefined {
  try {
    const raw = getStorage()?.getItem(key)
    return raw ? (JSON.parse(raw) as T) : undefined
  } catch {
    return undefined
  }
}

/** Writes JSON to localStorage (or removes the key for undefined); quota errors are swallowed. */
export function writeJson(key: string, value: unknown): void {
  try {
    const s = getStorage()
    if (value === undefined) s?.removeItem(key)
    else s?.setItem(key, JSON.stringify(value))
  } catch {
    // Quota exceeded: the cookie or the outbox still hold the data (Segment #1320).
  }
}
