import { describe, expect, it } from 'vitest'
import { encodeProfileRef, parseProfileRef } from './profile-ref.js'

describe('parseProfileRef', () => {
  it('keeps typed refs and lower-cases emails', () => {
    expect(parseProfileRef(' email:Ana@Example.com ')).toEqual({
      ok: true,
      ref: 'email:ana@example.com',
      type: 'email',
      value: 'ana@example.com',
    })
    expect(parseProfileRef('user_id:U-1')).toMatchObject({ ok: true, ref: 'user_id:U-1' })
    expect(parseProfileRef('anonymous_id:6f1c')).toMatchObject({ ok: true, type: 'anonymous_id' })
  })

  it('passes external id types through', () => {
    expect(parseProfileRef('stripe_customer_id:cus_9')).toMatchObject({
      ok: true,
      type: 'stripe_customer_id',
      ref: 'stripe_customer_id:cus_9',
    })
  })

  it('reads a bare email as an email ref and anything else as a profile id', () => {
    expect(parseProfileRef('bo@example.org')).toMatchObject({
      ok: true,
      ref: 'email:bo@example.org',
    })
    expect(parseProfileRef('prof_123')).toMatchObject({
      ok: true,
      type: 'profile',
      ref: 'prof_123',
    })
  })

  it('explains what is missing when the input is empty or incomplete', () => {
    expect(parseProfileRef('  ')).toMatchObject({ ok: false })
    expect(parseProfileRef('email:')).toEqual({ ok: false, error: 'Add a value after "email:".' })
    expect(parseProfileRef('two words')).toMatchObject({ ok: false })
  })
})

describe('encodeProfileRef', () => {
  it('escapes the colon and the at sign for the URL path', () => {
    expect(encodeProfileRef('email:a@b.co')).toBe('email%3Aa%40b.co')
  })
})
