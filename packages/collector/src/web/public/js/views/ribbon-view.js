// The stage ribbon: awareness → consideration → purchase → retention → advocacy, with entry times.

import { h } from '../dom.js'
import { formatDateTime } from '../format.js'
import { buildRibbon } from '../stage-ribbon.js'

/**
 * @param {Parameters<typeof buildRibbon>[0]} journey
 * @returns {HTMLElement}
 */
export function renderRibbon(journey) {
  const cells = buildRibbon(journey)
  const current = cells.find((cell) => cell.current)
  return h(
    'section',
    { class: 'ribbon-wrap', 'aria-labelledby': 'ribbon-title' },
    h('h3', { id: 'ribbon-title', class: 'visually-hidden' }, 'Journey stages'),
    h(
      'ol',
      { class: 'ribbon', 'data-current-stage': current?.stage ?? '' },
      cells.map((cell) =>
        h(
          'li',
          {
            class: `ribbon-stage${cell.reached ? ' reached' : ''}${cell.current ? ' current' : ''}`,
            'data-stage': cell.stage,
            'aria-current': cell.current ? 'step' : false,
          },
          h('span', { class: 'ribbon-label' }, cell.label),
          h(
            'span',
            { class: 'ribbon-time' },
            cell.reached
              ? h('time', { datetime: cell.enteredAt }, formatDateTime(cell.enteredAt))
              : 'not yet',
          ),
          cell.current ? h('span', { class: 'visually-hidden' }, ' (current stage)') : null,
        ),
      ),
    ),
  )
}
