import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import {
  IdentityGraph,
  createMemoryIdentityStore,
  extractIdentifiers,
  resolveIdentities,
} from '@itinera/core'
import type {
  IdentityOptions,
  IdentityStore,
  Message,
  ResolvedProfile,
  StoredMessage,
} from '@itinera/core'
import { msg } from './messages.fixture.js'

const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined })
const pick = (prefix: string, count: number) =>
  fc.integer({ min: 0, max: count - 1 }).map((i) => `${prefix}${i}`)

// A small universe so that collisions, conflicts and hubs are frequent.
const specArb = fc.record({
  minute: fc.integer({ min: 0, max: 12 }),
  userId: maybe(fc.oneof(pick('u', 4), fc.constant('null'))),
  anonymousId: maybe(pick('a', 6)),
  email: maybe(pick('e', 4).map((e) => `${e}@x.io`)),
  deviceId: maybe(pick('d', 3)),
})
const messagesArb = fc
  .array(specArb, { minLength: 1, maxLength: 30 })
  .map((specs) => specs.map((spec, i) => msg({ ...spec, id: `m${i}` })))

/** The messages in a random order, split into random consecutive batches. */
const arrangementArb = (count: number) =>
  fc.record({
    order: fc.array(fc.double({ noNaN: true }), { minLength: count, maxLength: count }),
    cuts: fc.array(fc.integer({ min: 0, max: count }), { maxLength: 4 }),
  })

function arrange(messages: Message[], order: number[], cuts: number[]): Message[][] {
  const shuffled = messages
    .map((message, i) => ({ message, key: order[i]! }))
    .sort((a, b) => a.key - b.key)
    .map((entry) => entry.message)
  const points = [0, ...[...new Set(cuts)].sort((a, b) => a - b), shuffled.length]
  const batches: Message[][] = []
  for (let i = 1; i < points.length; i++) batches.push(shuffled.slice(points[i - 1], points[i]))
  return batches
}

const withArrangement = fc
  .tuple(messagesArb, fc.integer())
  .chain(([messages]) => fc.tuple(fc.constant(messages), arrangementArb(messages.length)))

const key = (identifier: { type: string; value: string }) =>
  `${identifier.type}:${identifier.value}`

const sortedByKey = (messages: Message[]) =>
  [...messages].sort((a, b) =>
    a.timestamp! < b.timestamp!
      ? -1
      : a.timestamp! > b.timestamp!
        ? 1
        : a.messageId! < b.messageId!
          ? -1
          : 1,
  )

const typeCounts = (profile: ResolvedProfile) => {
  const counts = new Map<string, number>()
  for (const { type } of profile.identifiers) counts.set(type, (counts.get(type) ?? 0) + 1)
  return counts
}

// Generous timeouts: CI shares 2 cores between projects; each property runs in about a second.
describe('identity resolution properties', { timeout: 60_000 }, () => {
  it('gives the same profiles and ids for any arrival order and batch split', () => {
    fc.assert(
      fc.property(withArrangement, ([messages, { order, cuts }]) => {
        const expected = resolveIdentities(messages)
        const batches = arrange(messages, order, cuts)
        expect(resolveIdentities(batches.flat())).toEqual(expected)
        const graph = new IdentityGraph()
        for (const batch of batches) for (const message of batch) graph.ingest(message)
        expect(graph.profiles()).toEqual(expected)
      }),
      { numRuns: 150 },
    )
  })

  it('orders and stitches the same whatever alphabet ids and values are written in', () => {
    // The graph keeps keys as bytes (strings beyond Latin-1 or 255 units), the batch as strings:
    // ties in time are broken by messageId, so both must order ids as `<` does.
    const text = fc.oneof(
      fc.string({ unit: fc.constantFrom('a', 'b', 'é', '\u00ff', '\u0100', '\ud83d', '\ude80') }),
      fc.string({ minLength: 254, maxLength: 258, unit: fc.constantFrom('x', 'é') }),
    )
    const wideArb = fc
      .uniqueArray(
        fc.record({
          id: text,
          minute: fc.integer({ min: 0, max: 2 }),
          anonymousId: maybe(fc.constantFrom('a1', 'ä1', '\u0100a', 'a\ud83d')),
          userId: maybe(fc.constantFrom('u1', 'ü1', '\u4e00')),
        }),
        { minLength: 1, maxLength: 25, selector: (spec) => spec.id },
      )
      .filter((specs) => specs.every((spec) => spec.id !== ''))
      .map((specs) => specs.map((spec) => msg(spec)))
    fc.assert(
      fc.property(wideArb, (messages) => {
        const expected = resolveIdentities(messages)
        const graph = new IdentityGraph()
        for (const message of [...messages].reverse()) graph.ingest(message)
        expect(graph.profiles()).toEqual(expected)
      }),
      { numRuns: 150 },
    )
  })

  it('ignores replayed duplicates', () => {
    fc.assert(
      fc.property(messagesArb, fc.array(fc.nat()), (messages, picks) => {
        const replayed = [...messages, ...picks.map((i) => messages[i % messages.length]!)]
        expect(resolveIdentities(replayed)).toEqual(resolveIdentities(messages))
        const graph = new IdentityGraph()
        for (const message of replayed) graph.ingest(message)
        for (const message of messages) expect(graph.ingest(message).duplicate).toBe(true)
        expect(graph.profiles()).toEqual(resolveIdentities(messages))
      }),
      { numRuns: 100 },
    )
  })

  it('puts every message in exactly one profile', () => {
    fc.assert(
      fc.property(messagesArb, (messages) => {
        const placed = resolveIdentities(messages).flatMap((p) => p.messageIds)
        expect(placed.sort()).toEqual(messages.map((m) => m.messageId).sort())
      }),
    )
  })

  it('never exceeds a limit or a cap', () => {
    const optionsArb = fc.record({
      types: fc.record({
        email: fc.record({ limit: fc.integer({ min: 1, max: 3 }) }),
        anonymous_id: fc.record({ limit: fc.integer({ min: 1, max: 4 }) }),
        device_id: fc.record({ limit: fc.integer({ min: 1, max: 2 }) }),
      }),
      maxIdentifiers: fc.integer({ min: 1, max: 8 }),
      maxMerges: fc.integer({ min: 0, max: 4 }),
    })
    fc.assert(
      fc.property(messagesArb, optionsArb, (messages, options: IdentityOptions) => {
        for (const profile of resolveIdentities(messages, options)) {
          expect(profile.identifiers.length).toBeLessThanOrEqual(options.maxIdentifiers!)
          for (const [type, count] of typeCounts(profile)) {
            const limit = options.types?.[type]?.limit ?? (type === 'user_id' ? 1 : 5)
            expect(count).toBeLessThanOrEqual(limit)
          }
        }
      }),
      { numRuns: 150 },
    )
  })

  it('never puts two user ids in one profile by default', () => {
    fc.assert(
      fc.property(messagesArb, (messages) => {
        for (const profile of resolveIdentities(messages)) {
          expect(typeCounts(profile).get('user_id') ?? 0).toBeLessThanOrEqual(1)
        }
      }),
      { numRuns: 150 },
    )
  })

  it('after removing messages equals a fresh resolve of the rest', () => {
    fc.assert(
      fc.property(withArrangement, fc.array(fc.boolean()), ([messages, { order, cuts }], drop) => {
        const removed = messages.filter((_, i) => drop[i]).map((m) => m.messageId!)
        const graph = new IdentityGraph()
        for (const batch of arrange(messages, order, cuts)) for (const m of batch) graph.ingest(m)
        graph.removeMessages(removed)
        const kept = messages.filter((m) => !removed.includes(m.messageId!))
        expect(graph.profiles()).toEqual(resolveIdentities(kept))
      }),
      { numRuns: 100 },
    )
  })

  it('explains every pair of a profile with a chain of its messages that carry both ends', () => {
    fc.assert(
      fc.property(withArrangement, fc.array(fc.boolean()), ([messages, { order, cuts }], drop) => {
        const graph = new IdentityGraph()
        for (const batch of arrange(messages, order, cuts)) for (const m of batch) graph.ingest(m)
        const removed = new Set(messages.filter((_, i) => drop[i]).map((m) => m.messageId!))
        graph.removeMessages([...removed])
        // The same evidence as a graph that only ever saw the kept messages, in key order.
        const fresh = new IdentityGraph()
        for (const m of sortedByKey(messages.filter((m) => !removed.has(m.messageId!)))) {
          fresh.ingest(m)
        }
        const byId = new Map(messages.map((m) => [m.messageId!, m]))
        const carried = (messageId: string) =>
          new Set(extractIdentifiers(byId.get(messageId)!).identifiers.map(key))
        for (const profile of graph.profiles()) {
          const [first, ...rest] = profile.identifiers
          for (const other of rest) {
            const explanation = graph.explain(first!, other)
            expect(explanation).toEqual(fresh.explain(first!, other))
            const { sameProfile, profileId, steps } = explanation
            expect(sameProfile).toBe(true)
            expect(profileId).toBe(profile.id)
            expect(steps.length).toBeGreaterThan(0)
            expect(key(steps[0]!.from)).toBe(key(first!))
            expect(key(steps.at(-1)!.to)).toBe(key(other))
            steps.forEach((step, i) => {
              if (i > 0) expect(key(step.from)).toBe(key(steps[i - 1]!.to))
              expect(profile.messageIds).toContain(step.messageId)
              const inMessage = carried(step.messageId)
              expect(inMessage.has(key(step.from)) && inMessage.has(key(step.to))).toBe(true)
            })
          }
          for (const entry of graph.history(profile.id)) {
            if (entry.kind === 'merge') expect(profile.messageIds).toContain(entry.messageId)
          }
        }
      }),
      { numRuns: 100 },
    )
  })

  it('after blocking a value equals a fresh resolve with that value blocked', () => {
    fc.assert(
      fc.property(messagesArb, pick('a', 6), (messages, value) => {
        const graph = new IdentityGraph()
        for (const message of messages) graph.ingest(message)
        graph.block({ type: 'anonymous_id', value })
        expect(graph.profiles()).toEqual(
          resolveIdentities(messages, { types: { anonymous_id: { blocked: [value] } } }),
        )
      }),
      { numRuns: 100 },
    )
  })

  it('ingests many at once exactly as one at a time: results, profiles, history and store', () => {
    // Batches of the shuffled messages with some of them delivered again; between batches, a
    // deletion or a suppression now and then (after which the graph takes the one-at-a-time path).
    const between = fc.array(
      fc.oneof(fc.constant('none'), fc.constant('erase'), fc.constant('suppress')),
      {
        minLength: 5,
        maxLength: 5,
      },
    )
    fc.assert(
      fc.property(withArrangement, between, ([messages, { order, cuts }], actions) => {
        const batches = arrange(
          [...messages, ...messages.slice(0, 5)],
          [...order, 0.5, 0.1, 0.9, 0.3, 0.7],
          cuts,
        )
        const one = recorded()
        const many = recorded()
        batches.forEach((batch, b) => {
          const expected = batch.map((message) => one.graph.ingest(message))
          expect(many.graph.ingestMany(batch)).toEqual(expected)
          const action = actions[b % actions.length]
          const victim = batch[0]?.messageId
          if (action === 'erase' && victim) {
            for (const { graph } of [one, many]) graph.removeMessages([victim])
          } else if (action === 'suppress') {
            for (const { graph } of [one, many])
              graph.suppress([{ type: 'anonymous_id', value: 'a1' }])
          }
        })
        expect(many.graph.profiles()).toEqual(one.graph.profiles())
        for (const profile of one.graph.profiles()) {
          expect(many.graph.history(profile.id)).toEqual(one.graph.history(profile.id))
        }
        expect(many.records).toEqual(one.records)
      }),
      { numRuns: 150 },
    )
  })

  it('ingests many at once exactly as one at a time across blocks of messages', () => {
    // 600 messages over a small universe: several blocks, repeats within and across blocks.
    const messages = fc
      .sample(specArb, { numRuns: 600, seed: 7 })
      .map((spec, i) => msg({ ...spec, id: `m${i % 450}` }))
    const one = recorded()
    const expected = messages.map((message) => one.graph.ingest(message))
    const many = recorded()
    expect(many.graph.ingestMany(messages)).toEqual(expected)
    expect(many.graph.profiles()).toEqual(one.graph.profiles())
    expect(many.records).toEqual(one.records)
    expect(expected.filter((result) => result.duplicate)).toHaveLength(150)
  })
})

/** A graph whose store records every message it is given, in order. */
function recorded(): { graph: IdentityGraph; records: StoredMessage[] } {
  const records: StoredMessage[] = []
  const memory = createMemoryIdentityStore()
  const store: IdentityStore = {
    ...memory,
    putMessage(record) {
      records.push(record)
      memory.putMessage(record)
    },
  }
  return { graph: new IdentityGraph({ store }), records }
}
