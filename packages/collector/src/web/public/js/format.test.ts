import { describe, expect, it } from 'vitest'
import {
  formatCount,
  formatDateTime,
  formatDuration,
  formatMoney,
  formatPercent,
} from './format.js'

describe('formatPercent', () => {
  it('shows one decimal except for whole extremes', () => {
    expect([0, 0.4251, 1, 0.99999, null].map(formatPercent)).toEqual([
      '0%',
      '42.5%',
      '100%',
      '100%',
      '—',
    ])
  })
})

describe('formatDuration', () => {
  it('uses the two largest units of the duration', () => {
    expect(
      [450, 45_000, 180_000, 7_500_000, 3 * 86_400_000 + 3 * 3_600_000, 86_400_000].map(
        formatDuration,
      ),
    ).toEqual(['450 ms', '45 s', '3 min', '2 h 5 min', '3 d 3 h', '1 d'])
  })

  it('shows an em dash for unknown or negative durations', () => {
    expect([null, undefined, -1, Number.NaN].map(formatDuration)).toEqual(['—', '—', '—', '—'])
  })
})

describe('formatCount', () => {
  it('adds thousands separators', () => {
    expect(formatCount(12_345.4)).toBe('12,345')
  })
})

describe('formatDateTime', () => {
  it('prints minutes in UTC and passes unparsable text through', () => {
    expect(formatDateTime('2026-05-01T14:03:59.000Z')).toBe('2026-05-01 14:03 UTC')
    expect(formatDateTime('soon')).toBe('soon')
  })
})

describe('formatMoney', () => {
  it('prints two decimals with the currency code', () => {
    expect(formatMoney(1234.5, 'USD')).toBe('1,234.50 USD')
  })
})
