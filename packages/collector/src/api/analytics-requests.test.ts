import { describe, expect, it } from 'vitest'
import { readAttributionRequest, readPathsRequest } from './analytics-requests.js'

describe('readPathsRequest', () => {
  it('maps maxSteps to the core depth and from/to to a time range', () => {
    expect(
      readPathsRequest({ start: 'Signed Up', maxSteps: 3, limit: 5, from: '2026-01-01T00:00:00Z' }),
    ).toEqual({
      definition: { start: 'Signed Up', depth: 3, limit: 5 },
      range: { from: Date.parse('2026-01-01T00:00:00Z'), to: Infinity },
    })
  })

  it('names maxSteps, not the core depth, when it is out of range', () => {
    expect(() => readPathsRequest({ maxSteps: 99 })).toThrow(
      expect.objectContaining({ status: 400, param: 'maxSteps' }),
    )
  })
})

describe('readAttributionRequest', () => {
  it('maps the wire fields to the core definition with credit by channel', () => {
    expect(
      readAttributionRequest({
        conversion: 'Order Completed',
        model: 'u_shaped',
        lookbackMs: 86_400_000,
      }),
    ).toEqual({
      model: 'u_shaped',
      definition: {
        conversionEvent: 'Order Completed',
        model: 'position_based',
        lookbackDays: 1,
        dimension: 'channel',
      },
    })
  })

  it('names the wire field conversion when the conversion is missing', () => {
    expect(() => readAttributionRequest({ model: 'linear' })).toThrow(
      expect.objectContaining({ status: 400, param: 'conversion' }),
    )
  })
})
