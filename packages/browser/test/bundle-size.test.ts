import { describe, expect, it } from 'vitest'
import { MUST_NOT_APPEAR, measureSizes } from './size.js'

describe('bundle size', () => {
  it('keeps the full tracker and the minimal import within their min+gzip budgets', async () => {
    const reports = await measureSizes()
    for (const r of reports) {
      expect({ name: r.name, overBudget: r.gzip > r.budget }).toEqual({
        name: r.name,
        overBudget: false,
      })
      for (const word of MUST_NOT_APPEAR) expect(r.code).not.toContain(word)
    }
  })
})
