import type { TimelineEntry } from '../profiles/index.js'
import { createEventNameTest, type EventNameTest } from '../profiles/event-names.js'
import { keyedRecord } from '../profiles/keyed-record.js'
import { compileMatcher, type EntryPredicate } from './message-matcher.js'
import { parseStageModel, type StageModel } from './stage-model-schema.js'
import type { StageEntry } from './types.js'

const DAY_MS = 86_400_000

interface CompiledRule {
  match: EntryPredicate
  occurrence: number
  /** Index of the stage required at an earlier message, or -1. */
  after: number
  /** Slot of this rule's occurrence counter. */
  counter: number
}

/** A validated stage model turned into predicates. */
export interface CompiledStageModel {
  model: StageModel
  ids: string[]
  rules: CompiledRule[][]
  /**
   * Per stage, a test for the event/page/screen names some rule needs; undefined when a rule
   * matches without a name. Lets most messages skip a stage with one lookup.
   */
  names: (EventNameTest | undefined)[]
  counters: number
  /** Lapse rules, shortest period first. */
  lapse: { stage: string; ms: number }[]
}

const cache = new WeakMap<StageModel, CompiledStageModel>()

/** Validates (throwing `ConfigError`) and compiles a stage model; cached per model object. */
export function compileStageModel(model: StageModel): CompiledStageModel {
  const cached = cache.get(model)
  if (cached !== undefined) return cached
  const valid = parseStageModel(model)
  const ids = valid.stages.map((stage) => stage.id)
  let counters = 0
  const compiled: CompiledStageModel = {
    model: valid,
    ids,
    rules: valid.stages.map((stage) =>
      stage.rules.map((rule) => ({
        match: compileMatcher(rule),
        occurrence: rule.occurrence ?? 1,
        after: rule.after === undefined ? -1 : ids.indexOf(rule.after),
        counter: counters++,
      })),
    ),
    names: valid.stages.map((stage) =>
      stage.rules.every((rule) => rule.event !== undefined)
        ? createEventNameTest(stage.rules.flatMap((rule) => [rule.event ?? []].flat()))
        : undefined,
    ),
    counters: 0,
    lapse: (valid.lapse ?? [])
      .map((rule) => ({ stage: rule.stage, ms: rule.afterDays * DAY_MS }))
      .sort((a, b) => a.ms - b.ms),
  }
  compiled.counters = counters
  cache.set(model, compiled)
  return compiled
}

/** Stage transitions of one timeline. */
export interface StageEvaluation {
  stages: StageEntry[]
  currentStage: string | undefined
  stageDurations: Record<string, number>
}

/** Stage entries as they happen, with their times in ms beside them (one object per entry). */
class Transitions {
  readonly stages: StageEntry[] = []
  readonly times: number[] = []

  add(stage: string, time: number, timestamp: string | undefined, messageId: string): void {
    this.stages.push({ stage, enteredAt: timestamp ?? new Date(time).toISOString(), messageId })
    this.times.push(time)
  }
}

/**
 * Walks a timeline through a stage model. A stage is reached at the first message matching one
 * of its rules; the profile moves forward only (to the furthest stage reached), skipping stages
 * it has not reached. `after` conditions read when stages were reached, even stages the profile
 * moved past. After `afterDays` without messages the profile enters the lapse stage; its next
 * message brings it back to the furthest stage.
 */
export function evaluateStages(
  timeline: readonly TimelineEntry[],
  compiled: CompiledStageModel,
  now: number,
): StageEvaluation {
  const { ids, rules, lapse, names } = compiled
  const reachedAt = new Array<number>(ids.length).fill(-1)
  const counts = new Array<number>(compiled.counters).fill(0)
  const transitions = new Transitions()
  let current = -1
  let previous: TimelineEntry | undefined
  for (let i = 0; i < timeline.length; i++) {
    const entry = timeline[i] as TimelineEntry
    if (previous !== undefined && current >= 0 && lapse.length > 0) {
      if (addLapses(transitions, lapse, previous, entry.time)) {
        transitions.add(ids[current] as string, entry.time, entry.timestamp, entry.messageId)
      }
    }
    let furthest = current
    const name = entry.event ?? entry.name
    for (let s = 0; s < ids.length; s++) {
      if (reachedAt[s] !== -1) continue
      const isNamed = names[s]
      if (isNamed !== undefined && (name === undefined || !isNamed(name))) continue
      const stageRules = rules[s] as CompiledRule[]
      for (let r = 0; r < stageRules.length; r++) {
        const rule = stageRules[r] as CompiledRule
        if (!rule.match(entry)) continue
        const count = (counts[rule.counter] as number) + 1
        counts[rule.counter] = count
        if (count < rule.occurrence) continue
        if (rule.after !== -1) {
          const required = reachedAt[rule.after] as number
          if (required === -1 || required >= i) continue
        }
        reachedAt[s] = i
        if (s > furthest) {
          transitions.add(ids[s] as string, entry.time, entry.timestamp, entry.messageId)
          furthest = s
        }
        break
      }
    }
    current = furthest
    previous = entry
  }
  if (previous !== undefined && current >= 0 && lapse.length > 0) {
    addLapses(transitions, lapse, previous, now)
  }
  return summarize(transitions, now)
}

/** Appends the lapse stages passed between `previous` and `until`; true when any was. */
function addLapses(
  transitions: Transitions,
  lapse: CompiledStageModel['lapse'],
  previous: TimelineEntry,
  until: number,
): boolean {
  let lapsed = false
  for (const rule of lapse) {
    const at = previous.time + rule.ms
    if (at > until) break
    transitions.add(rule.stage, at, undefined, previous.messageId)
    lapsed = true
  }
  return lapsed
}

function summarize({ stages, times }: Transitions, now: number): StageEvaluation {
  // Stage ids are the model's own, but any string: `constructor` must not read Object's.
  const stageDurations = keyedRecord<number>()
  for (let k = 0; k < stages.length; k++) {
    const { stage } = stages[k] as StageEntry
    const time = times[k] as number
    const end = k + 1 < times.length ? (times[k + 1] as number) : Math.max(now, time)
    stageDurations[stage] = (stageDurations[stage] ?? 0) + (end - time)
  }
  return { stages, currentStage: stages[stages.length - 1]?.stage, stageDurations }
}
