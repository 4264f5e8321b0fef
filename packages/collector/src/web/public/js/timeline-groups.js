// Groups a profile's timeline into sessions and finds the campaign touchpoints in it.

const SESSION_GAP_MS = 30 * 60_000

/**
 * The `utm_*` parameters of a URL or query string.
 * @param {unknown} url
 * @returns {Record<string, string>}
 */
function utmOf(url) {
  if (typeof url !== 'string' || !url.includes('utm_')) return {}
  const query = url.includes('?') ? url.slice(url.indexOf('?') + 1) : url
  const params = new URLSearchParams(query.split('#')[0])
  /** @type {Record<string, string>} */
  const found = {}
  for (const [key, value] of params) if (key.startsWith('utm_') && value) found[key] = value
  return found
}

/**
 * The campaign touchpoint an event carries, from the journey annotation, the message context,
 * UTM properties or the UTM parameters of the page URL; `undefined` when it carries none.
 * @param {Record<string, any>} event
 * @returns {{ source?: string, medium?: string, name?: string } | undefined}
 */
export function touchpointOf(event) {
  const touch = event?.touchpoint
  const campaign =
    (touch && typeof touch === 'object' ? (touch.campaign ?? touch) : undefined) ??
    event?.campaign ??
    event?.context?.campaign ??
    {}
  const props = event?.properties ?? {}
  const utm = { ...utmOf(props.search), ...utmOf(props.url), ...props }
  const source = campaign.source ?? utm.utm_source
  const medium = campaign.medium ?? utm.utm_medium
  const name = campaign.name ?? utm.utm_campaign
  if (!source && !medium && !name) return undefined
  /** @type {{ source?: string, medium?: string, name?: string }} */
  const result = {}
  if (source) result.source = String(source)
  if (medium) result.medium = String(medium)
  if (name) result.name = String(name)
  return result
}

/**
 * A one-line title for a timeline entry: the event name, or the page or screen name.
 * @param {Record<string, any>} event
 * @returns {string}
 */
export function eventTitle(event) {
  switch (event?.type) {
    case 'track':
      return event.event ?? 'Track'
    case 'page':
      return `Viewed ${event.name ?? event.event ?? event.properties?.title ?? event.properties?.path ?? 'a page'}`
    case 'screen':
      return `Viewed ${event.name ?? event.event ?? 'a'} screen`
    case 'identify':
      return 'Identified'
    case 'alias':
      return 'Aliased'
    case 'group':
      return `Joined group ${event.groupId ?? ''}`.trim()
    default:
      return event?.event ?? event?.type ?? 'Event'
  }
}

/**
 * Splits an oldest-first timeline into sessions: by `sessionId` when entries carry one, else by
 * 30 minutes of inactivity on the same channel. Each entry keeps its data plus its touchpoint.
 * @param {Array<Record<string, any>>} events
 * @returns {Array<{ key: string, sessionId: string | null, channel: string, start: string, end: string, events: Array<Record<string, any>> }>}
 */
export function groupSessions(events) {
  /** @type {Array<any>} */
  const sessions = []
  let current
  for (const event of events) {
    const channel = event.channel ?? 'other'
    const time = Date.parse(event.timestamp)
    const sessionId = event.sessionId ?? null
    const continues =
      current &&
      current.channel === channel &&
      (sessionId !== null
        ? current.sessionId === sessionId
        : current.sessionId === null && time - Date.parse(current.end) <= SESSION_GAP_MS)
    if (!continues) {
      current = {
        key: `${sessionId ?? 'gap'}:${sessions.length}`,
        sessionId,
        channel,
        start: event.timestamp,
        end: event.timestamp,
        events: [],
      }
      sessions.push(current)
    }
    current.end = event.timestamp
    current.events.push({ ...event, touchpoint: touchpointOf(event) })
  }
  return sessions
}
