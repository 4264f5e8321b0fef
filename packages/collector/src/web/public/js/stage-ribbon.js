// Builds the stage ribbon model (awareness → advocacy) from a profile's journey.

/** The default stage model's order (issue 4). */
export const DEFAULT_STAGES = ['awareness', 'consideration', 'purchase', 'retention', 'advocacy']

/**
 * One ribbon cell per stage, in model order, with its entry time and whether it is current.
 * Stages the default model does not know (custom models) follow in entry order. Reads the API's
 * `{ stage, entries }` and the core's `{ currentStage, stages }` alike.
 * @param {{ entries?: Array<{ stage: string, enteredAt?: string, messageId?: string | null }>, stage?: string | null, stages?: Array<{ stage: string, enteredAt?: string, messageId?: string | null }>, currentStage?: string | null } | null | undefined} journey
 * @returns {Array<{ stage: string, label: string, enteredAt: string | null, messageId: string | null, reached: boolean, current: boolean }>}
 */
export function buildRibbon(journey) {
  const raw = journey?.entries ?? journey?.stages
  const entries = Array.isArray(raw) ? raw : []
  /** @type {Map<string, { enteredAt?: string, messageId?: string }>} */
  const byStage = new Map()
  for (const entry of entries) {
    const previous = byStage.get(entry.stage)
    if (
      !previous ||
      (entry.enteredAt && previous.enteredAt && entry.enteredAt < previous.enteredAt)
    ) {
      byStage.set(entry.stage, entry)
    }
  }
  const extra = entries
    .map((entry) => entry.stage)
    .filter((stage) => !DEFAULT_STAGES.includes(stage))
  const order = [...DEFAULT_STAGES, ...new Set(extra)]
  const current = journey?.stage ?? journey?.currentStage ?? entries.at(-1)?.stage ?? null
  return order.map((stage) => {
    const entry = byStage.get(stage)
    return {
      stage,
      label: stage.charAt(0).toUpperCase() + stage.slice(1),
      enteredAt: entry?.enteredAt ?? null,
      messageId: entry?.messageId ?? null,
      reached: entry !== undefined,
      current: stage === current,
    }
  })
}
