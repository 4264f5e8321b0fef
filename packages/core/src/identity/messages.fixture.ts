import type { Message } from '../spec/index.js'

const base = Date.UTC(2024, 4, 1, 9, 0, 0)

/** ISO time `minutes` after 2024-05-01T09:00:00.000Z. */
export const at = (minutes: number): string => new Date(base + minutes * 60_000).toISOString()

/** Fields of a test message: ids and traits, plus its id and minute offset. */
export interface MessageSpec {
  id: string
  minute: number
  type?: 'track' | 'identify' | 'page' | 'alias' | 'group'
  userId?: string
  anonymousId?: string
  previousId?: string
  email?: string
  phone?: string
  contextEmail?: string
  deviceId?: string
  externalIds?: { id: string; type: string }[]
}

/** A validated-shape message built from a compact spec. */
export function msg(spec: MessageSpec): Message {
  const type = spec.type ?? (spec.email || spec.phone ? 'identify' : 'track')
  const context: Record<string, unknown> = {}
  if (spec.deviceId !== undefined) context.device = { id: spec.deviceId }
  if (spec.contextEmail !== undefined) context.traits = { email: spec.contextEmail }
  if (spec.externalIds) context.externalIds = spec.externalIds
  const message: Record<string, unknown> = {
    type,
    messageId: spec.id,
    timestamp: at(spec.minute),
    ...(spec.userId !== undefined && { userId: spec.userId }),
    ...(spec.anonymousId !== undefined && { anonymousId: spec.anonymousId }),
    ...(Object.keys(context).length > 0 && { context }),
  }
  if (type === 'track') message.event = 'Event'
  if (type === 'group') message.groupId = 'g1'
  if (type === 'alias') message.previousId = spec.previousId
  if (type === 'identify' || type === 'group') {
    message.traits = {
      ...(spec.email !== undefined && { email: spec.email }),
      ...(spec.phone !== undefined && { phone: spec.phone }),
    }
  }
  return message as Message
}

/** Profiles as sorted lists of `type:value` strings, for partition comparisons. */
export function partition(
  profiles: { identifiers: { type: string; value: string }[]; messageIds: string[] }[],
): string[][] {
  return profiles.map((p) => [...p.messageIds]).sort((a, b) => (a[0]! < b[0]! ? -1 : 1))
}
