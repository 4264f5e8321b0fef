// Types for paths-graph.js, for the unit tests and editors; the browser loads the .js as is.
export declare function pathsToGraph(paths: Array<{ steps: string[]; count: number }>): {
  nodes: Array<{ id: string; label: string; depth: number }>
  links: Array<{ source: string; target: string; value: number }>
}
