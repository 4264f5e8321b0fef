import type { Message, MessageType } from '../spec/index.js'

/** Where a message came from, as the timeline groups touchpoints. */
export type Channel = 'web' | 'mobile' | 'server' | 'email' | 'pos' | 'other'

/** The campaign fields of a touchpoint: `context.campaign`, or UTM parameters of the page URL. */
export interface Campaign {
  name?: string
  source?: string
  medium?: string
  term?: string
  content?: string
}

/** How the profile arrived at a message: the campaign it carried and the referring URL. */
export interface Touchpoint {
  /** From `context.campaign`, else from the `utm_*` parameters of `context.page.url`. */
  campaign?: Campaign
  /** From `context.referrer.url`/`link`, else `context.page.referrer`. */
  referrer?: string
}

/** One message of a profile's timeline, annotated for journey analysis. */
export interface TimelineEntry {
  /** The message's `messageId`, or a content hash (`h_…`) when it had none. */
  messageId: string
  type: MessageType
  /** The `event` of a `track` call. */
  event?: string
  /** The `name` of a `page` or `screen` call. */
  name?: string
  /** Clock-skew-corrected time (ISO-8601, UTC). */
  timestamp: string
  /** The same instant in epoch milliseconds, for arithmetic. */
  time: number
  channel: Channel
  /** Deterministic id of the session on this channel: `<channel>:<messageId of its first message>`. */
  sessionId: string
  /** Present when the message carried a campaign or a referrer. */
  touchpoint?: Touchpoint
  /** The message's `properties` (`{}` when it had none). */
  properties: Record<string, unknown>
  /** The validated message itself (same object, not a copy). */
  message: Message
}

/** One trait of a profile: its value and which message set it, when. */
export interface TraitValue {
  value: unknown
  /** The message that set the value last (by message time, never arrival). */
  messageId: string
  /** Time of that message (ISO-8601, UTC). */
  timestamp: string
}

/** Traits by name. */
export type ProfileTraits = Record<string, TraitValue>

/** A group (account, company) the profile belongs to, with the group's own traits. */
export interface GroupProfile {
  groupId: string
  /** The first `group` call that linked the profile to the group. */
  joinedAt: string
  traits: ProfileTraits
}

/** Traits computed from the whole timeline. */
export interface ComputedTraits {
  /** Time of the first message; absent for an empty timeline. */
  firstSeen?: string
  /** Time of the last message; absent for an empty timeline. */
  lastSeen?: string
  messageCount: number
  /** Messages by `type`. */
  countsByType: Partial<Record<MessageType, number>>
  /** `track` calls by `event`. */
  countsByEvent: Record<string, number>
  /** Channels seen, sorted. */
  channels: Channel[]
  sessionCount: number
  /** Number of orders: `Order Completed` or `purchase` track calls, in any naming convention. */
  orderCount: number
  /** Sum of `revenue` (else `total`, else `value`) over those orders; currencies are not converted. */
  revenueTotal: number
  /** Whole days between `lastSeen` and `now`; absent for an empty timeline. */
  daysSinceLastSeen?: number
}
