/** Multi-touch attribution models (Mixpanel's set; `position_based` is the 40/20/40 U shape). */
export const ATTRIBUTION_MODELS = [
  'first_touch',
  'last_touch',
  'linear',
  'time_decay',
  'position_based',
] as const
/** A multi-touch attribution model. */
export type AttributionModel = (typeof ATTRIBUTION_MODELS)[number]

/**
 * Weights (summing to 1) of the touchpoints before one conversion, oldest first.
 *
 * @param ages ms from each touchpoint to the conversion, oldest first.
 * @param halfLifeMs for `time_decay`: a touch this much older gets half the weight.
 */
export function attributionWeights(
  model: AttributionModel,
  ages: readonly number[],
  halfLifeMs: number,
): number[] {
  const n = ages.length
  if (n === 0) return []
  const weights = new Array<number>(n).fill(0)
  switch (model) {
    case 'first_touch':
      weights[0] = 1
      return weights
    case 'last_touch':
      weights[n - 1] = 1
      return weights
    case 'linear':
      return weights.fill(1 / n)
    case 'time_decay': {
      const raw = ages.map((age) => 2 ** (-age / halfLifeMs))
      const sum = raw.reduce((total, weight) => total + weight, 0)
      return raw.map((weight) => weight / sum)
    }
    case 'position_based': {
      if (n === 1) return [1]
      if (n === 2) return [0.5, 0.5]
      weights.fill(0.2 / (n - 2))
      weights[0] = 0.4
      weights[n - 1] = 0.4
      return weights
    }
  }
}
