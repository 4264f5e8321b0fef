import type { Message } from '../spec/index.js'
import type { Channel } from './types.js'

const CHANNELS: Record<string, Channel> = {
  web: 'web',
  browser: 'web',
  mobile: 'mobile',
  app: 'mobile',
  server: 'server',
  email: 'email',
  pos: 'pos',
  store: 'pos',
  other: 'other',
}

// Library names of Segment-compatible SDKs, matched by substring (lower case).
const MOBILE_LIBRARIES = ['ios', 'android', 'swift', 'kotlin', 'react-native', 'flutter', 'xamarin']
const SERVER_LIBRARIES = [
  'analytics-node',
  'itinera/node',
  'python',
  'ruby',
  'analytics-go',
  'java',
  'php',
  'dotnet',
  'csharp',
  'server',
]
const WEB_LIBRARIES = ['analytics.js', 'analytics-next', 'itinera/browser', 'browser', 'web']
const MOBILE_DEVICES = ['ios', 'android', 'mobile', 'tablet', 'ipados', 'phone']

const includesAny = (text: string, needles: readonly string[]) =>
  needles.some((needle) => text.includes(needle))

function asObject(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null
    ? (value as Record<string, unknown>)
    : undefined
}

/**
 * The channel of a message: `context.channel` (or Segment's top-level `channel`) when it names
 * one, else guessed from `context.library.name`, the device, the app and the page, else `other`.
 * `Email …` events (Segment's email spec) are `email`.
 */
export function detectChannel(message: Message): Channel {
  const context = message.context
  const declared = context?.channel ?? (message as { channel?: unknown }).channel
  if (typeof declared === 'string') {
    const known = CHANNELS[declared.toLowerCase()]
    if (known !== undefined) return known
  }
  if (message.type === 'track' && message.event.startsWith('Email ')) return 'email'
  if (context === undefined) return 'other'
  const library = context.library?.name?.toLowerCase()
  if (library !== undefined) {
    if (library.includes('email')) return 'email'
    if (library.includes('pos')) return 'pos'
    if (includesAny(library, MOBILE_LIBRARIES)) return 'mobile'
    if (includesAny(library, SERVER_LIBRARIES)) return 'server'
    if (includesAny(library, WEB_LIBRARIES)) return 'web'
  }
  const deviceType = context.device?.type?.toLowerCase()
  if (deviceType !== undefined && includesAny(deviceType, MOBILE_DEVICES)) return 'mobile'
  if (context.app !== undefined || asObject(context['network']) !== undefined) return 'mobile'
  if (context.page !== undefined || context.userAgent !== undefined) return 'web'
  if (message.type === 'screen') return 'mobile'
  if (message.type === 'page') return 'web'
  return 'other'
}
