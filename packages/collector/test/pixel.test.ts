import { afterEach, describe, expect, it } from 'vitest'
import { startHarness, type Harness } from './harness.js'

let harness: Harness | undefined
afterEach(async () => {
  await harness?.close()
  harness = undefined
})

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url')

/** An `Email Opened` track call as an email's pixel carries it. */
const emailOpen = (writeKey: string, fields: Record<string, unknown>) => ({
  writeKey,
  event: 'Email Opened',
  ...fields,
})

async function pixel(path: string) {
  const response = await fetch(`${harness!.url}${path}`)
  const body = Buffer.from(await response.arrayBuffer())
  return { response, body }
}

describe('GET /v1/pixel/{type} (Segment pixel API)', () => {
  it('records an email open from base64 JSON and answers a transparent GIF', async () => {
    harness = await startHarness()
    const { workspace } = harness
    const data = emailOpen(workspace.writeKey, {
      userId: 'reader-1',
      properties: { campaign: 'spring_sale' },
      messageId: 'open-1',
    })
    const { response, body } = await pixel(`/v1/pixel/track?data=${base64url(data)}`)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('image/gif')
    expect(response.headers.get('cache-control')).toContain('no-store')
    expect(body.subarray(0, 6).toString('latin1')).toBe('GIF89a')

    // A HEAD request (a link checker) records nothing.
    const head = await fetch(
      `${harness.url}/v1/pixel/track?data=${base64url({ ...data, messageId: 'head' })}`,
      {
        method: 'HEAD',
      },
    )
    expect(head.status).toBe(200)
    // The same open loaded twice (an email client prefetching) is stored once.
    const again = Buffer.from(JSON.stringify(data)).toString('base64')
    const second = await pixel(`/v1/pixel/track?data=${encodeURIComponent(again)}`)
    expect(second.response.headers.get('x-itinera-error')).toBeNull()
    const stored = await harness!.stored()
    expect(stored).toHaveLength(1)
    expect(stored[0]?.message).toMatchObject({
      type: 'track',
      event: 'Email Opened',
      userId: 'reader-1',
      properties: { campaign: 'spring_sale' },
    })
  })

  it('reads standard base64 left unencoded in the URL, where a "+" arrives as a space', async () => {
    harness = await startHarness()
    const { workspace } = harness
    // "~~~" encodes to base64 with "+" in it.
    const data = emailOpen(workspace.writeKey, { userId: 'u', properties: { n: '~~~' } })
    const base64 = Buffer.from(JSON.stringify(data)).toString('base64')
    expect(base64).toContain('+')
    const { response } = await pixel(`/v1/pixel/track?data=${base64}`)
    expect(response.headers.get('x-itinera-error')).toBeNull()
    const stored = await harness!.stored()
    expect(stored.map((m) => m.message.properties)).toEqual([{ n: '~~~' }])
  })

  it('answers 200 with the GIF even when the request fails, saying why in a header', async () => {
    harness = await startHarness()
    const { writeKey } = harness.workspace
    const cases = [
      { path: '/v1/pixel/track', error: /"data" query parameter/ },
      { path: '/v1/pixel/track?data=%%%', error: /not base64/ },
      {
        path: `/v1/pixel/track?data=${base64url({ userId: 'u' })}`,
        error: /write key/,
      },
      {
        path: `/v1/pixel/track?data=${base64url({ writeKey, userId: 'u' })}`,
        error: /event/,
      },
      { path: `/v1/pixel/unknown?data=${base64url({ writeKey })}`, error: /pixels/ },
    ]
    for (const { path, error } of cases) {
      const { response, body } = await pixel(path)
      expect(response.status, path).toBe(200)
      expect(response.headers.get('content-type')).toBe('image/gif')
      expect(response.headers.get('x-itinera-error')).toMatch(error)
      expect(body.subarray(0, 6).toString('latin1')).toBe('GIF89a')
    }
    const stored = await harness!.stored()
    expect(stored).toHaveLength(0)
  })
})
