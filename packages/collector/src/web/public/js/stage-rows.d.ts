// Types for stage-rows.js, for the unit tests and editors; the browser loads the .js as is.
export declare function stageRows(
  data: Array<{ stage: string; profiles: number; reached?: number }>,
): Array<{ stage: string; profiles: number; reached: number; fromPrevious: number | null }>
