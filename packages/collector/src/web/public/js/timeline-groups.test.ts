import { describe, expect, it } from 'vitest'
import { eventTitle, groupSessions, touchpointOf } from './timeline-groups.js'

const at = (minute: number) => new Date(Date.UTC(2026, 4, 1, 12, minute)).toISOString()

describe('groupSessions', () => {
  it('groups consecutive entries sharing a session id', () => {
    const sessions = groupSessions([
      { timestamp: at(0), channel: 'web', sessionId: 's1' },
      { timestamp: at(1), channel: 'web', sessionId: 's1' },
      { timestamp: at(2), channel: 'email', sessionId: 'e1' },
      { timestamp: at(3), channel: 'web', sessionId: 's2' },
    ])
    expect(sessions.map((s) => [s.sessionId, s.channel, s.events.length])).toEqual([
      ['s1', 'web', 2],
      ['e1', 'email', 1],
      ['s2', 'web', 1],
    ])
    expect(sessions[0]).toMatchObject({ start: at(0), end: at(1) })
  })

  it('splits entries without a session id after 30 minutes of inactivity', () => {
    const sessions = groupSessions([
      { timestamp: at(0), channel: 'server' },
      { timestamp: at(25), channel: 'server' },
      { timestamp: at(56), channel: 'server' },
    ])
    expect(sessions.map((s) => s.events.length)).toEqual([2, 1])
  })
})

describe('touchpointOf', () => {
  it('reads the campaign from the journey annotation, the context or UTM properties', () => {
    expect(touchpointOf({ touchpoint: { campaign: { source: 'news', medium: 'email' } } })).toEqual(
      {
        source: 'news',
        medium: 'email',
      },
    )
    expect(touchpointOf({ context: { campaign: { name: 'spring', source: 'ads' } } })).toEqual({
      source: 'ads',
      name: 'spring',
    })
    expect(touchpointOf({ properties: { utm_campaign: 'x' } })).toEqual({ name: 'x' })
    expect(touchpointOf({ properties: {} })).toBeUndefined()
  })
})

describe('eventTitle', () => {
  it('names track, page and identify entries', () => {
    expect(eventTitle({ type: 'track', event: 'Order Completed' })).toBe('Order Completed')
    expect(eventTitle({ type: 'page', name: 'Home' })).toBe('Viewed Home')
    expect(eventTitle({ type: 'identify' })).toBe('Identified')
  })
})

describe('touchpointOf with page URLs', () => {
  it('reads UTM parameters from the page URL the browser SDK records', () => {
    expect(
      touchpointOf({
        properties: {
          url: 'http://localhost/demo/?utm_source=news&utm_medium=email&utm_campaign=spring',
        },
      }),
    ).toEqual({ source: 'news', medium: 'email', name: 'spring' })
  })
})
