import { describe, expect, it } from 'vitest'
import {
  ValidationError,
  formatProfileRef,
  parseProfileRef,
  safeParseProfileRef,
} from '@itinera/core'

describe('parseProfileRef', () => {
  it('reads a bare id when the ref has no colon', () => {
    expect(parseProfileRef('prof_123')).toEqual({ kind: 'id', id: 'prof_123' })
  })

  it('reads type and value when the ref is type:value', () => {
    expect(parseProfileRef('email:ana@example.com')).toEqual({
      kind: 'identifier',
      type: 'email',
      value: 'ana@example.com',
    })
  })

  it('splits at the first colon when the value holds colons', () => {
    expect(parseProfileRef('anonymous_id:a:b:c')).toEqual({
      kind: 'identifier',
      type: 'anonymous_id',
      value: 'a:b:c',
    })
  })

  it('throws a ValidationError naming ref when the value is empty', () => {
    expect(() => parseProfileRef('email:')).toThrowErrorMatchingInlineSnapshot(
      `[ValidationError: ref: the email value after the colon must not be empty]`,
    )
    expect(() => parseProfileRef('email:')).toThrow(ValidationError)
  })

  it('rejects a type that is not snake_case', () => {
    const result = safeParseProfileRef('E Mail:x')
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.error[0]?.path).toBe('ref')
  })

  it('rejects an empty ref', () => {
    expect(safeParseProfileRef('  ').ok).toBe(false)
  })
})

describe('formatProfileRef', () => {
  it('round-trips with parseProfileRef for ids and identifiers', () => {
    for (const ref of ['prof_1', 'user_id:u1', 'email:ana@example.com', 'anonymous_id:x:y']) {
      expect(formatProfileRef(parseProfileRef(ref))).toBe(ref)
    }
  })

  it('formats a plain identifier object', () => {
    expect(formatProfileRef({ type: 'phone', value: '+33612345678' })).toBe('phone:+33612345678')
  })
})
