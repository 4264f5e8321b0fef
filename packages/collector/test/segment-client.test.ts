import { Analytics } from '@segment/analytics-node'
import { afterEach, describe, expect, it } from 'vitest'
import { profileIdsOf, startHarness, type Harness } from './harness.js'

let harness: Harness | undefined
afterEach(async () => {
  await harness?.close()
  harness = undefined
})

describe('@segment/analytics-node against the collector', () => {
  it('sends unchanged; every message is stored once and resolves into one profile', async () => {
    harness = await startHarness()
    const { url, workspace, collector } = harness
    const ws = workspace.workspace.id
    const analytics = new Analytics({
      writeKey: workspace.writeKey,
      host: url,
      maxEventsInBatch: 3,
      flushInterval: 50,
    })
    const failures: unknown[] = []
    analytics.on('error', (error) => failures.push(error))
    analytics.track({ anonymousId: 'seg-anon', event: 'Product Viewed', properties: { sku: 'S1' } })
    analytics.page({ anonymousId: 'seg-anon', name: 'Checkout' })
    analytics.identify({
      anonymousId: 'seg-anon',
      userId: 'seg-user',
      traits: { email: 'seg@example.com' },
    })
    analytics.track({ userId: 'seg-user', event: 'Order Completed', properties: { revenue: 30 } })
    analytics.group({ userId: 'seg-user', groupId: 'acme', traits: { name: 'Acme' } })
    analytics.alias({ userId: 'seg-user', previousId: 'seg-old' })
    await analytics.closeAndFlush({ timeout: 10_000 })
    expect(failures).toEqual([])

    const stored = await collector.store.readMessages({ workspaceId: ws, limit: 100 })
    expect(stored.map((m) => m.type).sort()).toEqual([
      'alias',
      'group',
      'identify',
      'page',
      'track',
      'track',
    ])
    expect(new Set(stored.map((m) => m.messageId)).size).toBe(6)
    for (const message of stored) {
      expect(message.message.context?.library?.name).toBe('@segment/analytics-node')
      expect(message.receivedAt).toBeTypeOf('string')
    }

    await collector.projector.flush()
    const [profileId, byAnonymousId, byUserId] = await profileIdsOf(collector, ws, [
      { type: 'email', value: 'seg@example.com' },
      { type: 'anonymous_id', value: 'seg-anon' },
      { type: 'user_id', value: 'seg-user' },
    ])
    expect(profileId).toBeDefined()
    expect(byAnonymousId).toBe(profileId)
    expect(byUserId).toBe(profileId)
    const profile = await collector.store.getProfile(ws, profileId ?? '')
    expect(profile?.messageCount).toBe(6)
  })
})
