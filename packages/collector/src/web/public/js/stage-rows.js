// Rows of the stage distribution: model order, profiles that got this far, stage-to-stage conversion.

import { DEFAULT_STAGES } from './stage-ribbon.js'

/**
 * Orders the stages by the default model (custom stages after) and adds, for each, the profiles
 * that reached it or a later stage (the API's `reached`, else summed from the current stages,
 * the current stage being the furthest one reached) and the conversion from the previous stage.
 * @param {Array<{ stage: string, profiles: number, reached?: number }>} data
 * @returns {Array<{ stage: string, profiles: number, reached: number, fromPrevious: number | null }>}
 */
export function stageRows(data) {
  const rank = (stage) => {
    const index = DEFAULT_STAGES.indexOf(stage)
    return index === -1 ? DEFAULT_STAGES.length : index
  }
  const rows = [...data].sort((a, b) => rank(a.stage) - rank(b.stage))
  const reached = rows.map(
    (row, index) => row.reached ?? rows.slice(index).reduce((sum, next) => sum + next.profiles, 0),
  )
  return rows.map((row, index) => {
    const previous = index === 0 ? 0 : (reached[index - 1] ?? 0)
    const own = reached[index] ?? 0
    return { ...row, reached: own, fromPrevious: previous > 0 ? own / previous : null }
  })
}
