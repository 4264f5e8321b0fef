import { describe, expect, it } from 'vitest'
import { pathsToGraph } from './paths-graph.js'

describe('pathsToGraph', () => {
  it('sums the profiles of paths sharing a step pair', () => {
    const graph = pathsToGraph([
      { steps: ['Landing', 'Product Viewed', 'Product Added'], count: 5 },
      { steps: ['Landing', 'Product Viewed'], count: 3 },
    ])
    expect(graph.nodes.map((node) => node.id)).toEqual([
      '0:Landing',
      '1:Product Viewed',
      '2:Product Added',
    ])
    expect(graph.links).toEqual([
      { source: '0:Landing', target: '1:Product Viewed', value: 8 },
      { source: '1:Product Viewed', target: '2:Product Added', value: 5 },
    ])
  })

  it('keeps a revisited event in its own column so loops read left to right', () => {
    const graph = pathsToGraph([{ steps: ['A', 'B', 'A'], count: 1 }])
    expect(graph.nodes.map((node) => [node.label, node.depth])).toEqual([
      ['A', 0],
      ['B', 1],
      ['A', 2],
    ])
  })

  it('ignores paths nobody followed', () => {
    expect(pathsToGraph([{ steps: ['A', 'B'], count: 0 }])).toEqual({ nodes: [], links: [] })
  })
})
