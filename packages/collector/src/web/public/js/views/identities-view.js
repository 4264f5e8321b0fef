// Identities of a profile, how each one joined it, and its merge history (merges and refused
// links).

import { h, replace } from '../dom.js'
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
 * @typedef {{ type: string, value: string }} Identifier
 * @typedef {(a: Identifier, b: Identifier) => Promise<any>} Explain loads why `b` is in the
 *   profile with `a` (the profile API's `explain` answer)
 */

/**
 * @param {Array<Identifier>} identifiers
 * @param {{ merges?: Array<Record<string, any>>, refusedLinks?: Array<Record<string, any>> } | null} history
 * @param {Explain} [explain] adds a "How it joined" disclosure to every identifier but the first
 */
export function renderIdentities(identifiers, history, explain) {
  const [primary] = identifiers
  const merges = history?.merges ?? []
  const refused = history?.refusedLinks ?? []
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': 'identities-title' },
    h('h3', { id: 'identities-title' }, `Identities (${identifiers.length})`),
    h(
      'ul',
      { class: 'identities', 'data-testid': 'identities' },
      identifiers.map((identifier, index) =>
        h(
          'li',
          { 'data-type': identifier.type },
          h('span', { class: 'id-type' }, TYPE_LABELS[identifier.type] ?? identifier.type),
          h('code', { class: 'id-value' }, identifier.value),
          explain && primary && index > 0 ? renderHowItJoined(primary, identifier, explain) : null,
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

/**
 * A disclosure that loads, when first opened, the chain of messages linking `identifier` to the
 * profile's first identifier.
 * @param {Identifier} primary
 * @param {Identifier} identifier
 * @param {Explain} explain
 */
function renderHowItJoined(primary, identifier, explain) {
  const body = h('div', { class: 'why-body', 'aria-live': 'polite' }, 'Loading…')
  let requested = false
  return h(
    'details',
    {
      class: 'why',
      ontoggle: (/** @type {Event} */ event) => {
        const open = /** @type {HTMLDetailsElement} */ (event.currentTarget).open
        if (!open || requested) return
        requested = true
        explain(primary, identifier).then(
          (answer) => replace(body, renderChain(answer)),
          (/** @type {Error} */ error) => {
            requested = false
            replace(body, h('p', { class: 'error' }, `Could not load: ${error.message}`))
          },
        )
      },
    },
    h('summary', {}, 'How it joined'),
    body,
  )
}

/** @param {{ sameProfile?: boolean, steps?: Array<Record<string, any>> } | null} answer */
function renderChain(answer) {
  const steps = answer?.sameProfile ? (answer.steps ?? []) : []
  if (steps.length === 0) return h('p', { class: 'muted' }, 'No linking messages are recorded.')
  return h(
    'ol',
    { class: 'why-steps', 'data-testid': 'why-steps' },
    steps.map((step) =>
      h(
        'li',
        {},
        h('code', {}, identifierText(step.from)),
        ' → ',
        h('code', {}, identifierText(step.to)),
        ' by message ',
        h('code', {}, step.messageId),
        step.at ? [' at ', h('time', { datetime: step.at }, formatDateTime(step.at))] : null,
      ),
    ),
  )
}
