import type { AnalyticsEntry } from './analytics-input.js'
import type { EventNameTest } from '../profiles/event-names.js'
import type { EntryPredicate } from './message-matcher.js'

/** A funnel definition turned into predicates and numbers. */
export interface CompiledFunnel {
  steps: EntryPredicate[]
  /** Tests for every name a step or exclusion needs; other messages skip the predicates. */
  isNamed: EventNameTest
  exclusions: { match: EntryPredicate; from: number; to: number }[]
  windowMs: number
  order: 'ordered' | 'strict' | 'any'
  fromTime: number
  toTime: number
}

/** One profile's best pass through a funnel. */
export interface FunnelAttempt {
  /** Steps reached (1 = only the first). */
  depth: number
  /** Time each reached step was done, epoch ms. */
  times: number[]
  /** Timeline index of the message that started the attempt. */
  anchor: number
}

/** `excluded`: every attempt hit an exclusion; undefined: the first step never happened. */
export type AttemptOutcome = FunnelAttempt | 'excluded' | undefined

const EVENT_TYPES = new Set(['track', 'page', 'screen'])

/** Finds the deepest attempt (earliest among equals) of one profile. */
export function findAttempt(
  timeline: readonly AnalyticsEntry[],
  funnel: CompiledFunnel,
): AttemptOutcome {
  const k = funnel.steps.length
  const positions: number[][] = funnel.steps.map(() => [])
  const excluded: number[][] = funnel.exclusions.map(() => [])
  let any = false
  for (let i = 0; i < timeline.length; i++) {
    const entry = timeline[i] as AnalyticsEntry
    const name = entry.event ?? entry.name
    if (name === undefined || !funnel.isNamed(name)) continue
    for (let s = 0; s < k; s++) {
      if ((funnel.steps[s] as EntryPredicate)(entry)) {
        ;(positions[s] as number[]).push(i)
        any = true
      }
    }
    for (let x = 0; x < excluded.length; x++) {
      if (funnel.exclusions[x]?.match(entry)) (excluded[x] as number[]).push(i)
    }
  }
  if (!any) return undefined
  if (funnel.order === 'ordered') return ordered(timeline, funnel, positions, excluded)
  if (funnel.order === 'strict') return strict(timeline, funnel, positions, excluded)
  return unordered(timeline, funnel, positions, excluded)
}

type Attempt = { indices: number[]; times: number[]; anchor: number; deadline: number }

/** Keeps the deepest attempt that no exclusion voids (the earliest among equals). */
class Picker {
  best: FunnelAttempt | undefined
  sawExcluded = false

  constructor(
    private readonly timeline: readonly AnalyticsEntry[],
    private readonly funnel: CompiledFunnel,
    private readonly excluded: number[][],
  ) {}

  /** Offers an attempt; true when nothing can beat the best one any more. */
  offer(attempt: Attempt): boolean {
    if (
      this.excluded.length > 0 &&
      isExcluded(this.timeline, this.funnel, this.excluded, attempt)
    ) {
      this.sawExcluded = true
      return false
    }
    const depth = attempt.times.length
    if (this.best === undefined || depth > this.best.depth) {
      this.best = { depth, times: attempt.times, anchor: attempt.anchor }
    }
    return depth === this.funnel.steps.length
  }

  outcome(): AttemptOutcome {
    return this.best ?? (this.sawExcluded ? 'excluded' : undefined)
  }
}

function inWindow(funnel: CompiledFunnel, time: number): boolean {
  return time >= funnel.fromTime && time < funnel.toTime
}

function ordered(
  timeline: readonly AnalyticsEntry[],
  funnel: CompiledFunnel,
  positions: number[][],
  excluded: number[][],
): AttemptOutcome {
  const picker = new Picker(timeline, funnel, excluded)
  const k = positions.length
  // Greedy earliest matches move forward as the anchor does, so each pointer only advances.
  const pointers = new Array<number>(k).fill(0)
  for (const anchor of positions[0] as number[]) {
    const start = (timeline[anchor] as AnalyticsEntry).time
    if (!inWindow(funnel, start)) continue
    const deadline = start + funnel.windowMs
    const indices = [anchor]
    const times = [start]
    let previous = anchor
    for (let s = 1; s < k; s++) {
      const list = positions[s] as number[]
      let p = pointers[s] as number
      while (p < list.length && (list[p] as number) <= previous) p++
      pointers[s] = p
      if (p >= list.length) break
      const next = list[p] as number
      const time = (timeline[next] as AnalyticsEntry).time
      if (time > deadline) break
      indices.push(next)
      times.push(time)
      previous = next
    }
    if (picker.offer({ indices, times, anchor, deadline })) break
  }
  return picker.outcome()
}

function strict(
  timeline: readonly AnalyticsEntry[],
  funnel: CompiledFunnel,
  positions: number[][],
  excluded: number[][],
): AttemptOutcome {
  const picker = new Picker(timeline, funnel, excluded)
  const events: number[] = []
  const rank = new Map<number, number>()
  for (let i = 0; i < timeline.length; i++) {
    if (EVENT_TYPES.has((timeline[i] as AnalyticsEntry).type)) {
      rank.set(i, events.length)
      events.push(i)
    }
  }
  for (const anchor of positions[0] as number[]) {
    const start = (timeline[anchor] as AnalyticsEntry).time
    const first = rank.get(anchor)
    if (first === undefined || !inWindow(funnel, start)) continue
    const deadline = start + funnel.windowMs
    const indices = [anchor]
    const times = [start]
    for (let s = 1; s < funnel.steps.length; s++) {
      const next = events[first + s]
      if (next === undefined) break
      const entry = timeline[next] as AnalyticsEntry
      if (entry.time > deadline || !(funnel.steps[s] as EntryPredicate)(entry)) break
      indices.push(next)
      times.push(entry.time)
    }
    if (picker.offer({ indices, times, anchor, deadline })) break
  }
  return picker.outcome()
}

function unordered(
  timeline: readonly AnalyticsEntry[],
  funnel: CompiledFunnel,
  positions: number[][],
  excluded: number[][],
): AttemptOutcome {
  const picker = new Picker(timeline, funnel, excluded)
  const k = positions.length
  const anchors = [...new Set(positions.flat())].sort((a, b) => a - b)
  const pointers = new Array<number>(k).fill(0)
  for (const anchor of anchors) {
    const start = (timeline[anchor] as AnalyticsEntry).time
    if (!inWindow(funnel, start)) continue
    const deadline = start + funnel.windowMs
    const indices: number[] = []
    const times: number[] = []
    let done = -Infinity
    for (let s = 0; s < k; s++) {
      const list = positions[s] as number[]
      let p = pointers[s] as number
      while (p < list.length && (list[p] as number) < anchor) p++
      pointers[s] = p
      if (p >= list.length) break
      const next = list[p] as number
      const time = (timeline[next] as AnalyticsEntry).time
      if (time > deadline) break
      // A step counts as done once it and every step before it happened.
      done = Math.max(done, time)
      indices.push(Math.max(next, indices[indices.length - 1] ?? next))
      times.push(done)
    }
    if (times.length > 0 && picker.offer({ indices, times, anchor, deadline })) break
  }
  return picker.outcome()
}

/** First timeline index after the attempt's window. */
function windowEnd(timeline: readonly AnalyticsEntry[], attempt: Attempt): number {
  let i = attempt.indices[attempt.indices.length - 1] as number
  while (i < timeline.length && (timeline[i] as AnalyticsEntry).time <= attempt.deadline) i++
  return i
}

function isExcluded(
  timeline: readonly AnalyticsEntry[],
  funnel: CompiledFunnel,
  excluded: number[][],
  attempt: Attempt,
): boolean {
  const reached = attempt.indices.length - 1
  for (let x = 0; x < excluded.length; x++) {
    const hits = excluded[x] as number[]
    if (hits.length === 0) continue
    const rule = funnel.exclusions[x] as CompiledFunnel['exclusions'][number]
    const unorderedMode = funnel.order === 'any'
    const from = unorderedMode ? 0 : rule.from
    if (reached < from) continue
    const low = unorderedMode ? attempt.anchor : (attempt.indices[from] as number)
    const high =
      reached >= rule.to ? (attempt.indices[rule.to] as number) : windowEnd(timeline, attempt)
    for (const hit of hits) if (hit > low && hit < high) return true
  }
  return false
}
