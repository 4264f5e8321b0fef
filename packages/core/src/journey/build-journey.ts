import { buildTimeline, computeTraits, mergeTraits } from '../profiles/index.js'
import type { Message } from '../spec/index.js'
import { compileStageModel, evaluateStages } from './stage-engine.js'
import { defaultStageModel } from './stage-models.js'
import type { Journey, JourneyOptions } from './types.js'

/** Epoch ms of `JourneyOptions.now`, defaulting to the current time. */
export function resolveNow(now: number | Date | undefined): number {
  if (now === undefined) return Date.now()
  return typeof now === 'number' ? now : now.getTime()
}

/**
 * Builds one profile's journey from its messages (in any order): the annotated timeline, stage
 * transitions under the stage model, merged traits, groups and computed traits. The result
 * depends only on the messages and the options, never on the order they arrived in.
 *
 * @param messages every message of one profile (all its identities), validated.
 * @throws ConfigError when `options.model` is not a valid stage model.
 * @example
 * const journey = buildJourney(messages, { now: Date.parse('2024-06-01T00:00:00Z') })
 * journey.currentStage // 'purchase'
 * journey.stages // [{ stage: 'awareness', enteredAt: '…', messageId: 'm1' }, …]
 * @see docs/journeys.md
 */
export function buildJourney(messages: readonly Message[], options: JourneyOptions = {}): Journey {
  const compiled = compileStageModel(options.model ?? defaultStageModel)
  const now = resolveNow(options.now)
  const timeline = buildTimeline(messages, { sessionTimeoutMs: options.sessionTimeoutMs })
  const { stages, currentStage, stageDurations } = evaluateStages(timeline, compiled, now)
  const { traits, groups } = mergeTraits(timeline)
  const computed = computeTraits(timeline, { now })
  return { timeline, stages, currentStage, stageDurations, traits, groups, computed }
}
