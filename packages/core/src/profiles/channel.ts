import type { Message } from '../spec/index.js'
import type { Channel } from './types.js'

// A Map: a declared channel such as `constructor` must not find Object.prototype's members.
const CHANNELS = new Map<string, Channel>([
  ['web', 'web'],
  ['browser', 'web'],
  ['mobile', 'mobile'],
  ['app', 'mobile'],
  ['server', 'server'],
  ['email', 'email'],
  ['pos', 'pos'],
  ['store', 'pos'],
  ['other', 'other'],
])

// Library names of Segment-compatible SDKs, matched as whole words (lower case).
const EMAIL_LIBRARY = /\bemail\b/
/**
 * Events named for an email, in any naming convention: `Email Opened`, `email_opened`,
 * `emailOpened`, `EMAIL_OPENED`; not `Emailed` or `Emails Sent`.
 */
const EMAIL_EVENT = /^(?:[Ee]mail(?:[\s_.-]+|(?=[A-Z]))|EMAIL[\s_.-]+)\S/
const POS_LIBRARY = /\bpos\b/
const MOBILE_LIBRARY = /\b(?:ios|android|swift|kotlin|react-native|flutter|xamarin|unity)\b/
const SERVER_LIBRARY = /\b(?:node|python|ruby|go|java|php|dotnet|csharp|rust|elixir|server)\b/
const WEB_LIBRARY = /(?:analytics\.js|analytics-next|\bbrowser\b|\bweb\b|\bjavascript\b)/
const MOBILE_DEVICE = /\b(?:ios|ipados|android|mobile|tablet|phone)\b/

// Few distinct library names exist; remembering their channel skips five regexes per message.
let libraryCache: Map<string, Channel | undefined> | undefined
const LIBRARY_CACHE_LIMIT = 512

function channelOfLibrary(name: string): Channel | undefined {
  libraryCache ??= new Map()
  if (libraryCache.has(name)) return libraryCache.get(name)
  const library = name.toLowerCase()
  const channel: Channel | undefined = EMAIL_LIBRARY.test(library)
    ? 'email'
    : POS_LIBRARY.test(library)
      ? 'pos'
      : MOBILE_LIBRARY.test(library)
        ? 'mobile'
        : SERVER_LIBRARY.test(library)
          ? 'server'
          : WEB_LIBRARY.test(library)
            ? 'web'
            : undefined
  if (libraryCache.size >= LIBRARY_CACHE_LIMIT) libraryCache.clear()
  libraryCache.set(name, channel)
  return channel
}

function asObject(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null
    ? (value as Record<string, unknown>)
    : undefined
}

/**
 * The channel of a message: `context.channel` (or Segment's top-level `channel`) when it names
 * one, else guessed from `context.library.name`, the device, the app and the page, else `other`.
 * Events named for an email (`Email Opened`, as Segment's email spec names them, in any naming
 * convention: `email_opened`) are `email`.
 */
export function detectChannel(message: Message): Channel {
  const context = message.context
  const declared = context?.channel ?? (message as { channel?: unknown }).channel
  if (typeof declared === 'string') {
    const known = CHANNELS.get(declared.toLowerCase())
    if (known !== undefined) return known
  }
  if (message.type === 'track' && EMAIL_EVENT.test(message.event)) return 'email'
  if (context === undefined) return 'other'
  const library = context.library?.name
  if (library !== undefined) {
    const channel = channelOfLibrary(library)
    if (channel !== undefined) return channel
  }
  const deviceType = context.device?.type?.toLowerCase()
  if (deviceType !== undefined && MOBILE_DEVICE.test(deviceType)) return 'mobile'
  if (context.app !== undefined || asObject(context['network']) !== undefined) return 'mobile'
  if (context.page !== undefined || context.userAgent !== undefined) return 'web'
  if (message.type === 'screen') return 'mobile'
  if (message.type === 'page') return 'web'
  return 'other'
}
