// The profile's traits as a definition list.

import { h } from '../dom.js'
import { formatDateTime } from '../format.js'

/** @param {unknown} value */
function show(value) {
  if (value == null) return '—'
  if (typeof value === 'object') return JSON.stringify(value)
  return String(value)
}

/**
 * Traits are plain values, or `{ value, timestamp }` records when the API says which message set them.
 * @param {Record<string, unknown>} traits
 */
export function renderTraits(traits) {
  const entries = Object.entries(traits ?? {}).sort(([a], [b]) => a.localeCompare(b))
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': 'traits-title' },
    h('h3', { id: 'traits-title' }, 'Traits'),
    entries.length === 0
      ? h('p', { class: 'muted' }, 'No traits yet: they arrive with identify calls.')
      : h(
          'dl',
          { class: 'traits' },
          entries.map(([name, raw]) => {
            const record = raw && typeof raw === 'object' && 'value' in raw ? raw : null
            return h(
              'div',
              {},
              h('dt', {}, name),
              h(
                'dd',
                { title: record?.timestamp ? `set ${formatDateTime(record.timestamp)}` : false },
                show(record ? record.value : raw),
              ),
            )
          }),
        ),
  )
}
