import type {
  ComputedTraits,
  GroupProfile,
  ProfileTraits,
  TimelineEntry,
} from '../profiles/index.js'
import type { Message } from '../spec/index.js'
import type { StageModel } from './stage-model-schema.js'

/** A move of the profile into a stage: when, and which message caused it. */
export interface StageEntry {
  /** Stage id (or lapse stage id) from the model. */
  stage: string
  /** ISO-8601, UTC. For a lapse stage: the last message's time plus the lapse period. */
  enteredAt: string
  /** The message that moved the profile; for a lapse stage, the last message before the lapse. */
  messageId: string
}

/** One profile's customer journey. */
export interface Journey {
  /** Every message, in order, annotated with channel, session and touchpoint. */
  timeline: TimelineEntry[]
  /** Stage transitions in order; the last one is the current stage. */
  stages: StageEntry[]
  /** The stage the profile is in now; undefined when no stage matched (or no messages). */
  currentStage: string | undefined
  /** Milliseconds spent in each stage, summed over visits; the current one runs until `now`. */
  stageDurations: Record<string, number>
  /** The profile's traits, latest message time wins per trait. */
  traits: ProfileTraits
  /** Groups the profile belongs to, with the groups' own traits. */
  groups: Record<string, GroupProfile>
  computed: ComputedTraits
}

/** Options for `buildJourney`. */
export interface JourneyOptions {
  /** The stage model. @default defaultStageModel */
  model?: StageModel
  /** Inactivity on one channel that ends a session, in ms. @default 1800000 (30 minutes) */
  sessionTimeoutMs?: number
  /** "Now", for lapse rules, the current stage's duration and `daysSinceLastSeen`. @default Date.now() */
  now?: number | Date
}

/** One profile's messages, already grouped (by the identity engine, for instance). */
export interface ProfileEvents {
  id: string
  messages: Message[]
}

/** One profile's timeline, such as `{ id, ...buildJourney(messages) }`; skips re-sorting. */
export interface ProfileTimeline {
  id: string
  timeline: TimelineEntry[]
}

/** What the workspace analytics accept per profile: raw messages or a built timeline. */
export type AnalyticsProfile = ProfileEvents | ProfileTimeline
