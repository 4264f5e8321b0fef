// Stage distribution: profiles per current stage (GET /v1/stages).

import { h, replace, s } from '../dom.js'
import { formatCount, formatPercent } from '../format.js'
import { stageRows } from '../stage-rows.js'
import { createCardShell } from './card-shell.js'

const WIDTH = 400
const ROW = 34

/** @param {Array<{ stage: string, profiles: number }>} rows */
function chart(rows) {
  const max = Math.max(1, ...rows.map((row) => row.profiles))
  const total = rows.reduce((sum, row) => sum + row.profiles, 0)
  return s(
    'svg',
    {
      class: 'stages-chart',
      viewBox: `0 0 ${WIDTH} ${rows.length * ROW}`,
      role: 'img',
      'aria-label': rows.map((row) => `${row.stage}: ${row.profiles}`).join(', '),
    },
    rows.map((row, index) =>
      s(
        'g',
        { transform: `translate(0,${index * ROW})` },
        s('text', { x: 0, y: 20, class: 'chart-label' }, row.stage),
        s('rect', {
          x: 120,
          y: 6,
          width: Math.max(row.profiles > 0 ? 2 : 0, (row.profiles / max) * (WIDTH - 230)),
          height: 20,
          rx: 3,
          class: `stage-bar stage-${row.stage}`,
        }),
        s(
          'text',
          { x: WIDTH - 4, y: 20, 'text-anchor': 'end', class: 'chart-label' },
          `${formatCount(row.profiles)} · ${formatPercent(total ? row.profiles / total : null)}`,
        ),
      ),
    ),
  )
}

/**
 * @param {HTMLElement} container
 * @param {ReturnType<typeof import('../api-client.js').createApiClient>} api
 */
export function createStagesView(container, api) {
  const shell = createCardShell(container, {
    id: 'stages',
    title: 'Stages',
    description: 'Where profiles are in their journey now.',
    controls: [],
    submitLabel: 'Refresh',
    onSubmit: () => void refresh(),
  })

  async function refresh() {
    try {
      const result = await api.stages()
      const data = Array.isArray(result) ? result : (result?.data ?? result?.stages ?? [])
      const rows = stageRows(
        data.map((row) => ({
          stage: String(row.stage),
          profiles: Number(row.profiles ?? row.count ?? 0),
        })),
      )
      shell.setStatus('')
      replace(
        shell.body,
        chart(rows),
        h(
          'table',
          { class: 'data-table', 'data-testid': 'stages-table' },
          h('caption', { class: 'visually-hidden' }, 'Profiles per stage'),
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              ['Stage', 'Profiles now', 'Reached it or later', 'From previous stage'].map((text) =>
                h('th', { scope: 'col' }, text),
              ),
            ),
          ),
          h(
            'tbody',
            {},
            rows.map((row) =>
              h(
                'tr',
                {},
                h('th', { scope: 'row' }, row.stage),
                h('td', {}, formatCount(row.profiles)),
                h('td', {}, formatCount(row.reached)),
                h('td', {}, formatPercent(row.fromPrevious)),
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
