import { describe, expect, it } from 'vitest'
import {
  buildJourney,
  computeStageDistribution,
  defaultStageModel,
  type Message,
  type StageModel,
} from '@itinera/core'
import { at, page, track } from './journey.fixture.js'

const profiles = [
  { id: 'a', messages: [page('a1', at(1), 'Home')] },
  { id: 'b', messages: [page('b1', at(1), 'Home'), track('b2', at(2), 'Product Viewed')] },
  {
    id: 'c',
    messages: [track('c1', at(1), 'Product Viewed'), track('c2', at(2), 'Order Completed')],
  },
  {
    id: 'd',
    messages: [track('d1', at(1), 'Order Completed'), track('d2', at(3), 'Product Reviewed')],
  },
]
const now = Date.parse(at(10))

describe('computeStageDistribution', () => {
  it('counts profiles per current stage with shares and stage-to-stage conversion', () => {
    const result = computeStageDistribution(profiles, defaultStageModel, { now })
    expect(result.total).toBe(4)
    expect(result.noStage).toBe(0)
    expect(
      result.stages.map(({ stage, current, share, reached, conversionFromPrevious }) => [
        stage,
        current,
        share,
        reached,
        conversionFromPrevious,
      ]),
    ).toEqual([
      ['awareness', 1, 0.25, 4, null],
      ['consideration', 1, 0.25, 3, 3 / 4],
      ['purchase', 1, 0.25, 2, 2 / 3],
      ['retention', 0, 0, 1, 1 / 2],
      ['advocacy', 1, 0.25, 1, 1],
    ])
    expect(result.stages[0]?.label).toBe('Awareness')
  })

  it('gives the same result from journeys as from messages', () => {
    const journeys = profiles.map(({ messages }) => buildJourney(messages, { now }))
    expect(computeStageDistribution(journeys, defaultStageModel, { now })).toEqual(
      computeStageDistribution(profiles, defaultStageModel, { now }),
    )
  })

  it('accepts built timelines', () => {
    const timelines = profiles.map(({ id, messages }) => ({
      id,
      timeline: buildJourney(messages, { now }).timeline,
    }))
    expect(
      computeStageDistribution(timelines, defaultStageModel, { now }).stages.map((s) => s.current),
    ).toEqual([1, 1, 1, 0, 1])
  })

  it('lists lapse stages after the model stages and counts profiles without a stage', () => {
    const model: StageModel = {
      name: 'buyers',
      stages: [{ id: 'buyer', rules: [{ event: 'Order Completed' }] }],
      lapse: [{ stage: 'lapsed', afterDays: 5, label: 'Lapsed' }],
    }
    const result = computeStageDistribution(profiles, model, { now })
    expect(result.noStage).toBe(2)
    expect(result.stages).toEqual([
      { stage: 'buyer', current: 0, share: 0, reached: 2, conversionFromPrevious: null },
      {
        stage: 'lapsed',
        label: 'Lapsed',
        current: 2,
        share: 0.5,
        reached: 2,
        conversionFromPrevious: null,
      },
    ])
  })

  it('returns zeros for no profiles', () => {
    const result = computeStageDistribution([] as { id: string; messages: Message[] }[])
    expect(result.total).toBe(0)
    expect(result.stages.every((stage) => stage.current === 0 && stage.share === 0)).toBe(true)
  })
})
