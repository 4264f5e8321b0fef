import { timelineOf } from './analytics-input.js'
import { resolveNow } from './build-journey.js'
import { compileStageModel, evaluateStages } from './stage-engine.js'
import type { StageModel } from './stage-model-schema.js'
import { defaultStageModel } from './stage-models.js'
import type { TimelineEntry } from '../profiles/index.js'
import type { AnalyticsProfile, Journey } from './types.js'
import { ratio } from './stats.js'

/** How many profiles are in, and reached, one stage. */
export interface StageCount {
  stage: string
  label?: string
  /** Profiles whose current stage this is. */
  current: number
  /** `current` over all profiles. */
  share: number
  /** Profiles that got this far (for a lapse stage: that ever lapsed into it). */
  reached: number
  /** `reached` over the previous stage's `reached`; null for the first stage and lapse stages. */
  conversionFromPrevious: number | null
}

/** Result of {@link computeStageDistribution}. */
export interface StageDistribution {
  /** Profiles counted. */
  total: number
  /** Profiles in no stage (no message matched the first stage). */
  noStage: number
  /** The model's stages in order, then its lapse stages. */
  stages: StageCount[]
}

/** Options for {@link computeStageDistribution}. */
export interface StageDistributionOptions {
  /** "Now" for lapse rules. @default Date.now() */
  now?: number | Date
  /** Session timeout used when timelines are built here. @default 1800000 */
  sessionTimeoutMs?: number
}

const isJourney = (input: AnalyticsProfile | Journey): input is Journey =>
  'currentStage' in input && 'stages' in input

/**
 * Profiles per current stage and stage-to-stage conversion. A profile "reached" a stage when it
 * got that far or further, so `reached` never grows along the stages.
 *
 * @param input profiles (messages or timelines) or journeys built with the same `model`.
 * @throws ConfigError when the model is invalid.
 * @example
 * computeStageDistribution(profiles, defaultStageModel).stages.map((s) => [s.stage, s.current])
 */
export function computeStageDistribution(
  input: readonly (AnalyticsProfile | Journey)[],
  model: StageModel = defaultStageModel,
  options: StageDistributionOptions = {},
): StageDistribution {
  const compiled = compileStageModel(model)
  const now = resolveNow(options.now)
  const progression = new Map(compiled.ids.map((id, index) => [id, index]))
  const lapseIds = compiled.lapse.map((rule) => rule.stage)
  const ids = [...compiled.ids, ...lapseIds]
  const current = new Map<string, number>(ids.map((id) => [id, 0]))
  const reachedAtLeast = new Array<number>(compiled.ids.length + 1).fill(0)
  const lapsed = new Map<string, number>(lapseIds.map((id) => [id, 0]))
  let noStage = 0
  for (const item of input) {
    const evaluation = isJourney(item)
      ? item
      : evaluateStages(
          timelineOf(item, {
            annotate: true,
            sessionTimeoutMs: options.sessionTimeoutMs,
          }) as readonly TimelineEntry[],
          compiled,
          now,
        )
    if (evaluation.currentStage === undefined) {
      noStage++
      continue
    }
    current.set(evaluation.currentStage, (current.get(evaluation.currentStage) ?? 0) + 1)
    let furthest = -1
    const seenLapse = new Set<string>()
    for (const entry of evaluation.stages) {
      const index = progression.get(entry.stage)
      if (index !== undefined) furthest = Math.max(furthest, index)
      else seenLapse.add(entry.stage)
    }
    reachedAtLeast[furthest + 1] = (reachedAtLeast[furthest + 1] ?? 0) + 1
    for (const stage of seenLapse) lapsed.set(stage, (lapsed.get(stage) ?? 0) + 1)
  }
  // reached[i] = profiles whose furthest stage is i or later.
  const reached = new Array<number>(compiled.ids.length).fill(0)
  let running = 0
  for (let i = compiled.ids.length - 1; i >= 0; i--) {
    running += reachedAtLeast[i + 1] as number
    reached[i] = running
  }
  const total = input.length
  const labels = new Map<string, string | undefined>([
    ...compiled.model.stages.map((stage) => [stage.id, stage.label] as const),
    ...(compiled.model.lapse ?? []).map((rule) => [rule.stage, rule.label] as const),
  ])
  const stages: StageCount[] = ids.map((stage, index) => {
    const isLapse = index >= compiled.ids.length
    const count: StageCount = {
      stage,
      current: current.get(stage) ?? 0,
      share: ratio(current.get(stage) ?? 0, total),
      reached: isLapse ? (lapsed.get(stage) ?? 0) : (reached[index] as number),
      conversionFromPrevious:
        isLapse || index === 0
          ? null
          : ratio(reached[index] as number, reached[index - 1] as number),
    }
    const label = labels.get(stage)
    if (label !== undefined) count.label = label
    return count
  })
  return { total, noStage, stages }
}
