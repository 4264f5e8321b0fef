import { keyedRecord } from './keyed-record.js'
import type { GroupProfile, ProfileTraits, TimelineEntry } from './types.js'

/** A profile's own traits and the groups it belongs to. */
export interface MergedTraits {
  traits: ProfileTraits
  /** Groups by `groupId`; group traits stay here, never in the profile's traits. */
  groups: Record<string, GroupProfile>
}

function assign(target: ProfileTraits, source: unknown, entry: TimelineEntry): void {
  if (typeof source !== 'object' || source === null) return
  for (const key of Object.keys(source)) {
    const value = (source as Record<string, unknown>)[key]
    if (value === undefined) continue
    target[key] = { value, messageId: entry.messageId, timestamp: entry.timestamp }
  }
}

/**
 * Merges `identify` traits and `context.traits` of every message: per trait, the value of the
 * latest message by time wins (ties by `messageId`), whatever order the messages arrived in.
 * `group` traits go to the group.
 *
 * @param timeline entries in timeline order (see `buildTimeline`).
 */
export function mergeTraits(timeline: readonly TimelineEntry[]): MergedTraits {
  const traits: ProfileTraits = keyedRecord()
  const groups = keyedRecord<GroupProfile>()
  for (const entry of timeline) {
    const message = entry.message
    assign(traits, message.context?.traits, entry)
    if (message.type === 'identify') assign(traits, message.traits, entry)
    else if (message.type === 'group') {
      let group = groups[message.groupId]
      if (group === undefined) {
        group = { groupId: message.groupId, joinedAt: entry.timestamp, traits: keyedRecord() }
        groups[message.groupId] = group
      }
      assign(group.traits, message.traits, entry)
    }
  }
  return { traits, groups }
}
