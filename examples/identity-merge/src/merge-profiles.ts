import { resolveIdentities, validateMessage } from '@itinera/core'
import type { IdentityOptions, Message, ResolvedProfile } from '@itinera/core'

/** Profiles stitched from an NDJSON file, and the lines that were not valid messages. */
export interface MergeResult {
  profiles: ResolvedProfile[]
  rejected: { line: number; reason: string }[]
}

/** Parses NDJSON (one message per line), validates each message and stitches the valid ones. */
export function mergeNdjson(text: string, options?: IdentityOptions): MergeResult {
  const messages: Message[] = []
  const rejected: MergeResult['rejected'] = []
  text.split('\n').forEach((raw, index) => {
    if (raw.trim() === '') return
    let parsed: unknown
    try {
      parsed = JSON.parse(raw)
    } catch {
      rejected.push({ line: index + 1, reason: 'not JSON' })
      return
    }
    const result = validateMessage(parsed)
    if (result.ok) messages.push(result.value)
    else
      rejected.push({
        line: index + 1,
        reason: result.errors.map((e) => `${e.path}: ${e.message}`).join('; '),
      })
  })
  return { profiles: resolveIdentities(messages, options), rejected }
}

/** A readable listing: one block per profile with its identifiers and message ids. */
export function formatProfiles({ profiles, rejected }: MergeResult): string {
  const blocks = profiles.map((profile) => {
    const identifiers = profile.identifiers.map((i) => `  ${i.type.padEnd(13)} ${i.value}`)
    return [
      `${profile.id}  (${profile.messageIds.length} messages: ${profile.messageIds.join(', ')})`,
      ...identifiers,
    ].join('\n')
  })
  const skipped = rejected.map((r) => `line ${r.line} skipped: ${r.reason}`)
  return [...blocks, ...skipped, `${profiles.length} profiles`].join('\n\n') + '\n'
}
