import { ValidationError, type Result, type ValidationIssue } from '../errors.js'

/** A parsed profile ref: a profile id, or an identifier such as `email:ana@example.com`. */
export type ProfileRef =
  { kind: 'id'; id: string } | { kind: 'identifier'; type: string; value: string }

// Identifier types are snake_case words: user_id, anonymous_id, email, phone, stripe_customer_id.
const IDENTIFIER_TYPE = /^[a-z][a-z0-9_]{0,63}$/

/**
 * Reads a profile ref: a profile id (no colon) or `type:value`, split at the first colon so values
 * may contain colons themselves. Returns every problem instead of throwing.
 *
 * @example
 * safeParseProfileRef('email:ana@example.com')
 * // { ok: true, value: { kind: 'identifier', type: 'email', value: 'ana@example.com' } }
 */
export function safeParseProfileRef(ref: string): Result<ProfileRef, ValidationIssue[]> {
  const fail = (message: string): Result<ProfileRef, ValidationIssue[]> => ({
    ok: false,
    error: [{ path: 'ref', message }],
  })
  if (typeof ref !== 'string' || ref.trim() === '') return fail('must be a non-empty string')
  const colon = ref.indexOf(':')
  if (colon === -1) return { ok: true, value: { kind: 'id', id: ref } }
  const type = ref.slice(0, colon)
  const value = ref.slice(colon + 1)
  if (!IDENTIFIER_TYPE.test(type)) {
    return fail(
      `${JSON.stringify(type)} is not an identifier type; use snake_case such as email or user_id`,
    )
  }
  if (value.trim() === '') return fail(`the ${type} value after the colon must not be empty`)
  return { ok: true, value: { kind: 'identifier', type, value } }
}

/** Like {@link safeParseProfileRef}, but throws a {@link ValidationError} naming `ref`. */
export function parseProfileRef(ref: string): ProfileRef {
  const result = safeParseProfileRef(ref)
  if (!result.ok) throw new ValidationError(result.error)
  return result.value
}

/**
 * Writes a ref in its wire form (`type:value` or the bare id), not URL-encoded.
 *
 * @example
 * formatProfileRef({ type: 'email', value: 'ana@example.com' }) // 'email:ana@example.com'
 */
export function formatProfileRef(
  ref: ProfileRef | { type: string; value: string } | { id: string },
): string {
  if ('id' in ref) return ref.id
  return `${ref.type}:${ref.value}`
}
