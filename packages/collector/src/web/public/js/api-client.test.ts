import { afterEach, describe, expect, it, vi } from 'vitest'
import { ApiError, createApiClient } from './api-client.js'

function answer(status: number, body: unknown, headers: Record<string, string> = {}) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  })
}

describe('createApiClient', () => {
  afterEach(() => {
    vi.unstubAllGlobals()
  })

  it('sends the secret as a bearer token and encodes the profile ref', async () => {
    const fetch = vi.fn(() => Promise.resolve(answer(200, { data: [], next: null })))
    vi.stubGlobal('fetch', fetch)
    const api = createApiClient({ secret: 'sk_1', baseUrl: 'http://collector' })
    await api.getEvents('email:ana@example.com', { limit: 100, cursor: null })
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit]
    expect(url).toBe('http://collector/v1/profiles/email%3Aana%40example.com/events?limit=100')
    expect(init.headers).toMatchObject({ authorization: 'Bearer sk_1' })
  })

  it('posts analytics bodies as JSON', async () => {
    const fetch = vi.fn(() => Promise.resolve(answer(200, { steps: [] })))
    vi.stubGlobal('fetch', fetch)
    await createApiClient({ secret: 's' }).funnel({ steps: [{ event: 'A' }] })
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit]
    expect([url, init.method, init.body]).toEqual([
      '/v1/funnels',
      'POST',
      '{"steps":[{"event":"A"}]}',
    ])
  })

  it('turns an error answer into an ApiError with the server message and Retry-After', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(() =>
        Promise.resolve(
          answer(
            429,
            { error: { code: 'rate_limited', message: 'slow down' } },
            { 'retry-after': '2' },
          ),
        ),
      ),
    )
    const error = await createApiClient({ secret: 's' })
      .stages()
      .catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(ApiError)
    expect(error).toMatchObject({
      status: 429,
      code: 'rate_limited',
      message: 'slow down',
      retryAfterMs: 2000,
    })
  })

  it('says the collector cannot be reached when the request fails', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(() => Promise.reject(new TypeError('network'))),
    )
    await expect(createApiClient({ secret: 's' }).stages()).rejects.toMatchObject({
      status: 0,
      message: 'The collector cannot be reached. Is it running?',
    })
  })
})
