// Paths as a Sankey diagram (POST /v1/paths).

import { h, replace, s } from '../dom.js'
import { formatCount } from '../format.js'
import { pathsToGraph } from '../paths-graph.js'
import { layoutSankey } from '../sankey-layout.js'
import { createCardShell, field, valueOf } from './card-shell.js'

const WIDTH = 960
const HEIGHT = 360
const PALETTE = [
  '#2563eb',
  '#7c3aed',
  '#0f766e',
  '#c2410c',
  '#b91c1c',
  '#4d7c0f',
  '#a16207',
  '#be185d',
]

/** @param {string} label */
const shorten = (label) => (label.length > 24 ? `${label.slice(0, 23)}…` : label)

/**
 * The Sankey graph of a paths result: its own nodes and links when it has them, else built from
 * its paths.
 * @param {Record<string, any>} result
 */
function graphOf(result) {
  if (Array.isArray(result?.nodes) && Array.isArray(result?.links) && result.nodes.length > 0) {
    return {
      nodes: result.nodes.map((node) => ({
        id: String(node.id),
        label: String(node.name ?? node.label ?? node.id),
        depth: Number(node.position ?? node.depth ?? 0),
        value: Number(node.value) || 0,
      })),
      links: result.links.map((link) => ({
        source: String(link.source),
        target: String(link.target),
        value: Number(link.value),
      })),
    }
  }
  return pathsToGraph(Array.isArray(result?.paths) ? result.paths : [])
}

/** @param {ReturnType<typeof graphOf>} graph */
function sankey(graph) {
  if (graph.nodes.length === 0) return h('p', { class: 'muted' }, 'No paths yet.')
  const layout = layoutSankey(graph, {
    width: WIDTH - 230,
    height: HEIGHT - 20,
    nodeWidth: 12,
    nodePadding: 12,
  })
  const colours = new Map()
  const colourOf = (label) => {
    if (!colours.has(label)) colours.set(label, PALETTE[colours.size % PALETTE.length])
    return colours.get(label)
  }
  const byId = new Map(layout.nodes.map((node) => [node.id, node]))
  return s(
    'svg',
    {
      class: 'sankey',
      viewBox: `0 0 ${WIDTH} ${HEIGHT}`,
      role: 'img',
      'aria-label': `Paths diagram with ${layout.nodes.length} steps; the list below has the same data.`,
    },
    s(
      'g',
      { transform: 'translate(4,10)' },
      layout.links.map((link) =>
        s(
          'path',
          {
            d: link.path,
            class: 'sankey-link',
            'stroke-width': Math.max(1, link.width),
            stroke: colourOf(byId.get(link.source)?.label),
          },
          s(
            'title',
            {},
            `${byId.get(link.source)?.label} → ${byId.get(link.target)?.label}: ${formatCount(link.value)} profiles`,
          ),
        ),
      ),
      layout.nodes.map((node) =>
        s(
          'g',
          { class: 'sankey-node' },
          s('rect', {
            x: node.x0,
            y: node.y0,
            width: node.x1 - node.x0,
            height: Math.max(1, node.y1 - node.y0),
            fill: colourOf(node.label),
          }),
          s(
            'text',
            {
              x: node.x1 + 6,
              y: (node.y0 + node.y1) / 2,
              'dominant-baseline': 'middle',
              class: 'chart-label',
            },
            `${shorten(node.label)} (${formatCount(node.value)})`,
            s('title', {}, `${node.label}: ${formatCount(node.value)} profiles`),
          ),
        ),
      ),
    ),
  )
}

/** @param {Array<{ steps: string[], count: number }>} paths */
function list(paths) {
  return h(
    'details',
    { class: 'paths-list' },
    h('summary', {}, `Top ${paths.length} paths as a list`),
    h(
      'ol',
      {},
      paths.map((path) =>
        h('li', {}, `${path.steps.join(' → ')} — ${formatCount(path.count)} profiles`),
      ),
    ),
  )
}

/**
 * @param {HTMLElement} container
 * @param {ReturnType<typeof import('../api-client.js').createApiClient>} api
 */
export function createPathsView(container, api) {
  const shell = createCardShell(container, {
    id: 'paths',
    title: 'Paths',
    description:
      'The most common sequences of events, from a start event (or each profile\u2019s first event).',
    controls: [
      field({
        id: 'paths-start',
        label: 'Start event (optional)',
        value: '',
        attrs: { placeholder: 'Product Viewed' },
      }),
      field({
        id: 'paths-steps',
        label: 'Steps',
        value: '4',
        type: 'number',
        attrs: { min: 2, max: 8 },
      }),
    ],
    submitLabel: 'Update paths',
    onSubmit: () => void refresh(),
  })

  async function refresh() {
    const start = valueOf(shell.form, 'paths-start')
    const maxSteps = Math.min(8, Math.max(2, Number(valueOf(shell.form, 'paths-steps')) || 4))
    try {
      const result = await api.paths({ ...(start ? { start } : {}), maxSteps, limit: 25 })
      const paths = Array.isArray(result?.paths) ? result.paths : []
      shell.setStatus('')
      replace(shell.body, h('div', { class: 'scroll-x' }, sankey(graphOf(result))), list(paths))
    } catch (error) {
      shell.setStatus(error instanceof Error ? error.message : String(error), true)
    }
  }

  return { refresh }
}
