import type { Message } from '../spec/index.js'
import { resolveIdentityOptions } from './options.js'
import type { IdentityOptions } from './options.js'
import { messageIdOf, messageTime } from './order.js'
import { Stitcher } from './stitcher.js'
import type { ResolvedProfile } from './types.js'

/**
 * Stitches messages into profiles. The result is a pure function of the set of messages: any
 * order, any batch split and any replay of duplicates (same `messageId`) give the same profiles
 * with the same ids. Every message (after dropping duplicates) is in exactly one profile.
 * @example
 * const profiles = resolveIdentities([
 *   { type: 'track', event: 'Viewed', anonymousId: 'a1', messageId: 'm1', timestamp: '2024-05-01T10:00:00.000Z' },
 *   { type: 'identify', userId: 'u1', anonymousId: 'a1', messageId: 'm2', timestamp: '2024-05-01T10:05:00.000Z' },
 * ])
 * // [{ id: 'prof_…', identifiers: [user_id u1, anonymous_id a1], messageIds: ['m1', 'm2'] }]
 * @see docs/identity.md
 */
export function resolveIdentities(
  messages: readonly Message[],
  options?: IdentityOptions,
): ResolvedProfile[] {
  const engine = new Stitcher(resolveIdentityOptions(options), false, messages.length, false)
  const seen = new Set<string>()
  for (const message of messages) {
    const id = messageIdOf(message)
    if (seen.has(id)) continue
    seen.add(id)
    engine.collect(message)
    engine.addMessage(id, messageTime(message), undefined)
  }
  const order = sortedMessages(engine)
  for (let i = 0; i < order.length; i++) engine.stitch(order[i]!)
  // Profiles come out in order of their earliest message; slot[root] indexes `profiles`.
  const slot = new Int32Array(engine.profileCount).fill(-1)
  const profiles: ResolvedProfile[] = []
  for (let i = 0; i < order.length; i++) {
    const m = order[i]!
    const root = engine.find(engine.msgProfile[m]!)
    let index = slot[root]!
    if (index < 0) {
      index = profiles.length
      slot[root] = index
      profiles.push({
        id: engine.profileId(root),
        identifiers: engine.identifiersOf(root),
        messageIds: [],
      })
    }
    profiles[index]!.messageIds.push(engine.msgId[m]!)
  }
  return profiles
}

/** Message indices in `(timestamp, messageId)` order. */
function sortedMessages(engine: Stitcher): number[] {
  const order: number[] = new Array<number>(engine.msgCount)
  for (let i = 0; i < order.length; i++) order[i] = i
  // Array#sort is TimSort: streams arrive nearly in time order, so runs make it near-linear.
  return order.sort((a, b) => engine.compareMessages(a, b))
}
