import fc from 'fast-check'
import { gzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { basic, post, startHarness, track, type Harness } from './harness.js'

let harness: Harness
beforeAll(async () => {
  harness = await startHarness({ rateLimit: false })
})
afterAll(() => harness.close())

const paths = [
  '/v1/batch',
  '/v1/track',
  '/v1/identify',
  '/v1/page',
  '/v1/screen',
  '/v1/group',
  '/v1/alias',
  '/v1/import',
  '/v1/t',
  '/api/s/track',
  '/api/s/s2s/identify',
  '/e',
  '/batch',
  '/2/httpapi',
]
const field = fc.constantFrom(
  'type',
  'event',
  'userId',
  'anonymousId',
  'messageId',
  'timestamp',
  'sentAt',
  'traits',
  'properties',
  'context',
  'previousId',
  'groupId',
  'batch',
  'writeKey',
  'integrations',
  '__proto__',
  'constructor',
)
const value = fc.oneof(
  fc.jsonValue(),
  fc.constantFrom(
    'track',
    'identify',
    'page',
    'alias',
    'group',
    'screen',
    '',
    null,
    '2026-13-45T99:00:00Z',
    'x'.repeat(40_000),
    // PostgreSQL cannot store NUL in text.
    'a\u0000b',
    // Names a plain `{}` record would find on Object.prototype.
    '__proto__',
    'constructor',
    'toString',
  ),
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
)
const messageLike = fc.dictionary(field, value, { maxKeys: 8 })
const amplitudeField = fc.constantFrom(
  'event_type',
  'user_id',
  'device_id',
  'time',
  'insert_id',
  'event_properties',
  'user_properties',
  'groups',
  'group_properties',
  'library',
  'session_id',
  'ip',
  '__proto__',
)
const amplitudeValue = fc.oneof(
  value,
  fc.constantFrom('$identify', '$groupidentify', '[Amplitude] Page Viewed', '$remote'),
  fc.dictionary(fc.constantFrom('$set', '$setOnce', '$add', 'plan', '__proto__'), fc.jsonValue()),
  fc.integer(),
)
const amplitudeEvent = fc.dictionary(amplitudeField, amplitudeValue, { maxKeys: 8 })
const body = fc.oneof(
  fc.string().map((text) => ({ raw: text })),
  fc.jsonValue().map((json) => ({ raw: JSON.stringify(json) ?? 'null' })),
  messageLike.map((m) => ({ raw: JSON.stringify(m) })),
  fc
    .array(fc.oneof(messageLike, fc.jsonValue()), { maxLength: 20 })
    .map((batch) => ({ raw: JSON.stringify({ batch, context: 3 }) })),
  fc
    .uint8Array({ maxLength: 200 })
    .map((bytes) => ({ raw: Buffer.from(bytes).toString('latin1'), gzip: true })),
  fc
    .array(messageLike, { maxLength: 10 })
    .map((batch) => ({ raw: JSON.stringify({ batch }), compress: true })),
  // Amplitude's shape; WRITE_KEY becomes the workspace's key when the request carries one.
  fc
    .array(fc.oneof(amplitudeEvent, fc.jsonValue()), { maxLength: 10 })
    .map((events) => ({ raw: JSON.stringify({ api_key: 'WRITE_KEY', events }) })),
)

describe('ingestion under malformed input', () => {
  // Projection failures of what was accepted surface when the harness closes.
  it('answers only 2xx/4xx to thousands of malformed bodies and keeps earlier data intact', async () => {
    const { url, workspace, collector } = harness
    const ws = workspace.workspace.id
    const before = track({ messageId: 'fuzz-anchor' })
    expect(
      (await post(`${url}/v1/batch`, { batch: [before] }, { writeKey: workspace.writeKey })).status,
    ).toBe(200)
    const [anchor] = await collector.store.readMessages({ workspaceId: ws, limit: 1 })

    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...paths),
        body,
        fc.boolean(),
        async (path, input, withKey) => {
          const headers: Record<string, string> = { 'content-type': 'application/json' }
          if (withKey) headers.authorization = basic(workspace.writeKey)
          const raw = input.raw.replace('WRITE_KEY', withKey ? workspace.writeKey : 'wk_unknown')
          let payload: string | Buffer = raw
          if ('compress' in input) {
            payload = gzipSync(raw)
            headers['content-encoding'] = 'gzip'
          } else if ('gzip' in input) headers['content-encoding'] = 'gzip'
          const response = await fetch(`${url}${path}`, { method: 'POST', headers, body: payload })
          const text = await response.text()
          expect(response.status, text).toBeGreaterThanOrEqual(200)
          expect(response.status, text).toBeLessThan(500)
          expect(() => JSON.parse(text) as unknown).not.toThrow()
        },
      ),
      { numRuns: 2000 },
    )

    expect((await fetch(`${url}/health`)).status).toBe(200)
    const [still] = await collector.store.readMessages({ workspaceId: ws, limit: 1 })
    expect(still).toEqual(anchor)
    const again = await post(
      `${url}/v1/batch`,
      { batch: [before] },
      { writeKey: workspace.writeKey },
    )
    expect(again.body).toEqual({ success: true, duplicates: ['fuzz-anchor'] })
  })
})
