import type { Message } from '../spec/index.js'
import { resolveIdentityOptions } from './options.js'
import type { IdentityOptions } from './options.js'
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
  // The input holds every key as a string already: the tables keep those, not byte copies.
  const engine = new Stitcher(resolveIdentityOptions(options), false, messages.length, false, true)
  engine.addMessages(messages)
  const order = sortedMessages(engine)
  for (let i = 0; i < order.length; i++) engine.stitch(order[i]!)
  return groupByProfile(engine, order)
}

/**
 * Profiles in order of their earliest message, each with its message ids in key order. Message
 * ids are first placed by profile into one flat array (a counting sort), then sliced: cheaper
 * than pushing onto hundreds of thousands of growing arrays in random order.
 */
function groupByProfile(engine: Stitcher, order: readonly number[]): ResolvedProfile[] {
  const profileAt = new Int32Array(order.length)
  const slot = new Int32Array(engine.profileCount).fill(-1)
  const roots: number[] = []
  const sizes: number[] = []
  for (let i = 0; i < order.length; i++) {
    const root = engine.find(engine.msgProfile[order[i]!]!)
    let index = slot[root]!
    if (index < 0) {
      index = roots.length
      slot[root] = index
      roots.push(root)
      sizes.push(0)
    }
    profileAt[i] = index
    sizes[index]!++
  }
  const cursor = new Int32Array(roots.length)
  for (let p = 1; p < roots.length; p++) cursor[p] = cursor[p - 1]! + sizes[p - 1]!
  const flat: string[] = new Array<string>(order.length)
  for (let i = 0; i < order.length; i++) {
    flat[cursor[profileAt[i]!]!++] = engine.messageIdAt(order[i]!)
  }
  const profiles: ResolvedProfile[] = new Array<ResolvedProfile>(roots.length)
  let start = 0
  for (let p = 0; p < roots.length; p++) {
    const root = roots[p]!
    const end = start + sizes[p]!
    profiles[p] = {
      id: engine.profileId(root),
      identifiers: engine.identifiersOf(root),
      messageIds: flat.slice(start, end),
    }
    start = end
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
