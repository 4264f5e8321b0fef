import { describe, expect, it } from 'vitest'
import * as core from './index.js'
import * as validation from './validation.js'
import * as wire from './wire.js'

describe('@itinera/core/wire', () => {
  it('exports the very objects of @itinera/core, so errors from either pass instanceof', () => {
    const names = Object.keys(wire)
    expect(names).toEqual(
      expect.arrayContaining(['acceptCleanMessage', 'DeliveryError', 'backoffDelay']),
    )
    for (const name of names)
      expect(wire[name as keyof typeof wire]).toBe(core[name as keyof typeof core])
    expect(names).not.toContain('validateMessage')
    expect(names).not.toContain('IdentityGraph')
  })

  it('validation exports the very validators and schemas of @itinera/core', () => {
    expect(Object.keys(validation)).toContain('validateMessage')
    for (const [name, value] of Object.entries(validation))
      expect(value).toBe(core[name as keyof typeof core])
  })
})
