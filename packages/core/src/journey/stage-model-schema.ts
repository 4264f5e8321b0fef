import { z } from 'zod'
import type { Result } from '../errors.js'
import { messageMatcherShape } from './message-matcher.js'
import { parseConfig, safeParseConfig } from './parse-config.js'

/**
 * A rule that moves a profile into a stage: a message matcher plus optional conditions on how
 * often it happened and what happened before.
 */
export const stageRuleSchema = z.strictObject({
  ...messageMatcherShape,
  /** Matches only the n-th message that matches the matcher (2 = the second `Order Completed`). */
  occurrence: z.number().int().min(1, 'must be 1 or more').optional(),
  /** Matches only after the profile reached this stage at an earlier message. */
  after: z.string().min(1, 'must not be empty').optional(),
})
/** A rule that moves a profile into a stage. */
export type StageRule = z.infer<typeof stageRuleSchema>

/** A stage of a journey: entered at the first message matching any of its rules. */
export const stageDefinitionSchema = z.strictObject({
  id: z.string().min(1, 'must not be empty'),
  label: z.string().optional(),
  description: z.string().optional(),
  rules: z.array(stageRuleSchema).min(1, 'needs at least one rule'),
})
/** A stage of a journey. */
export type StageDefinition = z.infer<typeof stageDefinitionSchema>

/** A stage a profile falls into after `afterDays` without any message. */
export const lapseRuleSchema = z.strictObject({
  stage: z.string().min(1, 'must not be empty'),
  afterDays: z.number().positive('must be more than 0'),
  label: z.string().optional(),
})
/** A stage a profile falls into after a time without any message. */
export type LapseRule = z.infer<typeof lapseRuleSchema>

/**
 * A journey stage model: ordered stages (a profile only moves forward through them) and optional
 * lapse rules. Plain data, so users write their own and store them as JSON.
 */
export const stageModelSchema = z
  .strictObject({
    name: z.string().min(1, 'must not be empty'),
    stages: z.array(stageDefinitionSchema).min(1, 'needs at least one stage'),
    lapse: z.array(lapseRuleSchema).optional(),
  })
  .superRefine((model, ctx) => {
    const ids = new Set<string>()
    model.stages.forEach((stage, index) => {
      if (ids.has(stage.id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['stages', index, 'id'],
          message: `duplicate stage id "${stage.id}"`,
        })
      }
      ids.add(stage.id)
    })
    model.stages.forEach((stage, index) => {
      stage.rules.forEach((rule, ruleIndex) => {
        if (rule.after === undefined) return
        const path = ['stages', index, 'rules', ruleIndex, 'after']
        if (!ids.has(rule.after)) {
          ctx.addIssue({ code: 'custom', path, message: `unknown stage "${rule.after}"` })
        } else if (rule.after === stage.id) {
          ctx.addIssue({ code: 'custom', path, message: 'a stage cannot require itself' })
        }
      })
    })
    model.lapse?.forEach((rule, index) => {
      if (ids.has(rule.stage)) {
        ctx.addIssue({
          code: 'custom',
          path: ['lapse', index, 'stage'],
          message: `"${rule.stage}" is already a stage; a lapse stage needs its own id`,
        })
      }
      ids.add(rule.stage)
    })
  })
/** A journey stage model. */
export type StageModel = z.infer<typeof stageModelSchema>

/** Validates a stage model; returns its issues instead of throwing. */
export function safeParseStageModel(input: unknown): Result<StageModel> {
  return safeParseConfig(stageModelSchema, input)
}

/** Validates a stage model; throws a `ConfigError` with `issues` when it is invalid. */
export function parseStageModel(input: unknown): StageModel {
  return parseConfig(stageModelSchema, input, 'stage model')
}
