export { detectChannel } from './channel.js'
export { computeTraits, type ComputedTraitsOptions } from './computed-traits.js'
export { canonicalEventName } from './event-names.js'
export {
  compareOrdered,
  messageIdOf,
  messageTime,
  orderMessages,
  parseCanonicalIso,
  sortAndDedupe,
} from './message-order.js'
export type { OrderedMessage } from './message-order.js'
export { DEFAULT_SESSION_TIMEOUT_MS, buildTimeline, type TimelineOptions } from './timeline.js'
export { campaignFromUrl, extractTouchpoint } from './touchpoint.js'
export { mergeTraits, type MergedTraits } from './traits.js'
export type {
  Campaign,
  Channel,
  ComputedTraits,
  GroupProfile,
  ProfileTraits,
  TimelineEntry,
  Touchpoint,
  TraitValue,
} from './types.js'
