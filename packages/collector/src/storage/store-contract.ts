import { describe, expect, it } from 'vitest'
import type {
  CollectorStore,
  NewMessage,
  NewWorkspaceRecord,
  ProfileProjection,
  ProfileRecord,
  StoredMessage,
} from './types.js'

// The behaviour every CollectorStore shares, run against each implementation's tests, and the
// records the stores' own tests build theirs from.

const T0 = '2026-01-01T00:00:00.000Z'
const at = (second: number) => `2026-01-01T00:00:${String(second).padStart(2, '0')}.000Z`

/** A workspace record with id `id`. */
export const workspace = (id: string, createdAt = T0): NewWorkspaceRecord => ({
  id,
  name: `Workspace ${id}`,
  writeKey: `wk_${id}`,
  secretKeyHash: id.padEnd(64, '0'),
  allowedOrigins: ['https://shop.example', '*'],
  createdAt,
})

/** A track message (or `fields` for another shape), its timestamp `timestamp`. */
export const message = (
  messageId: string,
  timestamp = T0,
  fields: Record<string, unknown> = { type: 'track', event: 'Order Completed' },
): NewMessage => {
  const body = { userId: 'u1', ...fields, messageId, timestamp } as NewMessage['message']
  return { messageId, type: body.type, timestamp, receivedAt: T0, skewMs: -250, message: body }
}

/** A profile record with id `id`, identified by the user id `id`. */
export const profile = (id: string, fields: Partial<ProfileRecord> = {}): ProfileRecord => ({
  id,
  identifiers: [{ type: 'user_id', value: id }],
  traits: {},
  firstSeen: undefined,
  lastSeen: undefined,
  stage: undefined,
  messageCount: 0,
  journey: {},
  ...fields,
})

/** A full write of `record` holding `messages`, with an empty audit. */
const projection = (
  record: ProfileRecord,
  messages: readonly StoredMessage[] = [],
  fields: Partial<ProfileProjection> = {},
): ProfileProjection => ({
  record: { ...record, messageCount: messages.length },
  messages: messages.map((m) => ({ seq: m.seq, timestamp: m.timestamp })),
  history: [],
  ...fields,
})

/** Appends `messages`, every one of them new, and returns them as stored. */
async function append(
  store: CollectorStore,
  workspaceId: string,
  messages: NewMessage[],
): Promise<StoredMessage[]> {
  const { stored } = await store.appendMessages(workspaceId, messages)
  return stored.map((m, i) => {
    if (!m) throw new Error(`${messages[i]?.messageId} was a duplicate`)
    return m
  })
}

/** A store with workspaces `a` and `b`. */
async function storeWithWorkspaces(open: () => Promise<CollectorStore>): Promise<CollectorStore> {
  const store = await open()
  await store.createWorkspace(workspace('a'))
  await store.createWorkspace(workspace('b'))
  return store
}

const ids = (messages: readonly { messageId: string }[]) => messages.map((m) => m.messageId)
const seqsOf = (messages: readonly (StoredMessage | undefined)[]) => messages.map((m) => m?.seq)

/**
 * Registers the cases every {@link CollectorStore} must pass. `open` returns a fresh, migrated,
 * empty store, and disposes of it when the test ends (`onTestFinished`).
 */
export function describeStoreContract(open: () => Promise<CollectorStore>): void {
  describe('workspaces', () => {
    it('creates workspaces and finds them by id, write key and secret hash', async () => {
      const store = await open()
      const b = await store.createWorkspace(workspace('b', at(1)))
      await store.createWorkspace(workspace('a', at(1)))
      await store.createWorkspace(workspace('c', T0))
      const { secretKeyHash, ...expected } = workspace('b', at(1))
      expect(b).toEqual(expected)
      expect((await store.listWorkspaces()).map((w) => w.id)).toEqual(['c', 'a', 'b'])
      expect(await store.findWorkspace('b')).toEqual(expected)
      expect(await store.findWorkspaceByWriteKey('wk_b')).toEqual(expected)
      expect(await store.findWorkspaceBySecretHash(secretKeyHash)).toEqual({
        workspace: expected,
        secretKeyHash,
      })
      expect(await store.findWorkspace('z')).toBeUndefined()
      expect(await store.findWorkspaceByWriteKey('wk_z')).toBeUndefined()
      expect(await store.findWorkspaceBySecretHash('f'.repeat(64))).toBeUndefined()
    })

    it('refuses a workspace whose id, write key or secret hash is taken', async () => {
      const store = await open()
      await store.createWorkspace(workspace('a'))
      const taken = [
        { ...workspace('x'), id: 'a' },
        { ...workspace('x'), writeKey: 'wk_a' },
        { ...workspace('x'), secretKeyHash: workspace('a').secretKeyHash },
      ]
      for (const record of taken) {
        // The wrapper turns a synchronous throw (the SQLite store's) into a rejection.
        await expect(async () => store.createWorkspace(record)).rejects.toThrow()
      }
      expect(await store.listWorkspaces()).toHaveLength(1)
    })
  })

  describe('raw log', () => {
    it('appends messages with increasing seqs and reads them back as stored', async () => {
      const store = await storeWithWorkspaces(open)
      const inputs = [message('m1', at(3)), message('m2', at(1)), message('m3', at(2))]
      const stored = await append(store, 'a', inputs)
      const seqs = seqsOf(stored).map(Number)
      expect([...seqs].sort((x, y) => x - y)).toEqual(seqs)
      expect(new Set(seqs).size).toBe(3)
      expect(stored[0]).toEqual({
        seq: seqs[0],
        workspaceId: 'a',
        messageId: 'm1',
        type: 'track',
        timestamp: at(3),
        receivedAt: T0,
        skewMs: -250,
        message: inputs[0]?.message,
      })
      expect(await store.readMessages({ workspaceId: 'a', limit: 10 })).toEqual(stored)
      expect(await store.countMessages('a')).toBe(3)
      expect(await store.lastSeq('a')).toBe(seqs[2])
      expect(await store.appendMessages('a', [])).toEqual({ stored: [] })
    })

    it('deduplicates messageIds per workspace, within a call and across calls', async () => {
      const store = await storeWithWorkspaces(open)
      const first = await store.appendMessages('a', [message('m1'), message('m1'), message('m2')])
      expect(first.stored.map((m) => m?.messageId)).toEqual(['m1', undefined, 'm2'])
      const second = await store.appendMessages('a', [message('m2'), message('m3')])
      expect(second.stored.map((m) => m?.messageId)).toEqual([undefined, 'm3'])
      const other = await store.appendMessages('b', [message('m1')])
      expect(other.stored.map((m) => m?.messageId)).toEqual(['m1'])
      expect(await store.countMessages('a')).toBe(3)
      expect(await store.countMessages('b')).toBe(1)
    })

    it('stores each messageId once when appends race', async () => {
      const store = await storeWithWorkspaces(open)
      const calls = Array.from({ length: 12 }, (_, call) =>
        Array.from({ length: 6 }, (_, i) => message(`m${(call + i * 5) % 20}`)),
      )
      const results = await Promise.all(calls.map((batch) => store.appendMessages('a', batch)))
      const stored = results.flatMap((result) => result.stored).filter((m) => m !== undefined)
      expect(ids(stored).sort()).toEqual([...new Set(calls.flat().map((m) => m.messageId))].sort())
      const log = await store.readMessages({ workspaceId: 'a', limit: 100 })
      expect(log).toEqual([...stored].sort((x, y) => x.seq - y.seq))
    })

    it('keeps a deleted messageId known, so a replay is a duplicate', async () => {
      const store = await storeWithWorkspaces(open)
      const [m1, m2] = await append(store, 'a', [message('m1'), message('m2')])
      const [other] = await append(store, 'b', [message('m1')])
      await store.applyProjection('a', {
        profiles: [projection(profile('p'), [m1!, m2!])],
        removedProfiles: [],
      })
      expect(await store.deleteMessages('a', [m1!.seq, m1!.seq, other!.seq, 999_999])).toBe(1)
      expect(await store.deleteMessages('a', [])).toBe(0)
      expect((await store.appendMessages('a', [message('m1')])).stored).toEqual([undefined])
      expect(ids(await store.readMessages({ workspaceId: 'a', limit: 10 }))).toEqual(['m2'])
      expect(ids(await store.listProfileEvents('a', 'p', { limit: 10 }))).toEqual(['m2'])
      expect(await store.getMessagesByIds('a', ['m1'])).toEqual([])
      expect(await store.countMessages('b')).toBe(1)
    })

    it('pages the log by seq, per workspace or across workspaces', async () => {
      const store = await storeWithWorkspaces(open)
      const a = await append(store, 'a', [message('a1'), message('a2'), message('a3')])
      const b = await append(store, 'b', [message('b1')])
      const page1 = await store.readMessages({ workspaceId: 'a', limit: 2 })
      expect(ids(page1)).toEqual(['a1', 'a2'])
      const page2 = await store.readMessages({
        workspaceId: 'a',
        afterSeq: page1[1]?.seq,
        limit: 2,
      })
      expect(ids(page2)).toEqual(['a3'])
      expect(await store.readMessages({ workspaceId: 'a', afterSeq: a[2]?.seq, limit: 2 })).toEqual(
        [],
      )
      expect(ids(await store.readMessages({ limit: 10 }))).toEqual(['a1', 'a2', 'a3', 'b1'])
      expect(ids(await store.readMessages({ afterSeq: a[1]?.seq, limit: 10 }))).toEqual([
        'a3',
        'b1',
      ])
      expect(await store.lastSeq('a')).toBe(a[2]?.seq)
      expect(await store.lastSeq('b')).toBe(b[0]?.seq)
      expect(await store.lastSeq('c')).toBe(0)
      expect(await store.countMessages('c')).toBe(0)
    })

    it('gets messages by seq and by messageId in the order asked, leaving out missing ones', async () => {
      const store = await storeWithWorkspaces(open)
      const [m1, m2, m3] = await append(store, 'a', [message('m1'), message('m2'), message('m3')])
      const [other] = await append(store, 'b', [message('x1')])
      await store.deleteMessages('a', [m2!.seq])
      const bySeq = await store.getMessages('a', [m3!.seq, m2!.seq, 999_999, other!.seq, m1!.seq])
      expect(bySeq).toEqual([m3, m1])
      expect(await store.getMessages('a', [])).toEqual([])
      expect(await store.getMessagesByIds('a', ['m3', 'm2', 'nope', 'x1', 'm1'])).toEqual([m3, m1])
      expect(await store.getMessagesByIds('a', [])).toEqual([])
    })

    it('reads identity records from recorded identifiers, else from the body', async () => {
      const store = await storeWithWorkspaces(open)
      const stored = await append(store, 'a', [
        { ...message('m1'), identifiers: [{ type: 'email', value: 'é@x.dev' }] },
        message('m2'),
        { ...message('m3'), identifiers: [{ type: 'email', value: 'tab\tinside' }] },
        { ...message('m4'), identifiers: [] },
      ])
      const records = await store.readIdentityRecords('a', { limit: 10 })
      expect(records.map((r) => [r.messageId, r.identifiers, r.message?.messageId])).toEqual([
        ['m1', [{ type: 'email', value: 'é@x.dev' }], undefined],
        ['m2', undefined, 'm2'],
        ['m3', undefined, 'm3'],
        ['m4', [], undefined],
      ])
      expect(records[0]).toMatchObject({ seq: stored[0]?.seq, timestamp: T0 })
      const after = await store.readIdentityRecords('a', { afterSeq: stored[0]?.seq, limit: 1 })
      expect(after.map((r) => r.messageId)).toEqual(['m2'])
      await store.applyProjection('a', {
        profiles: [],
        removedProfiles: [],
        messageIdentifiers: [
          { seq: stored[1]!.seq, identifiers: [{ type: 'user_id', value: 'u1' }] },
          { seq: stored[2]!.seq, identifiers: [{ type: 'email', value: 'still\tunencodable' }] },
        ],
      })
      const recorded = await store.readIdentityRecords('a', { limit: 10 })
      expect(recorded.map((r) => r.identifiers)).toEqual([
        [{ type: 'email', value: 'é@x.dev' }],
        [{ type: 'user_id', value: 'u1' }],
        undefined,
        [],
      ])
      expect(await store.readIdentityRecords('b', { limit: 10 })).toEqual([])
    })
  })

  describe('deletion requests', () => {
    it('adds each suppressed identifier once and lists them by creation time', async () => {
      const store = await storeWithWorkspaces(open)
      await store.addSuppressions('a', [
        { type: 'email', value: 'z@x.dev', deletionId: 'd1', createdAt: at(1) },
        { type: 'email', value: 'b@x.dev', deletionId: 'd1', createdAt: at(1) },
        { type: 'user_id', value: 'a', deletionId: 'd1', createdAt: T0 },
      ])
      await store.addSuppressions('a', [
        { type: 'email', value: 'z@x.dev', deletionId: 'd2', createdAt: T0 },
      ])
      await store.addSuppressions('a', [])
      const listed = await store.listSuppressions('a')
      expect(listed.map((s) => [s.type, s.value, s.deletionId, s.createdAt])).toEqual([
        ['user_id', 'a', 'd1', T0],
        ['email', 'b@x.dev', 'd1', at(1)],
        ['email', 'z@x.dev', 'd1', at(1)],
      ])
      expect(await store.listSuppressions('b')).toEqual([])
    })

    it('records deletions and counts the messages their suppressions dropped', async () => {
      const store = await storeWithWorkspaces(open)
      const deletion = {
        id: 'd1',
        workspaceId: 'a',
        ref: 'email:ana@x.dev',
        profileId: undefined,
        createdAt: T0,
        result: { messages: 3, profiles: ['p1'] },
      }
      await store.recordDeletion(deletion)
      await store.recordDeletion({ ...deletion, id: 'd2', profileId: 'p2', result: {} })
      expect(await store.getDeletion('a', 'd1')).toEqual(deletion)
      expect((await store.getDeletion('a', 'd2'))?.profileId).toBe('p2')
      expect(await store.getDeletion('b', 'd1')).toBeUndefined()
      await store.countSuppressedMessages('a', 'd1', 2)
      await store.countSuppressedMessages('a', 'd1', 3)
      await store.countSuppressedMessages('b', 'd1', 7)
      expect((await store.getDeletion('a', 'd1'))?.result).toEqual({
        messages: 3,
        profiles: ['p1'],
        suppressedMessages: 5,
      })
    })
  })

  describe('derived rows', () => {
    it('writes profiles and reads them back by id, page and count', async () => {
      const store = await storeWithWorkspaces(open)
      const stored = await append(store, 'a', [message('m1'), message('m2')])
      const full = profile('p2', {
        identifiers: [
          { type: 'user_id', value: 'u1' },
          { type: 'email', value: 'ana@x.dev' },
        ],
        traits: { name: 'Ana', address: { city: 'Lisbon' }, tags: ['a', 1, null] },
        firstSeen: T0,
        lastSeen: at(5),
        stage: 'customer',
        journey: { stages: [{ stage: 'lead', at: T0 }], value: 12.5 },
      })
      expect(await store.projectionWatermark('a')).toBe(0)
      await store.applyProjection('a', {
        profiles: [projection(full, stored), projection(profile('p1')), projection(profile('P3'))],
        removedProfiles: [],
        watermark: stored[1]?.seq,
      })
      expect(await store.getProfile('a', 'p2')).toEqual({ ...full, messageCount: 2 })
      expect(await store.getProfile('a', 'p1')).toEqual(profile('p1'))
      expect(await store.getProfile('a', 'nope')).toBeUndefined()
      expect(await store.countProfiles('a')).toBe(3)
      const page1 = await store.listProfiles('a', { limit: 2 })
      expect(page1.map((p) => p.id)).toEqual(['P3', 'p1'])
      const page2 = await store.listProfiles('a', { limit: 2, after: 'p1' })
      expect(page2.map((p) => p.id)).toEqual(['p2'])
      expect(await store.projectionWatermark('a')).toBe(stored[1]?.seq)
      await store.applyProjection('a', { profiles: [], removedProfiles: [] })
      expect(await store.projectionWatermark('a')).toBe(stored[1]?.seq)
      expect(await store.projectionWatermark('b')).toBe(0)
    })

    it('finds profiles by identifier, keeping or replacing identifiers as told', async () => {
      const store = await storeWithWorkspaces(open)
      const email = { type: 'email', value: 'ana@x.dev' }
      const user = { type: 'user_id', value: 'u1' }
      const ana = profile('p1', { identifiers: [email, user] })
      await store.applyProjection('a', { profiles: [projection(ana)], removedProfiles: [] })
      expect(await store.findProfileIdByIdentifier('a', email)).toBe('p1')
      const unchanged = projection({ ...ana, identifiers: [user] }, [], {
        identifiersChanged: false,
      })
      await store.applyProjection('a', { profiles: [unchanged], removedProfiles: [] })
      expect(await store.findProfileIdByIdentifier('a', email)).toBe('p1')
      const changed = projection({ ...ana, identifiers: [user] })
      await store.applyProjection('a', { profiles: [changed], removedProfiles: [] })
      expect(await store.findProfileIdByIdentifier('a', email)).toBeUndefined()
      const taken = projection(profile('p2', { identifiers: [user] }))
      await store.applyProjection('a', { profiles: [taken], removedProfiles: [] })
      expect(await store.findProfileIdByIdentifier('a', user)).toBe('p2')
      await store.applyProjection('a', {
        profiles: [],
        removedProfiles: [{ id: 'p2', survivorId: undefined }],
      })
      expect(await store.findProfileIdByIdentifier('a', user)).toBeUndefined()
      expect(
        await store.findProfileIdByIdentifier('b', { type: 'user_id', value: 'p1' }),
      ).toBeUndefined()
    })

    it('resolves merged profile ids to the survivor, through chains of merges', async () => {
      const store = await storeWithWorkspaces(open)
      const live = (...names: string[]) => names.map((id) => projection(profile(id)))
      await store.applyProjection('a', { profiles: live('p1', 'p2', 'p3'), removedProfiles: [] })
      await store.applyProjection('a', {
        profiles: live('p2'),
        removedProfiles: [{ id: 'p1', survivorId: 'p2' }],
      })
      expect(await store.resolveProfileId('a', 'p1')).toBe('p2')
      expect(await store.getProfile('a', 'p1')).toBeUndefined()
      await store.applyProjection('a', {
        profiles: live('p4'),
        removedProfiles: [
          { id: 'p2', survivorId: 'p3' },
          { id: 'p3', survivorId: 'p4' },
          { id: 'p5', survivorId: undefined },
        ],
      })
      for (const id of ['p1', 'p2', 'p3', 'p4'])
        expect(await store.resolveProfileId('a', id)).toBe('p4')
      expect(await store.resolveProfileId('a', 'p5')).toBeUndefined()
      expect(await store.resolveProfileId('a', 'nope')).toBeUndefined()
      expect(await store.resolveProfileId('b', 'p1')).toBeUndefined()
      // A merged-away id that comes back is itself again.
      await store.applyProjection('a', { profiles: live('p2'), removedProfiles: [] })
      expect(await store.resolveProfileId('a', 'p2')).toBe('p2')
      expect(await store.resolveProfileId('a', 'p1')).toBe('p4')
    })

    it('keeps, replaces and merges identity audits', async () => {
      const store = await storeWithWorkspaces(open)
      const event = (profileId: string, kind: string, n: number) => ({
        profileId,
        kind,
        at: n === 0 ? undefined : at(n),
        detail: { n },
      })
      const history = [
        event('p2', 'created', 0),
        event('p2', 'linked', 2),
        event('p2', 'refused', 1),
      ]
      await store.applyProjection('a', {
        profiles: [
          projection(profile('p2'), [], { history }),
          projection(profile('p1'), [], { history: [event('p1', 'created', 3)] }),
        ],
        removedProfiles: [],
      })
      expect(await store.listIdentityEvents('a', 'p2')).toEqual(history)
      await store.applyProjection('a', {
        profiles: [projection(profile('p2'), [], { history: undefined })],
        removedProfiles: [],
      })
      expect(await store.listIdentityEvents('a', 'p2')).toEqual(history)
      const merged = [event('p2', 'merged', 4)]
      await store.applyProjection('a', {
        profiles: [projection(profile('p2'), [], { history: merged })],
        removedProfiles: [{ id: 'p1', survivorId: 'p2' }],
      })
      expect(await store.listIdentityEvents('a', 'p2')).toEqual(merged)
      expect(await store.listIdentityEvents('a', 'p1')).toEqual([])
      expect(await store.listIdentityEvents('b', 'p2')).toEqual([])
    })

    it('pages a timeline by (timestamp, seq), replacing or adding messages as told', async () => {
      const store = await storeWithWorkspaces(open)
      const stored = await append(store, 'a', [
        message('m1', at(2)),
        message('m2', at(1)),
        message('m3', at(2)),
        message('m4', at(0)),
      ])
      const [m1, m2, m3, m4] = stored
      await store.applyProjection('a', {
        profiles: [projection(profile('p'), [m1!, m2!, m3!])],
        removedProfiles: [],
      })
      const page1 = await store.listProfileEvents('a', 'p', { limit: 2 })
      expect(ids(page1)).toEqual(['m2', 'm1'])
      const last = page1[1]!
      const after = { timestamp: last.timestamp, seq: last.seq }
      expect(ids(await store.listProfileEvents('a', 'p', { limit: 2, after }))).toEqual(['m3'])
      expect(
        await store.listProfileEvents('a', 'p', { limit: 2, after: { timestamp: at(9), seq: 0 } }),
      ).toEqual([])
      expect(ids(await store.listProfileEventsThrough('a', 'p', at(1)))).toEqual(['m2'])
      expect(ids(await store.listProfileEventsThrough('a', 'p', at(2)))).toEqual(['m2', 'm1', 'm3'])
      const added = projection(profile('p'), [m4!], { appendMessages: true })
      await store.applyProjection('a', { profiles: [added], removedProfiles: [] })
      expect(ids(await store.listProfileEvents('a', 'p', { limit: 10 }))).toEqual([
        'm4',
        'm2',
        'm1',
        'm3',
      ])
      await store.applyProjection('a', {
        profiles: [projection(profile('p'), [m3!])],
        removedProfiles: [],
      })
      expect(ids(await store.listProfileEvents('a', 'p', { limit: 10 }))).toEqual(['m3'])
      // A message moves to the profile that claims it last.
      await store.applyProjection('a', {
        profiles: [projection(profile('q'), [m3!, m4!])],
        removedProfiles: [],
      })
      expect(await store.listProfileEvents('a', 'p', { limit: 10 })).toEqual([])
      expect(ids(await store.listProfileEvents('a', 'q', { limit: 10 }))).toEqual(['m4', 'm3'])
    })

    it('lists profiles in order of their first message', async () => {
      const store = await storeWithWorkspaces(open)
      const [m1, m2, m3, m4] = await append(
        store,
        'a',
        ['m1', 'm2', 'm3', 'm4'].map((id) => message(id)),
      )
      await store.applyProjection('a', {
        profiles: [
          projection(profile('z'), [m1!, m4!]),
          projection(profile('a'), [m3!]),
          projection(profile('m'), [m2!]),
          projection(profile('empty')),
        ],
        removedProfiles: [],
      })
      const all = await store.listProfilesInOrder('a', { limit: 10 })
      expect(all.map((p) => [p.profile.id, p.firstSeq])).toEqual([
        ['z', m1!.seq],
        ['m', m2!.seq],
        ['a', m3!.seq],
      ])
      expect(all[0]?.profile).toEqual({ ...profile('z'), messageCount: 2 })
      const next = await store.listProfilesInOrder('a', { afterSeq: m1!.seq, limit: 1 })
      expect(next.map((p) => p.profile.id)).toEqual(['m'])
      expect(await store.listProfilesInOrder('a', { afterSeq: m3!.seq, limit: 10 })).toEqual([])
    })

    it('reads analytics rows a page of profiles at a time, lean or with bodies', async () => {
      const store = await storeWithWorkspaces(open)
      const track = message('t1', at(1))
      const body = `{ "type": "track", "event": "Signed Up", "messageId": "t1", "timestamp": "${at(1)}" }`
      const [t1, p1, p2, s1, i1, p3] = await append(store, 'a', [
        { ...track, body },
        message('p1', at(2), { type: 'page', name: 'Pricing' }),
        message('p2', at(3), { type: 'page', properties: { url: 'https://x.dev/docs/start?q=1' } }),
        message('s1', at(4), { type: 'screen', name: 'Home' }),
        message('i1', at(5), { type: 'identify', traits: { name: 'Ana' } }),
        message('p3', at(6), { type: 'page', name: null, context: { page: { path: '/cart' } } }),
      ])
      await store.applyProjection('a', {
        profiles: [
          projection(profile('b'), [t1!, p1!]),
          projection(profile('a'), [p2!, s1!]),
          projection(profile('c'), [i1!, p3!]),
        ],
        removedProfiles: [],
      })
      const lean = await store.readAnalyticsRows('a', { profiles: 2, lean: true })
      expect(lean.lastProfileId).toBe('b')
      expect(
        lean.rows.map((r) => [r.profileId, r.messageId, r.type, r.name, r.pagePath, r.body]),
      ).toEqual([
        ['a', 'p2', 'page', undefined, '/docs/start', undefined],
        ['a', 's1', 'screen', 'Home', undefined, undefined],
        ['b', 't1', 'track', 'Signed Up', undefined, undefined],
        ['b', 'p1', 'page', 'Pricing', undefined, undefined],
      ])
      expect(lean.rows[2]).toMatchObject({ seq: t1!.seq, timestamp: at(1) })
      const rest = await store.readAnalyticsRows('a', {
        afterProfileId: 'b',
        profiles: 2,
        lean: false,
      })
      expect(rest.lastProfileId).toBe('c')
      expect(rest.rows.map((r) => [r.profileId, r.messageId, r.name])).toEqual([
        ['c', 'i1', undefined],
        ['c', 'p3', undefined],
      ])
      expect(JSON.parse(rest.rows[1]?.body ?? '')).toEqual(p3!.message)
      const full = await store.readAnalyticsRows('a', {
        afterProfileId: 'a',
        profiles: 1,
        lean: false,
      })
      expect(full.rows[0]?.body).toBe(body)
      expect(
        await store.readAnalyticsRows('a', { afterProfileId: 'c', profiles: 2, lean: true }),
      ).toEqual({
        rows: [],
        lastProfileId: undefined,
      })
      const own = await store.readProfileAnalyticsRows('a', 'c')
      expect(own.map((r) => [r.messageId, r.pagePath, r.body])).toEqual([
        ['i1', undefined, undefined],
        ['p3', '/cart', undefined],
      ])
    })

    it('lists profile ids, message counts and the profiles touched after a seq', async () => {
      const store = await storeWithWorkspaces(open)
      const [m1, m2, m3] = await append(
        store,
        'a',
        ['m1', 'm2', 'm3'].map((id) => message(id)),
      )
      await store.applyProjection('a', {
        profiles: [
          projection(profile('p1'), [m1!]),
          projection(profile('p2'), [m2!, m3!]),
          projection(profile('p3')),
        ],
        removedProfiles: [],
      })
      expect((await store.listProfileIds('a')).sort()).toEqual(['p1', 'p2', 'p3'])
      expect(await store.listProfileMessageCounts('a')).toEqual(
        new Map([
          ['p1', 1],
          ['p2', 2],
          ['p3', 0],
        ]),
      )
      expect(await store.listProfilesTouchedAfter('a', m1!.seq)).toEqual(['p2'])
      expect((await store.listProfilesTouchedAfter('a', 0)).sort()).toEqual(['p1', 'p2'])
      expect(await store.listProfilesTouchedAfter('a', m3!.seq)).toEqual([])
    })

    it('clears the derived rows of one workspace or of all, keeping merges and messages', async () => {
      const store = await storeWithWorkspaces(open)
      for (const id of ['a', 'b']) {
        const stored = await append(store, id, [message('m1')])
        const history = [{ profileId: 'p2', kind: 'merged', at: undefined, detail: {} }]
        await store.applyProjection(id, {
          profiles: [projection(profile('p2'), stored, { history })],
          removedProfiles: [{ id: 'p1', survivorId: 'p2' }],
          watermark: stored[0]?.seq,
          messageIdentifiers: [
            { seq: stored[0]!.seq, identifiers: [{ type: 'user_id', value: 'u1' }] },
          ],
        })
      }
      await store.clearDerived('a')
      expect(await store.getProfile('a', 'p2')).toBeUndefined()
      expect(await store.countProfiles('a')).toBe(0)
      expect(await store.projectionWatermark('a')).toBe(0)
      expect(
        await store.findProfileIdByIdentifier('a', { type: 'user_id', value: 'p2' }),
      ).toBeUndefined()
      expect(await store.listProfileEvents('a', 'p2', { limit: 10 })).toEqual([])
      expect(await store.listIdentityEvents('a', 'p2')).toEqual([])
      expect(await store.countMessages('a')).toBe(1)
      expect((await store.readIdentityRecords('a', { limit: 1 }))[0]?.identifiers).toHaveLength(1)
      expect(await store.countProfiles('b')).toBe(1)
      await store.applyProjection('a', {
        profiles: [projection(profile('p2'))],
        removedProfiles: [],
      })
      expect(await store.resolveProfileId('a', 'p1')).toBe('p2')
      await store.clearDerived()
      expect(await store.countProfiles('a')).toBe(0)
      expect(await store.countProfiles('b')).toBe(0)
      expect(await store.projectionWatermark('b')).toBe(0)
      expect(await store.countMessages('b')).toBe(1)
      await store.applyProjection('b', {
        profiles: [projection(profile('p2'))],
        removedProfiles: [],
      })
      expect(await store.resolveProfileId('b', 'p1')).toBe('p2')
    })
  })

  it('keeps each workspace apart: the same ids in another workspace are never seen', async () => {
    const store = await storeWithWorkspaces(open)
    const user = { type: 'user_id', value: 'u1' }
    const write = async (id: string) => {
      const stored = await append(store, id, [message('m1'), message('m2')])
      await store.applyProjection(id, {
        profiles: [
          projection(profile('p2', { identifiers: [user] }), stored, {
            history: [{ profileId: 'p2', kind: id, at: undefined, detail: {} }],
          }),
        ],
        removedProfiles: [{ id: 'p1', survivorId: 'p2' }],
        watermark: stored[1]?.seq,
      })
      await store.addSuppressions(id, [{ ...user, deletionId: `d_${id}`, createdAt: T0 }])
      await store.recordDeletion({
        id: `d_${id}`,
        workspaceId: id,
        ref: 'u1',
        profileId: undefined,
        createdAt: T0,
        result: {},
      })
      return stored
    }
    const a = await write('a')
    const b = await write('b')
    const inA = (messages: readonly { workspaceId: string }[]) =>
      messages.every((m) => m.workspaceId === 'a')
    expect(inA(await store.readMessages({ workspaceId: 'a', limit: 10 }))).toBe(true)
    expect(
      await store.getMessages(
        'a',
        b.map((m) => m.seq),
      ),
    ).toEqual([])
    expect(await store.getMessagesByIds('a', ['m1', 'm2'])).toEqual(a)
    expect(await store.lastSeq('a')).toBe(a[1]?.seq)
    expect(await store.countMessages('a')).toBe(2)
    expect(await store.readIdentityRecords('a', { afterSeq: a[1]?.seq, limit: 10 })).toEqual([])
    expect(await store.projectionWatermark('a')).toBe(a[1]?.seq)
    expect(await store.countProfiles('a')).toBe(1)
    expect(await store.listProfileEvents('a', 'p2', { limit: 10 })).toEqual(a)
    expect(await store.listProfileEventsThrough('a', 'p2', at(59))).toEqual(a)
    expect((await store.listIdentityEvents('a', 'p2')).map((e) => e.kind)).toEqual(['a'])
    expect((await store.listProfilesInOrder('a', { limit: 10 }))[0]?.firstSeq).toBe(a[0]?.seq)
    const rows = await store.readAnalyticsRows('a', { profiles: 10, lean: true })
    expect(rows.rows.map((r) => r.seq)).toEqual(a.map((m) => m.seq))
    expect((await store.readProfileAnalyticsRows('a', 'p2')).map((r) => r.seq)).toEqual(
      a.map((m) => m.seq),
    )
    expect(await store.listProfileMessageCounts('a')).toEqual(new Map([['p2', 2]]))
    expect(await store.listProfilesTouchedAfter('a', a[1]!.seq)).toEqual([])
    expect((await store.listSuppressions('a')).map((s) => s.deletionId)).toEqual(['d_a'])
    expect(await store.getDeletion('a', 'd_b')).toBeUndefined()
    await store.deleteMessages(
      'a',
      b.map((m) => m.seq),
    )
    expect(await store.countMessages('b')).toBe(2)
    await store.applyProjection('a', {
      profiles: [],
      removedProfiles: [{ id: 'p2', survivorId: undefined }],
    })
    expect(await store.resolveProfileId('a', 'p1')).toBeUndefined()
    expect(await store.resolveProfileId('b', 'p1')).toBe('p2')
    expect(await store.findProfileIdByIdentifier('b', user)).toBe('p2')
  })
}
