import { pagePathOf } from '@itinera/core'
import type { AnalyticsRow } from './types.js'

/** An analytics read's row as both stores return it. */
export interface AnalyticsDbRow {
  profile_id: string
  seq: number
  message_id: string
  type: AnalyticsRow['type']
  timestamp: string
  name: string | null
  body?: string
  page_path?: string | null
  page_url?: string | null
  context_page_path?: string | null
  context_page_url?: string | null
}

/** Where an unnamed page's lean row was (its path, as paths show it), else undefined. */
const pagePathOfRow = (row: AnalyticsDbRow): string | undefined =>
  row.page_path == null &&
  row.page_url == null &&
  row.context_page_path == null &&
  row.context_page_url == null
    ? undefined
    : pagePathOf({
        properties: { path: row.page_path, url: row.page_url },
        context: { page: { path: row.context_page_path, url: row.context_page_url } },
      })

// Lean statements select no body column, so `body` stays undefined.
export const toAnalyticsRow = (row: AnalyticsDbRow): AnalyticsRow => ({
  profileId: row.profile_id,
  seq: row.seq,
  messageId: row.message_id,
  type: row.type,
  timestamp: row.timestamp,
  name: row.name ?? undefined,
  body: row.body,
  pagePath: pagePathOfRow(row),
})
