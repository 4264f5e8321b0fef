import type { z } from 'zod'
import { ConfigError, type Result, type ValidationIssue } from '../errors.js'
import { formatPath } from '../spec/index.js'

type ZodIssue = z.core.$ZodIssue

// A union reports one opaque issue; name the problems of the branch the input was meant for
// (the one that did not fail on its type at the root), so users see which field is wrong.
function flatten(issue: ZodIssue, prefix: readonly PropertyKey[] = []): ValidationIssue[] {
  const path = [...prefix, ...issue.path]
  if (issue.code === 'invalid_union' && issue.errors.length > 0) {
    const meant = issue.errors.filter(
      (branch) => !branch.some((inner) => inner.code === 'invalid_type' && inner.path.length === 0),
    )
    if (meant.length === 1) return (meant[0] as ZodIssue[]).flatMap((inner) => flatten(inner, path))
  }
  return [{ path: formatPath(path), message: issue.message }]
}

/** Validates a definition against its schema; issues name the field and the reason. */
export function safeParseConfig<T extends z.ZodType>(
  schema: T,
  input: unknown,
): Result<z.output<T>> {
  const result = schema.safeParse(input)
  if (result.success) return { ok: true, value: result.data }
  const issues = result.error.issues.flatMap((issue) => flatten(issue))
  return { ok: false, error: issues }
}

/** Like {@link safeParseConfig} but throws a {@link ConfigError} carrying the issues. */
export function parseConfig<T extends z.ZodType>(
  schema: T,
  input: unknown,
  what: string,
): z.output<T> {
  const result = safeParseConfig(schema, input)
  if (result.ok) return result.value
  const detail = result.error
    .map((issue) => `${issue.path || '(root)'}: ${issue.message}`)
    .join('; ')
  throw new ConfigError(`invalid ${what}: ${detail}`, result.error)
}
