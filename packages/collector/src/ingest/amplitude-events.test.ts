import { describe, expect, it } from 'vitest'
import { mapAmplitudeEvent, traitsOfOperations } from './amplitude-events.js'

const batch = { sentAt: '2026-03-01T10:00:01.000Z', receivedAt: Date.parse('2026-03-01T10:00:02Z') }
const TIME = Date.parse('2026-03-01T10:00:00.000Z')

/** An event as Amplitude's browser SDK sends it (trimmed). */
function browserEvent(eventType: string, fields: Record<string, unknown> = {}) {
  return {
    event_type: eventType,
    device_id: 'b4c1d2e3-device',
    session_id: 1772359200000,
    time: TIME,
    platform: 'Web',
    language: 'en-US',
    ip: '$remote',
    insert_id: `insert-${eventType}`,
    event_id: 3,
    library: 'amplitude-ts/2.47.1',
    user_agent: 'Mozilla/5.0 Chrome/131.0.0.0',
    ...fields,
  }
}

const map = (input: unknown) => {
  const result = mapAmplitudeEvent(input, batch)
  if (!result.ok) throw new Error(JSON.stringify(result.error))
  return result.value
}

const issues = (input: unknown) => {
  const result = mapAmplitudeEvent(input, batch)
  return result.ok ? [] : result.error
}

describe('mapAmplitudeEvent', () => {
  it("maps an event to a track with the device's context; device_id is the anonymousId", () => {
    const message = map(
      browserEvent('Product Viewed', {
        event_properties: { sku: 'MUG-1', price: 12.5 },
        os_name: 'Chrome',
        os_version: '131',
        device_model: 'Linux',
        country: 'France',
        city: 'Paris',
        app_version: '4.2.0',
        carrier: 'Orange',
      }),
    )
    expect(message).toEqual({
      type: 'track',
      event: 'Product Viewed',
      messageId: 'insert-Product Viewed',
      timestamp: '2026-03-01T10:00:00.000Z',
      sentAt: batch.sentAt,
      anonymousId: 'b4c1d2e3-device',
      properties: { sku: 'MUG-1', price: 12.5 },
      context: {
        library: { name: 'amplitude-ts', version: '2.47.1' },
        userAgent: 'Mozilla/5.0 Chrome/131.0.0.0',
        locale: 'en-US',
        os: { name: 'Chrome', version: '131' },
        device: { model: 'Linux' },
        app: { version: '4.2.0' },
        location: { country: 'France', city: 'Paris' },
        network: { carrier: 'Orange' },
        platform: 'Web',
        sessionId: 1772359200000,
      },
    })
  })

  it('keeps both ids of a signed-in event, so that it joins the device to the user', () => {
    const message = map(browserEvent('Order Completed', { user_id: 'visitor' }))
    expect(message).toMatchObject({ userId: 'visitor', anonymousId: 'b4c1d2e3-device' })
    // Numeric ids are ids too, as text.
    expect(map({ event_type: 'Seat Added', user_id: 12345 })).toMatchObject({ userId: '12345' })
  })

  it("maps a page view to a page with Segment's page properties, context.page and the campaign", () => {
    const url = 'https://shop.example/mugs?utm_source=news&utm_campaign=spring'
    const message = map(
      browserEvent('[Amplitude] Page Viewed', {
        event_properties: {
          '[Amplitude] Page Domain': 'shop.example',
          '[Amplitude] Page Location': url,
          '[Amplitude] Page Path': '/mugs',
          '[Amplitude] Page Title': 'Mugs',
          '[Amplitude] Page URL': 'https://shop.example/mugs',
          utm_source: 'news',
          utm_campaign: 'spring',
          referrer: 'https://news.example/',
        },
      }),
    )
    expect(message).toMatchObject({
      type: 'page',
      properties: {
        url,
        path: '/mugs',
        title: 'Mugs',
        referrer: 'https://news.example/',
        search: '?utm_source=news&utm_campaign=spring',
        '[Amplitude] Page Title': 'Mugs',
      },
      context: {
        page: { url, path: '/mugs', title: 'Mugs', referrer: 'https://news.example/' },
        campaign: { source: 'news', name: 'spring' },
      },
    })
    expect(message).not.toHaveProperty('event')
  })

  it('maps $identify to an identify whose traits are what $setOnce and $set set', () => {
    const message = map(
      browserEvent('$identify', {
        user_id: 'visitor',
        user_properties: {
          $setOnce: { plan: 'free', initial_referrer: null },
          $set: { email: 'Visitor@Example.com', plan: 'pro' },
          $add: { logins: 1 },
        },
      }),
    )
    expect(message).toMatchObject({
      type: 'identify',
      userId: 'visitor',
      anonymousId: 'b4c1d2e3-device',
      traits: { email: 'Visitor@Example.com', plan: 'pro' },
    })
    expect(message).not.toHaveProperty('properties')
    expect(Object.keys(message.traits as object)).toEqual(['plan', 'email'])
  })

  it("reads the HTTP API's plain user_properties as traits, on any event", () => {
    const message = map({
      event_type: 'Seat Added',
      user_id: 'u1',
      user_properties: { plan: 'team', ['__proto__']: 'kept' },
    })
    const traits = (message.context as { traits: Record<string, unknown> }).traits
    expect(traits.plan).toBe('team')
    expect(Object.hasOwn(traits, '__proto__')).toBe(true)
    expect(Object.getPrototypeOf(traits)).toBe(Object.prototype)
    expect(traitsOfOperations({ $add: { n: 1 } })).toBeUndefined()
  })

  it('maps $groupidentify to a group call for the group it names', () => {
    const message = map({
      event_type: '$groupidentify',
      user_id: 'u1',
      insert_id: 'g1',
      groups: { company: 'acme' },
      group_properties: { $set: { name: 'Acme', seats: 12 } },
    })
    expect(message).toMatchObject({
      type: 'group',
      userId: 'u1',
      groupId: 'acme',
      traits: { name: 'Acme', seats: 12, group_type: 'company' },
    })
    expect(issues({ event_type: '$groupidentify', user_id: 'u1' })).toEqual([
      { field: 'groups', kind: 'missing', message: expect.stringContaining('required') },
    ])
  })

  it("carries an event's groups and revenue fields", () => {
    const message = map({
      event_type: 'Order Completed',
      user_id: 'u1',
      groups: { company: ['acme'] },
      price: 12.5,
      quantity: 2,
      revenue: 25,
    })
    expect(message).toMatchObject({
      context: { groups: { company: ['acme'] } },
      properties: { price: 12.5, quantity: 2, revenue: 25 },
    })
  })

  it("times an event without `time` by the server's clock, without a sentAt to correct", () => {
    const message = map({ event_type: 'Seat Added', user_id: 'u1' })
    expect(message.timestamp).toBe('2026-03-01T10:00:02.000Z')
    expect(message).not.toHaveProperty('sentAt')
  })

  it('names the Amplitude field of each problem', () => {
    expect(issues('nope')).toEqual([
      { field: 'event', kind: 'invalid', message: 'must be an Amplitude event object' },
    ])
    expect(issues({ user_id: 'u1' })[0]).toMatchObject({ field: 'event_type', kind: 'missing' })
    expect(issues({ event_type: 'x' })[0]).toMatchObject({ field: 'user_id', kind: 'missing' })
    expect(issues({ event_type: 'x', user_id: 'u1', time: '2026-03-01' })[0]).toMatchObject({
      field: 'time',
      kind: 'invalid',
    })
    expect(issues({ event_type: 'x', user_id: 'u1', time: 1e20 })[0]).toMatchObject({
      field: 'time',
    })
    expect(issues({ event_type: 'x', user_id: 'u1', insert_id: 7 })[0]).toMatchObject({
      field: 'insert_id',
    })
    expect(issues({ event_type: 'x', user_id: 'u1', event_properties: [] })[0]).toMatchObject({
      field: 'event_properties',
    })
  })
})
