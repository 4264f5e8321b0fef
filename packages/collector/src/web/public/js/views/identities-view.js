// Identities of a profile and its merge history (merges and refused links).

import { h } from '../dom.js'
import { formatDateTime } from '../format.js'

const TYPE_LABELS = {
  user_id: 'User id',
  anonymous_id: 'Anonymous id',
  email: 'Email',
  phone: 'Phone',
  device_id: 'Device id',
}

/** @param {{ type: string, value: string }} identifier */
const identifierText = (identifier) => `${identifier.type}:${identifier.value}`

/**
 * @param {Array<{ type: string, value: string }>} identifiers
 * @param {{ merges?: Array<Record<string, any>>, refusedLinks?: Array<Record<string, any>> } | null} history
 */
export function renderIdentities(identifiers, history) {
  const merges = history?.merges ?? []
  const refused = history?.refusedLinks ?? []
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': 'identities-title' },
    h('h3', { id: 'identities-title' }, `Identities (${identifiers.length})`),
    h(
      'ul',
      { class: 'identities', 'data-testid': 'identities' },
      identifiers.map((identifier) =>
        h(
          'li',
          { 'data-type': identifier.type },
          h('span', { class: 'id-type' }, TYPE_LABELS[identifier.type] ?? identifier.type),
          h('code', { class: 'id-value' }, identifier.value),
        ),
      ),
    ),
    h('h4', {}, 'Merge history'),
    merges.length === 0 && refused.length === 0
      ? h('p', { class: 'muted' }, 'No merges: every identifier arrived on this profile.')
      : h(
          'ol',
          { class: 'history' },
          merges.map((merge) =>
            h(
              'li',
              {},
              h('time', { datetime: merge.at }, formatDateTime(merge.at)),
              ' merged ',
              h('code', {}, merge.mergedId),
              merge.identifier
                ? [' through ', h('code', {}, identifierText(merge.identifier))]
                : null,
            ),
          ),
          refused.map((link) =>
            h(
              'li',
              { class: 'refused' },
              h('time', { datetime: link.at }, formatDateTime(link.at)),
              ' refused link ',
              link.identifier ? h('code', {}, identifierText(link.identifier)) : null,
              link.reason ? `: ${link.reason}` : null,
            ),
          ),
        ),
  )
}
