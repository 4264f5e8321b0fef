import { HttpResponse, http } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { validateMessage } from '@itinera/core/validation'
import { Analytics, type DropEvent } from '@itinera/node'

// The validator fails to load once (as a bundle missing its chunk would), then loads.
const load = vi.hoisted(() => ({ failures: 1 }))
vi.mock('./full-validator.js', () => ({
  loadFullValidator: () =>
    load.failures-- > 0
      ? Promise.reject(new Error('Cannot find module @itinera/core/validation'))
      : Promise.resolve(validateMessage),
}))

const HOST = 'http://collector.test'
const server = setupServer(
  http.post(`${HOST}/v1/batch`, () => HttpResponse.json({ success: true })),
)
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterAll(() => server.close())

describe('a full validator that fails to load', () => {
  it('drops the call that needed it, says so, and tries again for the next one', async () => {
    const analytics = new Analytics({ writeKey: 'wk', host: HOST, flushOnExit: false })
    const drops: DropEvent[] = []
    analytics.on('drop', (event) => drops.push(event))
    expect(analytics.track({ userId: 'u', event: 'First', context: null } as never)).toBe(true)
    expect(analytics.track({ userId: 'u', event: 'Behind it' })).toBe(true)
    await analytics.flush()
    expect(drops).toHaveLength(1)
    expect(drops[0]?.error.message).toMatch(/validator of @itinera\/core could not be loaded/)
    expect(analytics.track({ userId: 'u', event: 'Second', context: null } as never)).toBe(true)
    await analytics.close()
    expect(analytics.stats).toMatchObject({ sent: 2, dropped: { invalid: 1 } })
  })
})
