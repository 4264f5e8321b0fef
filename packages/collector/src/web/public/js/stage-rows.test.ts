import { describe, expect, it } from 'vitest'
import { stageRows } from './stage-rows.js'

describe('stageRows', () => {
  it('orders stages by the model and sums who got this far when the API does not say', () => {
    const rows = stageRows([
      { stage: 'purchase', profiles: 20 },
      { stage: 'awareness', profiles: 50 },
      { stage: 'consideration', profiles: 30 },
    ])
    expect(rows.map((row) => [row.stage, row.reached, row.fromPrevious])).toEqual([
      ['awareness', 100, null],
      ['consideration', 50, 0.5],
      ['purchase', 20, 0.4],
    ])
  })

  it('keeps the reach the API computed and puts custom stages last', () => {
    const rows = stageRows([
      { stage: 'lapsed', profiles: 5, reached: 9 },
      { stage: 'awareness', profiles: 1, reached: 10 },
    ])
    expect(rows.map((row) => [row.stage, row.reached, row.fromPrevious])).toEqual([
      ['awareness', 10, null],
      ['lapsed', 9, 0.9],
    ])
  })

  it('reports no conversion after a stage nobody reached', () => {
    const rows = stageRows([
      { stage: 'awareness', profiles: 0 },
      { stage: 'consideration', profiles: 0 },
    ])
    expect(rows[1]!.fromPrevious).toBeNull()
  })
})
