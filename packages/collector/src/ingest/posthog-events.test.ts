import { describe, expect, it } from 'vitest'
import { mapPostHogEvent } from './posthog-events.js'

const batch = { sentAt: '2026-03-01T10:00:01.000Z', receivedAt: Date.parse('2026-03-01T10:00:02Z') }
const ANON = '01a205ce-3cb0-7502-99c7-8c883ecbc270'

/** An event as posthog-js sends it (trimmed), anonymous unless `identified`. */
function browserEvent(event: string, properties: Record<string, unknown> = {}, identified = false) {
  return {
    uuid: `uuid-${event}`,
    event,
    timestamp: '2026-03-01T10:00:00.000Z',
    properties: {
      $os: 'Linux',
      $current_url: 'https://shop.example/mugs?utm_source=news',
      $host: 'shop.example',
      $pathname: '/mugs',
      $raw_user_agent: 'Mozilla/5.0 Chrome/131.0.0.0',
      $browser_language: 'en-US',
      $timezone: 'Europe/Paris',
      $screen_height: 720,
      $screen_width: 1280,
      $lib: 'web',
      $lib_version: '1.449.2',
      distinct_id: identified ? 'visitor' : ANON,
      $device_id: ANON,
      $referrer: '$direct',
      token: 'wk_test',
      $session_id: 'session-1',
      $is_identified: identified,
      ...properties,
    },
  }
}

/** An event as posthog-node sends it. */
function serverEvent(event: string, properties: Record<string, unknown> = {}, distinctId = 'u1') {
  return {
    event,
    distinct_id: distinctId,
    uuid: `uuid-${event}`,
    timestamp: '2026-03-01T10:00:00.000Z',
    properties: { $lib: 'posthog-node', $lib_version: '5.70.0', $is_server: true, ...properties },
  }
}

const map = (input: unknown) => {
  const result = mapPostHogEvent(input, batch)
  if (!result.ok) throw new Error(JSON.stringify(result.error))
  return result.value
}

const issues = (input: unknown) => {
  const result = mapPostHogEvent(input, batch)
  return result.ok ? [] : result.error
}

describe('mapPostHogEvent', () => {
  it("maps an anonymous posthog-js event to a track with the browser's context", () => {
    const message = map(browserEvent('Product Viewed', { sku: 'MUG-1', price: 12.5 }))
    expect(message).toMatchObject({
      type: 'track',
      event: 'Product Viewed',
      messageId: 'uuid-Product Viewed',
      anonymousId: ANON,
      timestamp: '2026-03-01T10:00:00.000Z',
      sentAt: batch.sentAt,
      context: {
        library: { name: 'web', version: '1.449.2' },
        page: {
          url: 'https://shop.example/mugs?utm_source=news',
          path: '/mugs',
          search: '?utm_source=news',
        },
        userAgent: 'Mozilla/5.0 Chrome/131.0.0.0',
        locale: 'en-US',
        timezone: 'Europe/Paris',
        os: { name: 'Linux' },
        screen: { width: 1280, height: 720 },
      },
    })
    expect(message).not.toHaveProperty('userId')
    expect(message.context).toMatchObject({ page: { referrer: undefined, title: undefined } })
    expect(message.properties).toMatchObject({
      sku: 'MUG-1',
      price: 12.5,
      $session_id: 'session-1',
    })
  })

  it('never keeps the token and keeps distinct_id only as the sender', () => {
    const message = map(browserEvent('Product Viewed'))
    expect(JSON.stringify(message)).not.toContain('wk_test')
    expect(message.properties).not.toHaveProperty('distinct_id')
    expect(message.properties).not.toHaveProperty('token')
  })

  it('sends an identified event as its userId alone, never linking the device id', () => {
    const message = map(browserEvent('Order Completed', { revenue: 12.5 }, true))
    expect(message).toMatchObject({ type: 'track', userId: 'visitor' })
    expect(message).not.toHaveProperty('anonymousId')
    expect(message.properties).toMatchObject({ $device_id: ANON, revenue: 12.5 })
  })

  it("maps $pageview to a page with Segment's page properties and the title", () => {
    const message = map(
      browserEvent('$pageview', { title: 'Mugs', $referrer: 'https://search.example/' }),
    )
    expect(message).toMatchObject({
      type: 'page',
      anonymousId: ANON,
      context: { page: { title: 'Mugs', referrer: 'https://search.example/' } },
      properties: {
        url: 'https://shop.example/mugs?utm_source=news',
        path: '/mugs',
        search: '?utm_source=news',
        referrer: 'https://search.example/',
        title: 'Mugs',
        $pathname: '/mugs',
      },
    })
  })

  it('maps $identify to identify linking $anon_distinct_id, with $set over $set_once', () => {
    const event = {
      ...browserEvent('$identify', { $anon_distinct_id: ANON }, true),
      $set: { email: 'visitor@example.com', plan: 'pro' },
      $set_once: { plan: 'free', first_seen: '2026-03-01', $initial_utm_source: null },
    }
    const message = map(event)
    expect(message).toMatchObject({ type: 'identify', userId: 'visitor', anonymousId: ANON })
    expect(message.traits).toEqual({
      email: 'visitor@example.com',
      plan: 'pro',
      first_seen: '2026-03-01',
    })
    expect(message.properties).not.toHaveProperty('$set')
  })

  it("reads posthog-node's $set and $set_once from the properties", () => {
    const message = map(
      serverEvent('$identify', { $set: { email: 'u1@example.com' }, $set_once: { first: 'x' } }),
    )
    expect(message).toMatchObject({
      type: 'identify',
      userId: 'u1',
      traits: { email: 'u1@example.com', first: 'x' },
      context: { library: { name: 'posthog-node', version: '5.70.0' } },
    })
    expect(message).not.toHaveProperty('anonymousId')
    expect(message.properties).toEqual({
      $lib: 'posthog-node',
      $lib_version: '5.70.0',
      $is_server: true,
    })
  })

  it('sends a posthog-node event as the userId of its distinct_id', () => {
    expect(map(serverEvent('Seat Added', { seats: 3 }))).toMatchObject({
      type: 'track',
      event: 'Seat Added',
      userId: 'u1',
      properties: { seats: 3 },
    })
  })

  it('maps $set to identify from the same sender, and $set on any other event to context.traits', () => {
    expect(map(browserEvent('$set', { $set: { plan: 'pro' } }))).toMatchObject({
      type: 'identify',
      anonymousId: ANON,
      traits: { plan: 'pro' },
    })
    const track = map(serverEvent('Plan Changed', { $set: { plan: 'team' } }))
    expect(track).toMatchObject({ type: 'track', context: { traits: { plan: 'team' } } })
    expect(track.properties).not.toHaveProperty('$set')
  })

  it('maps $create_alias: the alias becomes another id of the distinct_id', () => {
    expect(
      map(serverEvent('$create_alias', { distinct_id: 'u1', alias: 'legacy-7' })),
    ).toMatchObject({ type: 'alias', userId: 'u1', previousId: 'legacy-7' })
    // An anonymous visitor aliasing names the user id they go by from then on.
    expect(map(browserEvent('$create_alias', { alias: 'visitor' }))).toMatchObject({
      type: 'alias',
      userId: 'visitor',
      previousId: ANON,
      anonymousId: ANON,
    })
  })

  it("maps $groupidentify to group; posthog-node's $type_key placeholder is never a user", () => {
    const properties = { $group_type: 'company', $group_key: 'acme', $group_set: { name: 'Acme' } }
    const placeholder = map(serverEvent('$groupidentify', properties, '$company_acme'))
    expect(placeholder).toMatchObject({
      type: 'group',
      groupId: 'acme',
      anonymousId: '$company_acme',
      traits: { name: 'Acme', $group_type: 'company' },
    })
    expect(placeholder).not.toHaveProperty('userId')
    expect(map(serverEvent('$groupidentify', properties))).toMatchObject({
      type: 'group',
      userId: 'u1',
      groupId: 'acme',
    })
  })

  it('maps $screen to screen named $screen_name, and other $ events to tracks as they are', () => {
    expect(map(serverEvent('$screen', { $screen_name: 'Cart' }))).toMatchObject({
      type: 'screen',
      name: 'Cart',
    })
    for (const event of ['$autocapture', '$pageleave', '$merge_dangerously']) {
      expect(map(browserEvent(event))).toMatchObject({ type: 'track', event, anonymousId: ANON })
    }
  })

  it('reads an SDK without $is_identified as anonymous while its distinct_id is its $device_id', () => {
    const event = serverEvent('Opened', { $device_id: 'd1' }, 'd1')
    expect(map(event)).toMatchObject({ anonymousId: 'd1' })
    expect(map({ ...event, distinct_id: 'u9' })).toMatchObject({ userId: 'u9' })
  })

  it('times an event sent with an offset instead of a timestamp by server time', () => {
    const { timestamp: _omit, ...event } = serverEvent('Opened')
    const message = map({ ...event, offset: 1500 })
    expect(message.timestamp).toBe('2026-03-01T10:00:00.500Z')
    expect(message.sentAt).toBeUndefined()
  })

  it('leaves an event untimed when its offset is outside the Date range', () => {
    const { timestamp: _omit, ...event } = serverEvent('Opened')
    for (const offset of [1e16, -1e16, 1e14, -3e14]) {
      expect(map({ ...event, offset }).timestamp).toBeUndefined()
    }
  })

  it('reads a call without a person (a random UUIDv7, no person profile) as anonymous', () => {
    const random = '0196a1f2-3c4d-7e5f-8a9b-0c1d2e3f4a5b'
    const event = serverEvent('$exception', { $process_person_profile: false }, random)
    expect(map(event)).toMatchObject({ anonymousId: random })
    expect(map(event)).not.toHaveProperty('userId')
    // An application's own user id with the same flag stays a user id.
    const known = serverEvent('Signed In', { $process_person_profile: false }, 'user_123')
    expect(map(known)).toMatchObject({ userId: 'user_123' })
    // posthog-js says who is identified; its word wins.
    const identified = browserEvent('Opened', { $process_person_profile: false }, true)
    expect(map(identified)).toMatchObject({ userId: 'visitor' })
  })

  it('keeps a $set key named __proto__ as a trait, without touching any prototype', () => {
    const event = serverEvent('$identify', { $set: JSON.parse('{"__proto__": {"admin": true}}') })
    const traits = map(event).traits as Record<string, unknown>
    expect(Object.keys(traits)).toEqual(['__proto__'])
    expect(Object.getPrototypeOf(traits)).toBe(Object.prototype)
    expect(({} as Record<string, unknown>)['admin']).toBeUndefined()
  })

  it('names the PostHog field of an event it cannot map', () => {
    expect([
      issues('not an event'),
      issues({ distinct_id: 'u1' }),
      issues({ event: 'Opened' }),
      issues({ event: 'Opened', distinct_id: 'u1', properties: [] }),
      issues({ event: 'Opened', distinct_id: 'u1', uuid: 7 }),
      issues(serverEvent('$create_alias')),
      issues(serverEvent('$groupidentify', { $group_type: 'company' })),
    ]).toMatchInlineSnapshot(`
      [
        [
          {
            "message": "must be a PostHog event object",
            "path": "",
          },
        ],
        [
          {
            "message": "required: the name of the PostHog event",
            "path": "event",
          },
        ],
        [
          {
            "message": "required: the PostHog distinct_id of the person",
            "path": "distinct_id",
          },
        ],
        [
          {
            "message": "must be an object",
            "path": "properties",
          },
        ],
        [
          {
            "message": "must be a string",
            "path": "uuid",
          },
        ],
        [
          {
            "message": "required: the id to alias to the distinct_id",
            "path": "properties.alias",
          },
        ],
        [
          {
            "message": "required: the key of the group",
            "path": "properties.$group_key",
          },
        ],
      ]
    `)
  })
})
