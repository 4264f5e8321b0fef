import { describe, expect, it } from 'vitest'
import { assignDepths, layoutSankey } from './sankey-layout.js'

const graph = {
  nodes: [
    { id: 'a', label: 'Landing' },
    { id: 'b', label: 'Product Viewed' },
    { id: 'c', label: 'Product Added' },
    { id: 'd', label: 'Exit' },
  ],
  links: [
    { source: 'a', target: 'b', value: 60 },
    { source: 'a', target: 'd', value: 40 },
    { source: 'b', target: 'c', value: 30 },
  ],
}

describe('assignDepths', () => {
  it('puts each node one column after its deepest source when no depth is given', () => {
    const depths = assignDepths(graph.nodes, graph.links)
    expect(Object.fromEntries(depths)).toEqual({ a: 0, b: 1, c: 2, d: 1 })
  })

  it('uses the step the API gives, shifted to start at zero', () => {
    const depths = assignDepths(
      [
        { id: 'x', step: 1 },
        { id: 'y', step: 2 },
      ],
      [{ source: 'x', target: 'y', value: 1 }],
    )
    expect(Object.fromEntries(depths)).toEqual({ x: 0, y: 1 })
  })

  it('terminates and stays within the node count when links form a cycle', () => {
    const depths = assignDepths(
      [{ id: 'p' }, { id: 'q' }],
      [
        { source: 'p', target: 'q', value: 1 },
        { source: 'q', target: 'p', value: 1 },
      ],
    )
    for (const depth of depths.values()) expect(depth).toBeLessThan(2)
  })
})

describe('layoutSankey', () => {
  const layout = layoutSankey(graph, { width: 600, height: 300, nodeWidth: 10, nodePadding: 20 })
  const node = (id: string) => layout.nodes.find((n) => n.id === id)!

  it('places columns from the left edge to the right edge', () => {
    expect(node('a').x0).toBe(0)
    expect(node('c').x1).toBe(600)
    expect(node('b').x0).toBe(node('d').x0)
  })

  it('keeps every node inside the height', () => {
    for (const n of layout.nodes) {
      expect(n.y0).toBeGreaterThanOrEqual(0)
      expect(n.y1).toBeLessThanOrEqual(300 + 1e-9)
    }
  })

  it('sizes nodes by the larger of their in and out flow', () => {
    expect(node('a').value).toBe(100)
    expect(node('b').value).toBe(60)
    expect(node('b').y1 - node('b').y0).toBeCloseTo((node('a').y1 - node('a').y0) * 0.6)
  })

  it('stacks the ribbons leaving a node without overlap', () => {
    const out = layout.links.filter((link) => link.source === 'a').sort((l, r) => l.sy - r.sy)
    const [first, second] = out
    expect(first!.sy + first!.width / 2).toBeCloseTo(second!.sy - second!.width / 2)
    expect(out.reduce((sum, link) => sum + link.width, 0)).toBeCloseTo(node('a').y1 - node('a').y0)
  })

  it('draws each link as a curve from the source edge to the target edge', () => {
    const link = layout.links.find((l) => l.target === 'c')!
    expect(link.path.startsWith(`M${node('b').x1},`)).toBe(true)
    expect(link.path.endsWith(`${node('c').x0},${Math.round(link.ty * 10) / 10}`)).toBe(true)
  })

  it('drops links to unknown nodes, self-links and empty links', () => {
    const result = layoutSankey(
      {
        nodes: [{ id: 'a' }, { id: 'b' }],
        links: [
          { source: 'a', target: 'b', value: 2 },
          { source: 'a', target: 'zz', value: 5 },
          { source: 'a', target: 'a', value: 5 },
          { source: 'b', target: 'a', value: 0 },
        ],
      },
      { width: 100, height: 100 },
    )
    expect(result.links).toHaveLength(1)
  })

  it('gives a node without links the height of its own value', () => {
    const result = layoutSankey(
      {
        nodes: [{ id: 'a' }, { id: 'b' }, { id: 'solo', value: 5 }],
        links: [{ source: 'a', target: 'b', value: 5 }],
      },
      { width: 100, height: 100, nodePadding: 0 },
    )
    const height = (id: string) => {
      const found = result.nodes.find((n) => n.id === id)!
      return found.y1 - found.y0
    }
    expect(height('solo')).toBeCloseTo(height('a'))
  })

  it('returns empty geometry for an empty graph', () => {
    expect(layoutSankey({ nodes: [], links: [] }, { width: 10, height: 10 })).toEqual({
      nodes: [],
      links: [],
    })
  })
})
