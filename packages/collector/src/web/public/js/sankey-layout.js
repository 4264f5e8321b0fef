// Lays out a paths result (nodes + links) as a Sankey diagram; pure geometry, no DOM.

/**
 * @typedef {{ id: string, label?: string, name?: string, depth?: number, step?: number, value?: number }} SankeyNodeInput
 * @typedef {{ source: string, target: string, value: number }} SankeyLinkInput
 * @typedef {{ id: string, label: string, depth: number, value: number, x0: number, x1: number, y0: number, y1: number }} SankeyNode
 * @typedef {{ source: string, target: string, value: number, width: number, sy: number, ty: number, x0: number, x1: number, path: string }} SankeyLink
 */

/** @param {SankeyNodeInput} node */
const explicitDepth = (node) =>
  typeof node.depth === 'number'
    ? node.depth
    : typeof node.step === 'number'
      ? node.step
      : undefined

/**
 * Column of each node: the given `depth`/`step`, else the longest path from a source node.
 * Cycles are cut: a node never gets a column past the number of nodes.
 * @param {SankeyNodeInput[]} nodes
 * @param {SankeyLinkInput[]} links
 * @returns {Map<string, number>}
 */
export function assignDepths(nodes, links) {
  const depth = new Map()
  if (nodes.length > 0 && nodes.every((node) => explicitDepth(node) !== undefined)) {
    for (const node of nodes) depth.set(node.id, explicitDepth(node))
    const min = Math.min(...depth.values())
    for (const [id, value] of depth) depth.set(id, value - min)
    return depth
  }
  for (const node of nodes) depth.set(node.id, 0)
  for (let round = 0; round < nodes.length; round += 1) {
    let changed = false
    for (const link of links) {
      const next = (depth.get(link.source) ?? 0) + 1
      if (depth.has(link.target) && next > (depth.get(link.target) ?? 0) && next < nodes.length) {
        depth.set(link.target, next)
        changed = true
      }
    }
    if (!changed) break
  }
  return depth
}

/**
 * Positions nodes in columns (largest first) and links as ribbons between them; ribbon width is
 * proportional to `value`. A node is as tall as the larger of its flows and its own `value` (a
 * path may end where it starts). The result fits inside `width` × `height`.
 * @param {{ nodes: SankeyNodeInput[], links: SankeyLinkInput[] }} graph
 * @param {{ width: number, height: number, nodeWidth?: number, nodePadding?: number }} options
 * @returns {{ nodes: SankeyNode[], links: SankeyLink[] }}
 */
export function layoutSankey(graph, options) {
  const nodeWidth = options.nodeWidth ?? 12
  const padding = options.nodePadding ?? 10
  const known = new Set(graph.nodes.map((node) => node.id))
  const links = graph.links.filter(
    (link) =>
      known.has(link.source) &&
      known.has(link.target) &&
      link.value > 0 &&
      link.source !== link.target,
  )
  const depths = assignDepths(graph.nodes, links)
  const sumBy = (key, id) =>
    links.filter((link) => link[key] === id).reduce((sum, link) => sum + link.value, 0)
  const columns = new Map()
  /** @type {SankeyNode[]} */
  const nodes = graph.nodes.map((input) => {
    const node = {
      id: input.id,
      label: input.label ?? input.name ?? input.id,
      depth: depths.get(input.id) ?? 0,
      value: Math.max(input.value ?? 0, sumBy('source', input.id), sumBy('target', input.id)),
      x0: 0,
      x1: 0,
      y0: 0,
      y1: 0,
    }
    columns.set(node.depth, [...(columns.get(node.depth) ?? []), node])
    return node
  })
  const maxDepth = Math.max(0, ...columns.keys())
  const ky = Math.min(
    ...[...columns.values()].map((column) => {
      const total = column.reduce((sum, node) => sum + node.value, 0)
      return total > 0 ? (options.height - (column.length - 1) * padding) / total : Infinity
    }),
  )
  const scale = Number.isFinite(ky) && ky > 0 ? ky : 0
  for (const [depth, column] of columns) {
    column.sort((a, b) => b.value - a.value || a.label.localeCompare(b.label))
    const x0 = maxDepth === 0 ? 0 : (depth / maxDepth) * (options.width - nodeWidth)
    let y = 0
    for (const node of column) {
      node.x0 = x0
      node.x1 = x0 + nodeWidth
      node.y0 = y
      node.y1 = y + Math.max(1, node.value * scale)
      y = node.y1 + padding
    }
  }
  const byId = new Map(nodes.map((node) => [node.id, node]))
  const outOffset = new Map()
  const inOffset = new Map()
  const ordered = [...links].sort(
    (a, b) =>
      (byId.get(a.source)?.y0 ?? 0) - (byId.get(b.source)?.y0 ?? 0) ||
      (byId.get(a.target)?.y0 ?? 0) - (byId.get(b.target)?.y0 ?? 0),
  )
  /** @type {SankeyLink[]} */
  const placed = ordered.map((link) => {
    const source = /** @type {SankeyNode} */ (byId.get(link.source))
    const target = /** @type {SankeyNode} */ (byId.get(link.target))
    const width = link.value * scale
    const sy = source.y0 + (outOffset.get(source.id) ?? 0) + width / 2
    const ty = target.y0 + (inOffset.get(target.id) ?? 0) + width / 2
    outOffset.set(source.id, (outOffset.get(source.id) ?? 0) + width)
    inOffset.set(target.id, (inOffset.get(target.id) ?? 0) + width)
    const x0 = source.x1
    const x1 = target.x0
    const xm = (x0 + x1) / 2
    const round = (value) => Math.round(value * 10) / 10
    const path = `M${round(x0)},${round(sy)}C${round(xm)},${round(sy)} ${round(xm)},${round(ty)} ${round(x1)},${round(ty)}`
    return {
      source: link.source,
      target: link.target,
      value: link.value,
      width,
      sy,
      ty,
      x0,
      x1,
      path,
    }
  })
  return { nodes, links: placed }
}
