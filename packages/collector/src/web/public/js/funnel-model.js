// Normalises a funnel result from POST /v1/funnels and lays out its bars; pure, no DOM.

/** @param {unknown} value */
const countOf = (value) =>
  Array.isArray(value) ? value.length : typeof value === 'number' ? value : undefined

/** @param {Record<string, any>} step */
function stepName(step, index) {
  const named = step.name ?? step.label ?? step.event ?? step.step?.name ?? step.step?.event
  return typeof named === 'string' ? named : `Step ${index + 1}`
}

/** @param {Record<string, any>} step */
function stepTime(step, key) {
  const time = step.timeToConvert ?? step.timeToConvertMs ?? {}
  const candidates = {
    median: [
      step.medianMsFromPrevious,
      step.medianTimeToConvertMs,
      step.medianMs,
      time.median,
      time.p50,
    ],
    p90: [step.p90MsFromPrevious, step.p90TimeToConvertMs, step.p90Ms, time.p90],
  }[key]
  const found = candidates.find((value) => typeof value === 'number' && Number.isFinite(value))
  return found ?? null
}

/**
 * Reads funnel steps in any of the result shapes the API may return and fills in the derived
 * conversion rates: `fromFirst` and `fromPrevious` are ratios in 0..1.
 * @param {Array<Record<string, any>>} rawSteps
 * @returns {Array<{ name: string, count: number, fromFirst: number | null, fromPrevious: number | null, medianMs: number | null, p90Ms: number | null, dropped: number }>}
 */
export function normalizeFunnelSteps(rawSteps) {
  const steps = Array.isArray(rawSteps) ? rawSteps : []
  const counts = steps.map(
    (step) =>
      countOf(step.profiles) ??
      countOf(step.count) ??
      countOf(step.reached) ??
      countOf(step.entered) ??
      0,
  )
  const first = counts[0] ?? 0
  return steps.map((step, index) => {
    const count = counts[index] ?? 0
    const previous = index === 0 ? count : (counts[index - 1] ?? 0)
    return {
      name: stepName(step, index),
      count,
      fromFirst: first > 0 ? count / first : null,
      fromPrevious: index === 0 ? null : previous > 0 ? count / previous : null,
      medianMs: index === 0 ? null : stepTime(step, 'median'),
      p90Ms: index === 0 ? null : stepTime(step, 'p90'),
      dropped: index === 0 ? 0 : Math.max(0, previous - count),
    }
  })
}

/**
 * Reads a funnel result: its steps and, when asked for, its breakdown groups.
 * @param {Record<string, any>} result
 * @returns {{ steps: ReturnType<typeof normalizeFunnelSteps>, breakdown: Array<{ value: string, steps: ReturnType<typeof normalizeFunnelSteps> }> }}
 */
export function normalizeFunnel(result) {
  const source = result?.data && !Array.isArray(result.data) ? result.data : result
  const raw = source?.breakdown?.groups ?? source?.breakdowns ?? source?.breakdown ?? []
  const groups = Array.isArray(raw)
    ? raw
    : Object.entries(raw).map(([value, steps]) => ({ value, steps }))
  return {
    steps: normalizeFunnelSteps(source?.steps ?? []),
    breakdown: groups.map((group) => ({
      value: String(group.value ?? group.key ?? group.name ?? '(none)'),
      steps: normalizeFunnelSteps(
        Array.isArray(group.steps) ? group.steps : (group.result?.steps ?? []),
      ),
    })),
  }
}

/**
 * Horizontal bar geometry for a funnel chart: each bar's width is its share of the first step.
 * @param {Array<{ count: number }>} steps
 * @param {{ width: number, rowHeight?: number, gap?: number }} options
 * @returns {{ height: number, bars: Array<{ x: number, y: number, width: number, height: number, droppedWidth: number }> }}
 */
export function layoutFunnelBars(steps, options) {
  const rowHeight = options.rowHeight ?? 28
  const gap = options.gap ?? 30
  const first = steps[0]?.count ?? 0
  const bars = steps.map((step, index) => {
    const share = first > 0 ? step.count / first : 0
    const previousShare =
      index === 0 ? share : first > 0 ? (steps[index - 1]?.count ?? 0) / first : 0
    const width = Math.max(share > 0 ? 2 : 0, share * options.width)
    return {
      x: 0,
      y: index * (rowHeight + gap) + gap - 8,
      width,
      height: rowHeight,
      droppedWidth: Math.max(0, (previousShare - share) * options.width),
    }
  })
  return { height: steps.length * (rowHeight + gap) + 8, bars }
}
