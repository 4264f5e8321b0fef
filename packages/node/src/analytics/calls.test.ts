import { describe, expect, it } from 'vitest'
import { buildMessage } from './calls.js'

const newId = () => 'id-1'
const now = () => '2024-05-01T10:00:00.000Z'

describe('buildMessage', () => {
  it('copies the caller fields and sets type, messageId and timestamp', () => {
    const params = { userId: 'u1', event: 'Signed Up', properties: { plan: 'pro' } }
    const message = buildMessage('track', params, newId, now)
    expect(message).toEqual({
      ...params,
      type: 'track',
      messageId: 'id-1',
      timestamp: now(),
    })
    expect(params).not.toHaveProperty('type')
  })

  it('keeps a given messageId and converts a Date timestamp to ISO 8601', () => {
    const at = new Date('2023-01-02T03:04:05.006Z')
    const message = buildMessage(
      'identify',
      { userId: 'u1', messageId: 'm1', timestamp: at },
      newId,
      now,
    )
    expect([message.messageId, message.timestamp]).toEqual(['m1', '2023-01-02T03:04:05.006Z'])
  })

  it('keeps an own __proto__ key as data instead of setting the prototype', () => {
    const params = JSON.parse('{"userId":"u1","event":"E","__proto__":{"polluted":true}}') as object
    const message = buildMessage('track', params, newId, now)
    expect(Object.getPrototypeOf(message)).toBe(Object.prototype)
    expect(Object.hasOwn(message, '__proto__')).toBe(true)
    expect(message).not.toHaveProperty('polluted')
  })
})
