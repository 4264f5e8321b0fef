// Attribution table: credit per channel under each model (POST /v1/attribution).

import { channelStyle } from '../channels.js'
import { h, replace } from '../dom.js'
import { formatCount } from '../format.js'
import { createCardShell, field, selectField, valueOf } from './card-shell.js'

const MODELS = [
  ['first_touch', 'First touch'],
  ['last_touch', 'Last touch'],
  ['linear', 'Linear'],
  ['time_decay', 'Time decay'],
  ['u_shaped', 'Position (40/20/40)'],
]
const DAY = 86_400_000
const DIMENSIONS = [
  ['source', 'Campaign source'],
  ['medium', 'Campaign medium'],
  ['name', 'Campaign name'],
  ['channel', 'Channel'],
]

/** @param {number} value */
const credit = (value) => (Number.isInteger(value) ? formatCount(value) : value.toFixed(1))

/**
 * @param {HTMLElement} container
 * @param {ReturnType<typeof import('../api-client.js').createApiClient>} api
 */
export function createAttributionView(container, api) {
  const shell = createCardShell(container, {
    id: 'attribution',
    title: 'Attribution',
    description: 'Conversions credited to the touchpoints before them, under each model.',
    controls: [
      field({ id: 'attribution-conversion', label: 'Conversion event', value: 'Order Completed' }),
      selectField({
        id: 'attribution-dimension',
        label: 'Credit to',
        value: 'source',
        options: /** @type {Array<[string, string]>} */ (DIMENSIONS),
      }),
      field({
        id: 'attribution-lookback',
        label: 'Lookback (days)',
        value: '30',
        type: 'number',
        attrs: { min: 1, max: 365 },
      }),
    ],
    submitLabel: 'Update attribution',
    onSubmit: () => void refresh(),
  })

  async function refresh() {
    const conversion = valueOf(shell.form, 'attribution-conversion') || 'Order Completed'
    const lookbackMs = (Number(valueOf(shell.form, 'attribution-lookback')) || 30) * DAY
    const dimension = valueOf(shell.form, 'attribution-dimension') || 'source'
    const dimensionLabel = DIMENSIONS.find(([value]) => value === dimension)?.[1] ?? dimension
    try {
      const results = await Promise.all(
        MODELS.map(([model]) => api.attribution({ conversion, model, lookbackMs, dimension })),
      )
      const channels = new Set(
        results.flatMap((result) => (result?.channels ?? []).map((row) => row.channel)),
      )
      const creditOf = (result, channel) =>
        result?.channels?.find((row) => row.channel === channel)?.credit ?? 0
      const rows = [...channels].sort((a, b) => creditOf(results[1], b) - creditOf(results[1], a))
      shell.setStatus(
        `${formatCount(results[0]?.conversions ?? 0)} conversions of “${conversion}”.`,
      )
      replace(
        shell.body,
        h(
          'div',
          { class: 'scroll-x' },
          h(
            'table',
            { class: 'data-table', 'data-testid': 'attribution-table' },
            h(
              'caption',
              { class: 'visually-hidden' },
              `Credit for ${conversion} by ${dimensionLabel.toLowerCase()} and model`,
            ),
            h(
              'thead',
              {},
              h(
                'tr',
                {},
                h('th', { scope: 'col' }, dimensionLabel),
                MODELS.map(([, label]) => h('th', { scope: 'col' }, label)),
              ),
            ),
            h(
              'tbody',
              {},
              rows.length === 0
                ? h(
                    'tr',
                    {},
                    h('td', { colspan: MODELS.length + 1 }, 'No conversions with touchpoints yet.'),
                  )
                : rows.map((channel) =>
                    h(
                      'tr',
                      {},
                      h(
                        'th',
                        { scope: 'row' },
                        dimension === 'channel'
                          ? h('span', {
                              class: 'swatch',
                              style: { background: channelStyle(channel).color },
                            })
                          : null,
                        channel,
                      ),
                      results.map((result) => h('td', {}, credit(creditOf(result, channel)))),
                    ),
                  ),
            ),
          ),
        ),
      )
    } catch (error) {
      shell.setStatus(error instanceof Error ? error.message : String(error), true)
    }
  }

  return { refresh }
}
