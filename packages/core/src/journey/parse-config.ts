import type { z } from 'zod'
import { ConfigError, type Result, type ValidationIssue } from '../errors.js'
import { formatPath } from '../spec/index.js'

/** Validates a definition against its schema; issues name the field and the reason. */
export function safeParseConfig<T extends z.ZodType>(
  schema: T,
  input: unknown,
): Result<z.output<T>> {
  const result = schema.safeParse(input)
  if (result.success) return { ok: true, value: result.data }
  const issues: ValidationIssue[] = result.error.issues.map((issue) => ({
    path: formatPath(issue.path),
    message: issue.message,
  }))
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
