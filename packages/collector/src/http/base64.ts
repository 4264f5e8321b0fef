/**
 * The bytes of a base64 string in the standard or URL-safe alphabet, padding optional; or
 * undefined when it is not base64. Hand-written URLs and form fields often leave standard base64
 * unencoded, where a `+` reads as a space: spaces are taken back as `+`, line breaks dropped.
 */
export function decodeBase64(value: string): Buffer | undefined {
  const base64 = value
    .replace(/ /g, '+')
    .replace(/[\r\n\t]/g, '')
    .replace(/-/g, '+')
    .replace(/_/g, '/')
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(base64)) return undefined
  return Buffer.from(base64, 'base64')
}
