// Types for sankey-layout.js, for the unit tests and editors; the browser loads the .js as is.
export interface SankeyNodeInput {
  id: string
  label?: string
  name?: string
  depth?: number
  step?: number
  value?: number
}
export interface SankeyLinkInput {
  source: string
  target: string
  value: number
}
export interface SankeyNode {
  id: string
  label: string
  depth: number
  value: number
  x0: number
  x1: number
  y0: number
  y1: number
}
export interface SankeyLink {
  source: string
  target: string
  value: number
  width: number
  sy: number
  ty: number
  x0: number
  x1: number
  path: string
}
export declare function assignDepths(
  nodes: SankeyNodeInput[],
  links: SankeyLinkInput[],
): Map<string, number>
export declare function layoutSankey(
  graph: { nodes: SankeyNodeInput[]; links: SankeyLinkInput[] },
  options: { width: number; height: number; nodeWidth?: number; nodePadding?: number },
): { nodes: SankeyNode[]; links: SankeyLink[] }
