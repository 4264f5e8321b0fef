import { describe, expect, it } from 'vitest'
import { buildRibbon } from './stage-ribbon.js'

describe('buildRibbon', () => {
  it('lists the five default stages in order with entry times and the current one', () => {
    const ribbon = buildRibbon({
      stages: [
        { stage: 'awareness', enteredAt: '2026-05-01T10:00:00.000Z', messageId: 'm1' },
        { stage: 'consideration', enteredAt: '2026-05-01T10:02:00.000Z', messageId: 'm2' },
        { stage: 'purchase', enteredAt: '2026-05-01T10:09:00.000Z', messageId: 'm3' },
      ],
      currentStage: 'purchase',
    })
    expect(ribbon.map((cell) => [cell.stage, cell.reached, cell.current])).toEqual([
      ['awareness', true, false],
      ['consideration', true, false],
      ['purchase', true, true],
      ['retention', false, false],
      ['advocacy', false, false],
    ])
    expect(ribbon[2]).toMatchObject({ label: 'Purchase', messageId: 'm3' })
  })

  it('appends stages of a custom model after the default ones', () => {
    const ribbon = buildRibbon({ stages: [{ stage: 'activation', enteredAt: 'x' }] })
    expect(ribbon.at(-1)).toMatchObject({ stage: 'activation', current: true })
  })

  it('shows an empty ribbon before the journey loads', () => {
    expect(buildRibbon(null).every((cell) => !cell.reached && !cell.current)).toBe(true)
  })
})
