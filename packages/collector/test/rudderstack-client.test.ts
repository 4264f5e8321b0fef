import Analytics from '@rudderstack/rudder-sdk-node'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { profileIdsOf, startHarness, type Harness } from './harness.js'

let harness: Harness | undefined
afterEach(async () => {
  await harness?.close()
  harness = undefined
})

describe('@rudderstack/rudder-sdk-node against the collector', () => {
  it('sends unchanged; every message is stored once and resolves into one profile', async () => {
    harness = await startHarness()
    const { url, workspace, collector } = harness
    const ws = workspace.workspace.id
    const failures: unknown[] = []
    const client = new Analytics(workspace.writeKey, {
      dataPlaneUrl: url,
      flushAt: 2,
      flushInterval: 50,
      logLevel: 'error',
      errorHandler: (error) => failures.push(error),
    })
    client.track({ anonymousId: 'rs-anon', event: 'Product Viewed', properties: { sku: 'R1' } })
    client.identify({
      anonymousId: 'rs-anon',
      userId: 'rs-user',
      traits: { email: 'RS@Example.com' },
    })
    client.track({ userId: 'rs-user', event: 'Order Completed', properties: { revenue: 12 } })
    await client.flush()
    // flush() sends what is queued; batches already started by flushAt may still be in flight.
    const stored = await vi.waitFor(
      async () => {
        const rows = await collector.store.readMessages({ workspaceId: ws, limit: 100 })
        expect(rows.map((m) => m.type).sort()).toEqual(['identify', 'track', 'track'])
        return rows
      },
      { timeout: 10_000, interval: 50 },
    )
    expect(failures).toEqual([])
    expect(new Set(stored.map((m) => m.messageId)).size).toBe(3)

    await collector.projector.flush()
    const [byEmail, byAnonymousId] = await profileIdsOf(collector, ws, [
      { type: 'email', value: 'rs@example.com' },
      { type: 'anonymous_id', value: 'rs-anon' },
    ])
    expect(byEmail).toBeDefined()
    expect(byAnonymousId).toBe(byEmail)
  })
})
