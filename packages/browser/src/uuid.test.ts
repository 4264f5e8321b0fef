import { afterEach, describe, expect, it, vi } from 'vitest'
import { uuid } from './uuid'

afterEach(() => {
  vi.unstubAllGlobals()
})

describe('uuid', () => {
  it('returns v4 uuids outside secure contexts too, where randomUUID is missing', () => {
    const { getRandomValues } = globalThis.crypto
    vi.stubGlobal('crypto', { getRandomValues: getRandomValues.bind(globalThis.crypto) })
    const ids = new Set(Array.from({ length: 200 }, uuid))
    expect(ids.size).toBe(200)
    for (const id of ids)
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
  })
})
