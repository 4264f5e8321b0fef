import { describe, expect, it } from 'vitest'
import { buildTimeline, type Message } from '@itinera/core'

const web = { library: { name: 'analytics.js' } }
const mobile = { library: { name: 'analytics-ios' } }
const event = (id: string, minute: number, context: Record<string, unknown>): Message =>
  ({
    type: 'track',
    event: 'Product Viewed',
    userId: 'u1',
    messageId: id,
    timestamp: new Date(Date.UTC(2024, 0, 1, 0, minute)).toISOString(),
    context,
  }) as unknown as Message

describe('buildTimeline', () => {
  it('starts a new session after 30 minutes of inactivity on the same channel', () => {
    const timeline = buildTimeline([event('a', 0, web), event('b', 30, web), event('c', 61, web)])
    expect(timeline.map((entry) => entry.sessionId)).toEqual(['web:a', 'web:a', 'web:c'])
  })

  it('keeps sessions apart per channel', () => {
    const timeline = buildTimeline([
      event('a', 0, web),
      event('b', 10, mobile),
      event('c', 20, web),
    ])
    expect(timeline.map((entry) => entry.sessionId)).toEqual(['web:a', 'mobile:b', 'web:a'])
  })

  it('uses a configurable session timeout', () => {
    const timeline = buildTimeline([event('a', 0, web), event('b', 10, web)], {
      sessionTimeoutMs: 5 * 60_000,
    })
    expect(timeline.map((entry) => entry.sessionId)).toEqual(['web:a', 'web:b'])
  })

  it('gives the same session ids whatever the arrival order', () => {
    const messages = [
      event('a', 0, web),
      event('b', 45, web),
      event('c', 50, mobile),
      event('d', 70, web),
    ]
    const ids = (list: Message[]) =>
      buildTimeline(list).map((entry) => [entry.messageId, entry.sessionId])
    expect(ids([...messages].reverse())).toEqual(ids(messages))
  })

  it('keeps the earliest copy of a duplicated messageId', () => {
    const timeline = buildTimeline([event('a', 10, web), event('a', 5, web)])
    expect(timeline.map((entry) => entry.timestamp)).toEqual(['2024-01-01T00:05:00.000Z'])
  })
})
