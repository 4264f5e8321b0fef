import { parsePhone } from './phone.js'
import type { ResolvedIdentityOptions, ResolvedTypeOptions } from './options.js'
import type { RejectionReason } from './types.js'

/**
 * Values that never link anything, for any type (compared lower-cased): placeholders SDKs and
 * forms send when they have no real value. Sources: Segment's suggested blocklist, PostHog's
 * illegal ids, Adobe's blocked values (docs/identity.md).
 */
export const BLOCKED_VALUES: ReadonlySet<string> = /* @__PURE__ */ new Set([
  'null',
  'undefined',
  'nil',
  'none',
  'nan',
  '-1',
  'anonymous',
  'guest',
  'unknown',
  'invalid',
  '[object object]',
  'true',
  'false',
  'n/a',
  'na',
  'void',
  'id',
  'distinct_id',
  'distinctid',
  'not_authenticated',
  'email',
  'user',
  'userid',
  'user_id',
  'anonymous_id',
  'default',
  'test',
])

/** Well-known junk emails that many people type into forms. */
export const BLOCKED_EMAILS: ReadonlySet<string> = /* @__PURE__ */ new Set([
  'test@test.com',
  'test@example.com',
  'email@example.com',
  'user@example.com',
  'example@example.com',
  'info@example.com',
  'foo@bar.com',
  'a@a.com',
  'a@b.com',
  'abc@abc.com',
  'asdf@asdf.com',
  'no@email.com',
  'noemail@noemail.com',
  'noemail@email.com',
  'none@none.com',
  'null@null.com',
  'test@gmail.com',
  'noreply@example.com',
  'no-reply@example.com',
  'donotreply@example.com',
])

const longestBlocked = 20

/** Empty, whitespace-only, all-zero (`0`, `000-000`, the nil UUID) and `-1`-like values. */
function isPlaceholder(value: string): boolean {
  if (value.length === 0) return true
  for (let i = 0; i < value.length; i++) {
    const ch = value.charCodeAt(i)
    // '0', '-', space: the nil UUID and zero-filled ids (Segment's `^[0-]*$`).
    if (ch !== 48 && ch !== 45 && ch !== 32) return false
  }
  return true
}

/** True when `value` has no leading or trailing whitespace (skips `trim` on the hot path). */
function isTrimmed(value: string): boolean {
  if (value.length === 0) return false
  const first = value.charCodeAt(0)
  const last = value.charCodeAt(value.length - 1)
  return first > 32 && first < 127 && last > 32 && last < 127
}

const phoneCache = /* @__PURE__ */ new Map<string, string | null>()
const phoneCacheLimit = 50_000

/** E.164 form of a phone number, or undefined when it cannot be a phone number. */
function normalizePhone(raw: string, defaultCountry: string | undefined): string | undefined {
  const key = defaultCountry === undefined ? raw : `${defaultCountry}|${raw}`
  const cached = phoneCache.get(key)
  if (cached !== undefined) return cached ?? undefined
  const result = parsePhone(raw, defaultCountry)
  // A bounded memo: phone parsing dominates extraction cost (bench/identity).
  if (phoneCache.size >= phoneCacheLimit) phoneCache.clear()
  phoneCache.set(key, result)
  return result ?? undefined
}

/** Lower-cased, trimmed email, or undefined when it has no `local@domain` shape. */
function normalizeEmail(raw: string, canonicalize: boolean): string | undefined {
  const value = raw.trim().toLowerCase()
  const at = value.lastIndexOf('@')
  if (at <= 0 || at === value.length - 1 || value.includes(' ')) return undefined
  if (!canonicalize) return value
  const domain = value.slice(at + 1)
  if (domain !== 'gmail.com' && domain !== 'googlemail.com') return value
  let local = value.slice(0, at)
  const plus = local.indexOf('+')
  if (plus >= 0) local = local.slice(0, plus)
  return `${local.replaceAll('.', '')}@gmail.com`
}

/** Outcome of normalizing one raw value: the value, or why it cannot link. */
export type NormalizedValue = { ok: true; value: string } | { ok: false; reason: RejectionReason }

const reasons: readonly RejectionReason[] = ['blocked', 'invalid', 'too_long']

/**
 * Normalizes `raw` for its type and applies the blocklists.
 * @returns the normalized value, or the reason it never links
 */
export function normalizeValue(
  raw: string,
  settings: ResolvedTypeOptions,
  options: ResolvedIdentityOptions,
): NormalizedValue {
  const value = normalizeOrReject(raw, settings, options)
  return typeof value === 'string' ? { ok: true, value } : { ok: false, reason: reasons[value]! }
}

/**
 * Allocation-free variant of {@link normalizeValue} for the engine's hot path.
 * @returns the normalized value, or a reason code (0 blocked, 1 invalid, 2 too long)
 */
export function normalizeOrReject(
  raw: string,
  settings: ResolvedTypeOptions,
  options: ResolvedIdentityOptions,
): string | number {
  if (raw.length > options.maxValueLength) return 2
  let value: string | undefined
  switch (settings.normalize) {
    case 'email':
      value = normalizeEmail(raw, options.canonicalizeEmail)
      break
    case 'phone':
      value = normalizePhone(raw.trim(), options.defaultCountry)
      break
    case 'lowercase':
      value = raw.trim().toLowerCase()
      break
    case 'trim':
      value = isTrimmed(raw) ? raw : raw.trim()
      break
    case 'none':
      value = raw
      break
  }
  if (value === undefined) return isPlaceholder(raw.trim()) ? 0 : 1
  return isBlocked(value, settings, options) ? 0 : value
}

function isBlocked(
  value: string,
  settings: ResolvedTypeOptions,
  options: ResolvedIdentityOptions,
): boolean {
  if (isPlaceholder(value)) return true
  // Lower-casing only short values keeps the common path allocation-free.
  if (value.length <= longestBlocked) {
    const lower = value.toLowerCase()
    if (BLOCKED_VALUES.has(lower)) return true
  }
  if (settings.normalize === 'email' && BLOCKED_EMAILS.has(value)) return true
  if (options.blocked.size > 0 && options.blocked.has(value.toLowerCase())) return true
  if (settings.blocked.size > 0 && settings.blocked.has(value.toLowerCase())) return true
  for (const pattern of settings.blockedPatterns) {
    pattern.lastIndex = 0
    if (pattern.test(value)) return true
  }
  return false
}
