import type { Message } from '../spec/index.js'
import { normalizeValue } from './normalize.js'
import { typeOptions } from './options.js'
import type { ResolvedIdentityOptions } from './options.js'
import type { ExtractionResult, IdentifierSource } from './types.js'

/** Receives each raw identifier found in a message, in reading order. */
export type IdentifierSink = (type: string, raw: string, source: IdentifierSource) => void

type Loose = Record<string, unknown> | undefined

const asRaw = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined

/**
 * Reads every identifier candidate of a message: `userId`, `anonymousId`, alias `previousId`
 * (read as an anonymous id), identify `traits.email`/`traits.phone`, `context.traits.email` /
 * `context.traits.phone`, `context.device.id` and `context.externalIds[]`.
 */
export function readIdentifiers(message: Message, sink: IdentifierSink): void {
  const m = message as unknown as Record<string, unknown>
  const userId = asRaw(m.userId)
  if (userId !== undefined) sink('user_id', userId, 'userId')
  if (message.type === 'alias') {
    const previousId = asRaw(m.previousId)
    if (previousId !== undefined) sink('anonymous_id', previousId, 'previousId')
  }
  if (message.type === 'identify') {
    readContact(m.traits as Loose, sink, 'traits.email', 'traits.phone')
  }
  const context = m.context as Loose
  if (context !== undefined) {
    readContact(context.traits as Loose, sink, 'context.traits.email', 'context.traits.phone')
    const device = context.device as Loose
    if (device !== undefined) {
      const id = asRaw(device.id)
      if (id !== undefined) sink('device_id', id, 'context.device.id')
    }
    const externalIds = context.externalIds
    if (Array.isArray(externalIds)) {
      for (const entry of externalIds as Loose[]) {
        const id = asRaw(entry?.id)
        const type = entry?.type
        if (id !== undefined && typeof type === 'string' && type.trim() !== '') {
          sink(type.trim().toLowerCase(), id, 'context.externalIds')
        }
      }
    }
  }
  const anonymousId = asRaw(m.anonymousId)
  if (anonymousId !== undefined) sink('anonymous_id', anonymousId, 'anonymousId')
}

/** Sends the `email` and `phone` of a traits object, naming where each was read. */
function readContact(
  traits: Loose,
  sink: IdentifierSink,
  emailSource: IdentifierSource,
  phoneSource: IdentifierSource,
): void {
  if (traits === undefined) return
  const email = asRaw(traits.email)
  if (email !== undefined) sink('email', email, emailSource)
  const phone = asRaw(traits.phone)
  if (phone !== undefined) sink('phone', phone, phoneSource)
}

/**
 * Extracts, normalizes and filters the identifiers of one message. Identifiers come back in
 * priority order (ties keep reading order), without duplicates; blocked or invalid values are
 * listed in `rejected` with their raw value and reason.
 */
export function extractWithOptions(
  message: Message,
  options: ResolvedIdentityOptions,
): ExtractionResult {
  const result: ExtractionResult = { identifiers: [], rejected: [] }
  const seen = new Set<string>()
  readIdentifiers(message, (type, raw, source) => {
    const normalized = normalizeValue(raw, typeOptions(options, type), options)
    if (!normalized.ok) {
      result.rejected.push({ type, raw, source, reason: normalized.reason })
      return
    }
    const key = `${type}\u0000${normalized.value}`
    if (seen.has(key)) return
    seen.add(key)
    result.identifiers.push({ type, value: normalized.value, raw, source })
  })
  const rank = (type: string) => typeOptions(options, type).priority
  result.identifiers.sort((a, b) => rank(a.type) - rank(b.type) || compareText(a.type, b.type))
  return result
}

/** Code-unit order, independent of locale. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
