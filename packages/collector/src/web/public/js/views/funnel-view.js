// Funnel chart: steps, conversion, time to convert, breakdown (POST /v1/funnels).

import { h, replace, s } from '../dom.js'
import { formatCount, formatDuration, formatPercent } from '../format.js'
import { layoutFunnelBars, normalizeFunnel } from '../funnel-model.js'
import { ApiError } from '../api-client.js'
import { createCardShell, field, selectField, valueOf } from './card-shell.js'

const DEFAULT_STEPS = 'Product Viewed, Product Added, Checkout Started, Order Completed'
const DAY = 86_400_000
const WIDTH = 480

/** @param {string} choice `channel` or `first_touch:<field>` */
function breakdownOf(choice) {
  if (choice === 'channel') return { by: 'channel' }
  if (choice.startsWith('first_touch:')) return { by: 'first_touch', field: choice.slice(12) }
  return undefined
}

/** @param {ReturnType<typeof normalizeFunnel>['steps']} steps */
function chart(steps) {
  const { height, bars } = layoutFunnelBars(steps, { width: WIDTH })
  const summary = steps.map((step) => `${step.name}: ${formatCount(step.count)}`).join(', ')
  return s(
    'svg',
    {
      class: 'funnel-chart',
      viewBox: `0 0 ${WIDTH} ${height}`,
      role: 'img',
      'aria-label': `Funnel: ${summary}`,
    },
    bars.map((bar, index) => {
      const step = steps[index]
      return s(
        'g',
        {},
        s(
          'text',
          { x: 0, y: bar.y - 6, class: 'chart-label' },
          `${index + 1}. ${step.name} — ${formatCount(step.count)} (${formatPercent(step.fromFirst)})`,
        ),
        s('rect', {
          x: 0,
          y: bar.y,
          width: bar.width,
          height: bar.height,
          rx: 3,
          class: 'funnel-bar',
        }),
        bar.droppedWidth > 0
          ? s(
              'rect',
              {
                x: bar.width,
                y: bar.y,
                width: bar.droppedWidth,
                height: bar.height,
                class: 'funnel-drop',
              },
              s('title', {}, `${formatCount(step.dropped)} dropped off`),
            )
          : null,
      )
    }),
  )
}

/** @param {ReturnType<typeof normalizeFunnel>['steps']} steps */
function table(steps) {
  return h(
    'table',
    { class: 'data-table', 'data-testid': 'funnel-table' },
    h('caption', { class: 'visually-hidden' }, 'Funnel steps'),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        ['Step', 'Profiles', 'From first', 'From previous', 'Median time', '90th pct. time'].map(
          (text) => h('th', { scope: 'col' }, text),
        ),
      ),
    ),
    h(
      'tbody',
      {},
      steps.map((step) =>
        h(
          'tr',
          { 'data-step': step.name },
          h('th', { scope: 'row' }, step.name),
          h('td', { 'data-col': 'count' }, formatCount(step.count)),
          h('td', {}, formatPercent(step.fromFirst)),
          h('td', {}, formatPercent(step.fromPrevious)),
          h('td', {}, formatDuration(step.medianMs)),
          h('td', {}, formatDuration(step.p90Ms)),
        ),
      ),
    ),
  )
}

/** @param {ReturnType<typeof normalizeFunnel>['breakdown']} groups */
function breakdown(groups) {
  if (groups.length === 0) return null
  const last = (group) => group.steps.at(-1)
  return h(
    'table',
    { class: 'data-table' },
    h('caption', {}, 'Breakdown'),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        ['Group', 'Entered', 'Converted', 'Conversion'].map((text) =>
          h('th', { scope: 'col' }, text),
        ),
      ),
    ),
    h(
      'tbody',
      {},
      groups.map((group) =>
        h(
          'tr',
          {},
          h('th', { scope: 'row' }, group.value),
          h('td', {}, formatCount(group.steps[0]?.count)),
          h('td', {}, formatCount(last(group)?.count)),
          h('td', {}, formatPercent(last(group)?.fromFirst)),
        ),
      ),
    ),
  )
}

/**
 * @param {HTMLElement} container
 * @param {ReturnType<typeof import('../api-client.js').createApiClient>} api
 */
export function createFunnelView(container, api) {
  const shell = createCardShell(container, {
    id: 'funnel',
    title: 'Funnel',
    description:
      'Profiles that did each step in order, within the window; stitched profiles count once.',
    controls: [
      field({ id: 'funnel-steps', label: 'Steps (comma-separated events)', value: DEFAULT_STEPS }),
      selectField({
        id: 'funnel-breakdown',
        label: 'Breakdown',
        value: 'channel',
        options: [
          ['', 'None'],
          ['channel', 'Channel of step 1'],
          ['first_touch:source', 'First-touch source'],
          ['first_touch:name', 'First-touch campaign'],
        ],
      }),
      selectField({
        id: 'funnel-window',
        label: 'Conversion window',
        value: String(7 * DAY),
        options: [
          [String(DAY), '1 day'],
          [String(7 * DAY), '7 days'],
          [String(30 * DAY), '30 days'],
          [String(90 * DAY), '90 days'],
        ],
      }),
    ],
    submitLabel: 'Update funnel',
    onSubmit: () => void refresh(),
  })

  async function refresh() {
    const events = valueOf(shell.form, 'funnel-steps')
      .split(',')
      .map((step) => step.trim())
      .filter(Boolean)
    if (events.length < 2) {
      shell.setStatus('A funnel needs at least two steps.', true)
      return
    }
    const body = {
      steps: events.map((event) => ({ event })),
      windowMs: Number(valueOf(shell.form, 'funnel-window')),
    }
    const breakdownBy = breakdownOf(valueOf(shell.form, 'funnel-breakdown'))
    try {
      let note = ''
      let result
      try {
        result = await api.funnel(breakdownBy ? { ...body, breakdown: breakdownBy } : body)
      } catch (error) {
        // A collector without breakdown support answers 400 naming it: show the plain funnel.
        if (!breakdownBy || !(error instanceof ApiError) || error.status !== 400) throw error
        result = await api.funnel(body)
        note = 'This collector does not break funnels down yet.'
      }
      const funnel = normalizeFunnel(result)
      shell.setStatus(note)
      replace(
        shell.body,
        chart(funnel.steps),
        h('div', { class: 'scroll-x' }, table(funnel.steps), breakdown(funnel.breakdown)),
      )
    } catch (error) {
      shell.setStatus(error instanceof Error ? error.message : String(error), true)
    }
  }

  return { refresh }
}
