import type { Message } from '@itinera/core'
import type { IdentifierRef } from '../storage/types.js'

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** `type:value` key of an identifier, as used in refs (`email:ana@example.com`). */
export const identifierKey = (ref: IdentifierRef): string => `${ref.type}:${ref.value}`

/**
 * The identifiers a message carries: `user_id`, `anonymous_id`, `email` (trimmed, lower-cased)
 * from traits, `previous_id` targets of alias calls, and `context.externalIds`.
 */
export function identifiersOf(message: Message): IdentifierRef[] {
  const found: IdentifierRef[] = []
  const add = (type: string, value: unknown) => {
    if (typeof value !== 'string' && typeof value !== 'number') return
    const text = String(value).trim()
    if (text !== '') found.push({ type, value: type === 'email' ? text.toLowerCase() : text })
  }
  add('user_id', message.userId)
  add('anonymous_id', message.anonymousId)
  if (message.type === 'alias') add('user_id', message.previousId)
  const traits = 'traits' in message && isRecord(message.traits) ? message.traits : undefined
  add('email', traits?.email ?? message.context?.traits?.email)
  for (const external of message.context?.externalIds ?? []) add(external.type, external.id)
  return found
}
