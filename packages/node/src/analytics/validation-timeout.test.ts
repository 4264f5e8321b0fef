import { describe, expect, it, vi } from 'vitest'
import { Analytics, type DropEvent } from '@itinera/node'

// A full validator that never finishes loading, as with a broken install.
vi.mock('./full-validator.js', () => ({ loadFullValidator: () => new Promise(() => {}) }))

describe('close() while a call waits for the full validator', () => {
  it('resolves at its timeout and reports the call as dropped', async () => {
    const analytics = new Analytics({
      writeKey: 'wk',
      host: 'http://127.0.0.1:9',
      flushOnExit: false,
    })
    const drops: DropEvent[] = []
    analytics.on('drop', (event) => drops.push(event))
    expect(analytics.track({ userId: 'u', event: 'Nulls', properties: null } as never)).toBe(true)
    const startedAt = Date.now()
    await analytics.close({ timeout: 200 })
    expect(Date.now() - startedAt).toBeLessThan(2_000)
    expect(analytics.stats.enqueued).toBe(0)
    expect(drops).toMatchObject([{ reason: 'closed', messageIds: [expect.any(String)] }])
    expect(analytics.stats).toMatchObject({ queued: 0, dropped: { closed: 1 } })
  })
})
