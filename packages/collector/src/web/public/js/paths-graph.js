// Turns the paths of POST /v1/paths ({ steps, count }[]) into Sankey nodes and links.

/**
 * One node per (position, event) and one link per consecutive pair, summed over all paths.
 * Node ids carry the position so a loop (`A → B → A`) stays left to right.
 * @param {Array<{ steps: string[], count: number }>} paths
 * @returns {{ nodes: Array<{ id: string, label: string, depth: number }>, links: Array<{ source: string, target: string, value: number }> }}
 */
export function pathsToGraph(paths) {
  /** @type {Map<string, { id: string, label: string, depth: number }>} */
  const nodes = new Map()
  /** @type {Map<string, { source: string, target: string, value: number }>} */
  const links = new Map()
  for (const path of Array.isArray(paths) ? paths : []) {
    const steps = Array.isArray(path.steps) ? path.steps : []
    const count = Number(path.count) || 0
    if (count <= 0) continue
    steps.forEach((label, depth) => {
      const id = `${depth}:${label}`
      if (!nodes.has(id)) nodes.set(id, { id, label, depth })
      if (depth === 0) return
      const source = `${depth - 1}:${steps[depth - 1]}`
      const key = `${source}→${id}`
      const link = links.get(key) ?? { source, target: id, value: 0 }
      link.value += count
      links.set(key, link)
    })
  }
  return { nodes: [...nodes.values()], links: [...links.values()] }
}
