// The unified timeline: sessions across channels, oldest first, campaign touchpoints marked.

import { channelStyle } from '../channels.js'
import { h } from '../dom.js'
import { formatDateTime, formatMoney } from '../format.js'
import { eventTitle, groupSessions } from '../timeline-groups.js'

const DETAIL_KEYS = [
  'name',
  'product_id',
  'sku',
  'price',
  'quantity',
  'order_id',
  'revenue',
  'total',
  'rating',
  'path',
]

/** @param {Record<string, unknown>} properties */
function details(properties) {
  const parts = []
  for (const key of DETAIL_KEYS) {
    const value = properties?.[key]
    if (value == null || typeof value === 'object') continue
    const text =
      ['price', 'revenue', 'total'].includes(key) && typeof value === 'number'
        ? formatMoney(
            value,
            typeof properties.currency === 'string' ? properties.currency : undefined,
          )
        : String(value)
    parts.push(`${key}: ${text}`)
    if (parts.length === 3) break
  }
  return parts.join(' · ')
}

/** @param {{ source?: string, medium?: string, name?: string }} touchpoint */
function touchpointBadge(touchpoint) {
  const label = [
    touchpoint.name,
    [touchpoint.source, touchpoint.medium].filter(Boolean).join(' / '),
  ]
    .filter(Boolean)
    .join(' · ')
  return h(
    'span',
    { class: 'touchpoint', title: 'Campaign touchpoint' },
    h('span', { 'aria-hidden': 'true' }, '◆ '),
    `Campaign ${label}`,
  )
}

/** @param {Set<string>} channels */
function legend(channels) {
  return h(
    'ul',
    { class: 'legend', 'aria-label': 'Channels' },
    [...channels].map((channel) => {
      const style = channelStyle(channel)
      return h(
        'li',
        {},
        h('span', { class: 'swatch', style: { background: style.color } }),
        style.label,
      )
    }),
  )
}

/**
 * @param {Array<Record<string, any>>} events oldest first
 * @param {{ more: boolean, onMore: () => void, stageByMessage: Map<string, string> }} options
 */
export function renderTimeline(events, { more, onMore, stageByMessage }) {
  const sessions = groupSessions(/** @type {any} */ (events))
  // Before the first identify the visitor was anonymous; the API's entries carry no user id.
  const knownFrom = events.findIndex((event) => event.type === 'identify')
  const indexOf = new Map(
    sessions.flatMap((session) => session.events).map((event, index) => [event, index]),
  )
  const channels = new Set(sessions.map((session) => session.channel))
  return h(
    'section',
    { class: 'panel timeline-panel', 'aria-labelledby': 'timeline-title' },
    h(
      'h3',
      { id: 'timeline-title' },
      `Timeline (${events.length}${more ? '+' : ''} events in ${sessions.length} session${sessions.length === 1 ? '' : 's'})`,
    ),
    legend(channels),
    events.length === 0 ? h('p', { class: 'muted' }, 'No events yet.') : null,
    h(
      'ol',
      { class: 'timeline', 'data-testid': 'timeline' },
      sessions.map((session) => {
        const style = channelStyle(session.channel)
        return h(
          'li',
          { class: 'session', style: { '--channel': style.color }, 'data-channel': style.key },
          h(
            'p',
            { class: 'session-head' },
            h('span', { class: 'channel-chip' }, style.label),
            ` session · ${session.events.length} event${session.events.length === 1 ? '' : 's'} · `,
            h('time', { datetime: session.start }, formatDateTime(session.start)),
          ),
          h(
            'ol',
            { class: 'session-events' },
            session.events.map((event) => {
              const stage = stageByMessage.get(event.messageId)
              return h(
                'li',
                {
                  class: `event${event.touchpoint ? ' has-touchpoint' : ''}`,
                  'data-type': event.type,
                  'data-known': String(knownFrom !== -1 && indexOf.get(event) >= knownFrom),
                },
                h(
                  'time',
                  { class: 'event-time', datetime: event.timestamp },
                  formatDateTime(event.timestamp).slice(11, 16),
                ),
                h('span', { class: 'event-title' }, eventTitle(event)),
                event.type === 'identify' && indexOf.get(event) === knownFrom
                  ? h('span', { class: 'known-tag' }, 'known from here')
                  : null,
                stage ? h('span', { class: `stage-tag stage-${stage}` }, `→ ${stage}`) : null,
                event.touchpoint ? touchpointBadge(event.touchpoint) : null,
                h('span', { class: 'event-details' }, details(event.properties)),
              )
            }),
          ),
        )
      }),
    ),
    more
      ? h('button', { type: 'button', class: 'button-quiet', onclick: onMore }, 'Load more events')
      : null,
  )
}
