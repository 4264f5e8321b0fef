// Types for timeline-groups.js, for the unit tests and editors; the browser loads the .js as is.
export interface Touchpoint {
  source?: string
  medium?: string
  name?: string
}
export interface TimelineEntry {
  messageId?: string
  type?: string
  event?: string
  name?: string
  timestamp: string
  channel?: string
  sessionId?: string | null
  properties?: Record<string, unknown>
  touchpoint?: unknown
  [key: string]: unknown
}
export interface TimelineSession {
  key: string
  sessionId: string | null
  channel: string
  start: string
  end: string
  events: Array<TimelineEntry & { touchpoint: Touchpoint | undefined }>
}
export declare function touchpointOf(event: Record<string, unknown>): Touchpoint | undefined
export declare function eventTitle(event: Record<string, unknown>): string
export declare function groupSessions(events: TimelineEntry[]): TimelineSession[]
