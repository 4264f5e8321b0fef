import type { Message, ProfileEvents } from '@itinera/core'
import type { AnalyticsRow, CollectorStore } from '../storage/types.js'

/** Options of {@link loadProfileEvents}. */
export interface ProfileScanOptions {
  /**
   * Read only what matching by type and event name needs (no bodies): each message becomes
   * `{ type, messageId, timestamp, event | name }`, and a page without a name also keeps the
   * path paths name it by (`properties.path`). For definitions without property conditions, breakdowns or
   * touchpoints.
   */
  lean: boolean
  /** Keeps only the rows it accepts (e.g. the step names of a funnel). @default keep all */
  keep?: (row: AnalyticsRow) => boolean
  /** Profiles read per query; between queries other requests get their turn. @default 5000 */
  chunkProfiles?: number
}

/** A stored row as the smallest message analytics can match: type, id, time and step name. */
export function leanMessage(row: AnalyticsRow): Message {
  const message: Record<string, unknown> = {
    type: row.type,
    messageId: row.messageId,
    timestamp: row.timestamp,
  }
  if (row.type === 'track') message.event = row.name
  else if (row.type === 'page' || row.type === 'screen') message.name = row.name
  // Only the path paths show an unnamed page by: cached timelines hold one string per page.
  if (row.pagePath !== undefined) message.properties = { path: row.pagePath }
  return message as unknown as Message
}

/**
 * Every stored profile of a workspace with its messages, in the input shape of the core's
 * workspace analytics (`computeFunnel`, `computePaths`, `computeAttribution`).
 */
export async function loadProfileEvents(
  store: CollectorStore,
  workspaceId: string,
  options: ProfileScanOptions,
): Promise<ProfileEvents[]> {
  const profiles: ProfileEvents[] = []
  const chunk = options.chunkProfiles ?? 5000
  let afterProfileId: string | undefined
  for (;;) {
    const { rows, lastProfileId } = await store.readAnalyticsRows(workspaceId, {
      afterProfileId,
      profiles: chunk,
      lean: options.lean,
    })
    let current: ProfileEvents | undefined
    for (const row of rows) {
      if (options.keep && !options.keep(row)) continue
      if (current?.id !== row.profileId) {
        current = { id: row.profileId, messages: [] }
        profiles.push(current)
      }
      current.messages.push(
        options.lean || row.body === undefined
          ? leanMessage(row)
          : (JSON.parse(row.body) as Message),
      )
    }
    if (lastProfileId === undefined) break
    afterProfileId = lastProfileId
  }
  return profiles
}
