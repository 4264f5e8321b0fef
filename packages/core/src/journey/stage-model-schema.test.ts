import { describe, expect, it } from 'vitest'
import {
  aarrrStageModel,
  ConfigError,
  defaultStageModel,
  parseStageModel,
  safeParseStageModel,
} from '@itinera/core'

const issuesOf = (input: unknown) => {
  const result = safeParseStageModel(input)
  return result.ok ? [] : result.error
}

describe('parseStageModel', () => {
  it('accepts the built-in models', () => {
    expect(parseStageModel(defaultStageModel)).toEqual(defaultStageModel)
    expect(parseStageModel(aarrrStageModel)).toEqual(aarrrStageModel)
  })

  it('accepts a model that round-trips through JSON', () => {
    expect(safeParseStageModel(JSON.parse(JSON.stringify(defaultStageModel))).ok).toBe(true)
  })

  it('throws ConfigError naming each field and reason', () => {
    expect(() => parseStageModel({ name: 'x', stages: [] })).toThrow(ConfigError)
    expect(() => parseStageModel({ name: 'x', stages: [] })).toThrowErrorMatchingInlineSnapshot(
      `[ConfigError: invalid stage model: stages: needs at least one stage]`,
    )
  })

  it('rejects duplicate stage ids, unknown after stages and self references', () => {
    expect(
      issuesOf({
        name: 'x',
        stages: [
          { id: 'a', rules: [{ after: 'zzz' }] },
          { id: 'a', rules: [{}] },
          { id: 'b', rules: [{ after: 'b' }] },
        ],
      }),
    ).toEqual([
      { path: 'stages[1].id', message: 'duplicate stage id "a"' },
      { path: 'stages[0].rules[0].after', message: 'unknown stage "zzz"' },
      { path: 'stages[2].rules[0].after', message: 'a stage cannot require itself' },
    ])
  })

  it('rejects lapse stages that reuse a stage id and bad periods', () => {
    expect(
      issuesOf({
        name: 'x',
        stages: [{ id: 'a', rules: [{}] }],
        lapse: [{ stage: 'gone', afterDays: 0 }],
      }),
    ).toEqual([{ path: 'lapse[0].afterDays', message: 'must be more than 0' }])
    expect(
      issuesOf({
        name: 'x',
        stages: [{ id: 'a', rules: [{}] }],
        lapse: [{ stage: 'a', afterDays: 3 }],
      }),
    ).toEqual([
      { path: 'lapse[0].stage', message: '"a" is already a stage; a lapse stage needs its own id' },
    ])
  })

  it('rejects unknown keys, bad predicates and bad occurrences', () => {
    const issues = issuesOf({
      name: 'x',
      stages: [
        {
          id: 'a',
          rules: [
            {
              evnt: 'typo',
              occurrence: 0,
              where: [
                { path: 'properties.n', op: 'gt', value: 'big' },
                { path: 'properties.n', op: 'in', value: 1 },
                { path: 'properties.n', op: 'approx' },
              ],
            },
          ],
        },
      ],
    })
    expect(issues.map((issue) => issue.path).sort()).toEqual([
      'stages[0].rules[0]',
      'stages[0].rules[0].occurrence',
      'stages[0].rules[0].where[0].value',
      'stages[0].rules[0].where[1].value',
      'stages[0].rules[0].where[2].op',
    ])
  })
})
