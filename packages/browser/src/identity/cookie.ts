/** Reads a first-party cookie. */
export function readCookie(name: string): string | undefined {
  try {
    for (const part of document.cookie.split('; ')) {
      const i = part.indexOf('=')
      if (part.slice(0, i) === name) return decodeURIComponent(part.slice(i + 1))
    }
  } catch {
    // document.cookie throws in sandboxed iframes.
  }
  return undefined
}

/** Writes (or, with `undefined`, deletes) a one-year `SameSite=Lax` cookie, `Secure` on https. */
export function writeCookie(name: string, value: string | undefined, domain?: string): void {
  const age = value === undefined ? 0 : 31536000
  const secure = location.protocol === 'https:' ? ';Secure' : ''
  const dom = domain ? `;domain=${domain}` : ''
  try {
    document.cookie = `${name}=${encodeURIComponent(value ?? '')};path=/;max-age=${age};SameSite=Lax${dom}${secure}`
  } catch {
    // Cookies disabled: localStorage still holds the id.
  }
}
