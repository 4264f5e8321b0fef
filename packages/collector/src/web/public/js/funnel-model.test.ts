import { describe, expect, it } from 'vitest'
import { layoutFunnelBars, normalizeFunnel, normalizeFunnelSteps } from './funnel-model.js'

describe('normalizeFunnelSteps', () => {
  it('derives conversion from the first and the previous step when the API gives counts', () => {
    const steps = normalizeFunnelSteps([
      { event: 'Product Viewed', count: 200 },
      { event: 'Product Added', count: 80, medianTimeToConvertMs: 60_000 },
      { event: 'Order Completed', count: 20 },
    ])
    expect(steps.map((step) => [step.name, step.count, step.fromFirst, step.fromPrevious])).toEqual(
      [
        ['Product Viewed', 200, 1, null],
        ['Product Added', 80, 0.4, 0.4],
        ['Order Completed', 20, 0.1, 0.25],
      ],
    )
    expect(steps[1]!.medianMs).toBe(60_000)
    expect(steps[2]!.dropped).toBe(60)
  })

  it('counts profile lists and reads nested time-to-convert figures', () => {
    const steps = normalizeFunnelSteps([
      { name: 'Viewed', profiles: ['p1', 'p2'] },
      { name: 'Bought', profiles: ['p1'], timeToConvert: { median: 5000, p90: 9000 } },
    ])
    expect(steps[1]).toMatchObject({ count: 1, fromPrevious: 0.5, medianMs: 5000, p90Ms: 9000 })
  })

  it('reads the wire shape of POST /v1/funnels', () => {
    const steps = normalizeFunnelSteps([
      { event: 'Product Viewed', count: 10, conversion: 1, medianMsFromPrevious: null },
      { event: 'Order Completed', count: 4, conversion: 0.4, medianMsFromPrevious: 120_000 },
    ])
    expect(steps[1]).toMatchObject({ name: 'Order Completed', fromFirst: 0.4, medianMs: 120_000 })
  })

  it('reports no conversion rather than dividing by zero when nobody entered', () => {
    const steps = normalizeFunnelSteps([{ count: 0 }, { count: 0 }])
    expect(steps.map((step) => [step.name, step.fromFirst, step.fromPrevious])).toEqual([
      ['Step 1', null, null],
      ['Step 2', null, null],
    ])
  })
})

describe('normalizeFunnel', () => {
  it('reads breakdown groups given as a list or as a map', () => {
    const listed = normalizeFunnel({
      steps: [{ count: 2 }],
      breakdown: [{ value: 'web', steps: [{ count: 2 }] }],
    })
    const mapped = normalizeFunnel({ steps: [{ count: 2 }], breakdown: { web: [{ count: 2 }] } })
    expect(listed.breakdown).toEqual(mapped.breakdown)
    expect(listed.breakdown[0]!.value).toBe('web')
  })
})

describe('layoutFunnelBars', () => {
  it('sizes bars by their share of the first step and shows the drop-off beside them', () => {
    const { bars } = layoutFunnelBars([{ count: 100 }, { count: 25 }], { width: 400 })
    expect(bars[0]!.width).toBe(400)
    expect(bars[1]!.width).toBe(100)
    expect(bars[1]!.droppedWidth).toBe(300)
    expect(bars[1]!.y).toBeGreaterThan(bars[0]!.y + bars[0]!.height)
  })

  it('keeps a visible sliver for a step with very few profiles', () => {
    const { bars } = layoutFunnelBars([{ count: 10_000 }, { count: 1 }], { width: 400 })
    expect(bars[1]!.width).toBe(2)
  })
})
