import { describe, expect, it } from 'vitest'
import { detectChannel, type Message } from '@itinera/core'

const message = (extra: Record<string, unknown>, type = 'track'): Message =>
  ({ type, event: 'X', name: 'X', userId: 'u1', ...extra }) as unknown as Message

describe('detectChannel', () => {
  it.each([
    ['web', { context: { channel: 'web', library: { name: 'analytics-ios' } } }],
    ['web', { channel: 'browser' }],
    ['mobile', { context: { channel: 'mobile' } }],
    ['pos', { context: { channel: 'pos' } }],
    ['email', { context: { channel: 'email' } }],
    ['server', { channel: 'server' }],
  ])(
    'uses the declared channel %s when context.channel or channel names one',
    (expected, extra) => {
      expect(detectChannel(message(extra))).toBe(expected)
    },
  )

  it.each([
    ['web', 'analytics.js'],
    ['web', '@itinera/browser'],
    ['mobile', 'analytics-ios'],
    ['mobile', 'analytics-kotlin'],
    ['mobile', 'analytics-react-native'],
    ['server', 'analytics-node'],
    ['server', 'analytics-python'],
    ['email', 'itinera-email'],
    ['pos', 'store-pos-sync'],
    ['web', 'posthog-javascript'],
    ['server', 'analytics-go'],
  ])('reads %s from the library name %s', (expected, name) => {
    expect(detectChannel(message({ context: { library: { name } } }))).toBe(expected)
  })

  it('reads mobile from the device type or an app context', () => {
    expect(detectChannel(message({ context: { device: { type: 'android' } } }))).toBe('mobile')
    expect(detectChannel(message({ context: { app: { name: 'Shop' } } }))).toBe('mobile')
  })

  it('reads web from a page context or a user agent', () => {
    expect(detectChannel(message({ context: { page: { path: '/' } } }))).toBe('web')
    expect(detectChannel(message({ context: { userAgent: 'Mozilla/5.0' } }))).toBe('web')
  })

  it.each(['Email Opened', 'email_opened', 'emailLinkClicked', 'EmailBounced', 'EMAIL_OPENED'])(
    'reads email from the email event %s, in any naming convention',
    (event) => expect(detectChannel(message({ event }))).toBe('email'),
  )

  it.each(['Emailed Receipt', 'Emails Sent', 'Email', 'emailed', 'Newsletter Email Opened'])(
    'does not read email from %s',
    (event) => expect(detectChannel(message({ event }))).toBe('other'),
  )

  it.each(['constructor', '__proto__', 'toString'])(
    'reads a declared channel named %s as an unknown one',
    (channel) => {
      const detected = detectChannel(message({ context: { channel } }))
      expect(detected).toBe('other')
    },
  )

  it('falls back to the message type, then other', () => {
    expect(detectChannel(message({ context: {} }, 'screen'))).toBe('mobile')
    expect(detectChannel(message({ context: {} }, 'page'))).toBe('web')
    expect(detectChannel(message({}))).toBe('other')
  })
})
