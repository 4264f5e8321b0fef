// Types for stage-ribbon.js, for the unit tests and editors; the browser loads the .js as is.
export declare const DEFAULT_STAGES: readonly string[]
export interface RibbonCell {
  stage: string
  label: string
  enteredAt: string | null
  messageId: string | null
  reached: boolean
  current: boolean
}
export declare function buildRibbon(
  journey:
    | {
        entries?: Array<{ stage: string; enteredAt?: string; messageId?: string | null }>
        stage?: string | null
        stages?: Array<{ stage: string; enteredAt?: string; messageId?: string | null }>
        currentStage?: string | null
      }
    | null
    | undefined,
): RibbonCell[]
