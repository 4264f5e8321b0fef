import { describe, expect, it } from 'vitest'
import * as core from './index.js'
import * as wire from './wire.js'

describe('@itinera/core/wire', () => {
  it('exports the very objects of @itinera/core, so errors from either pass instanceof', () => {
    const names = Object.keys(wire)
    expect(names).toEqual(
      expect.arrayContaining(['validateMessage', 'DeliveryError', 'backoffDelay']),
    )
    for (const name of names)
      expect(wire[name as keyof typeof wire]).toBe(core[name as keyof typeof core])
  })

  it('leaves the engines out', () => {
    expect(Object.keys(wire)).not.toContain('IdentityGraph')
    expect(Object.keys(wire)).not.toContain('resolveIdentities')
  })
})
