// Types for funnel-model.js, for the unit tests and editors; the browser loads the .js as is.
export interface FunnelStepView {
  name: string
  count: number
  fromFirst: number | null
  fromPrevious: number | null
  medianMs: number | null
  p90Ms: number | null
  dropped: number
}
export declare function normalizeFunnelSteps(
  rawSteps: Array<Record<string, unknown>>,
): FunnelStepView[]
export declare function normalizeFunnel(result: Record<string, unknown>): {
  steps: FunnelStepView[]
  breakdown: Array<{ value: string; steps: FunnelStepView[] }>
}
export declare function layoutFunnelBars(
  steps: Array<{ count: number }>,
  options: { width: number; rowHeight?: number; gap?: number },
): {
  height: number
  bars: Array<{ x: number; y: number; width: number; height: number; droppedWidth: number }>
}
