import type { ProfileApiErrorBody, ProfileApiErrorCode, ValidationIssue } from '@itinera/core'
import { HttpError } from '../http/http-error.js'

const codeOf = (status: number): ProfileApiErrorCode =>
  status === 401 || status === 403
    ? 'unauthorized'
    : status === 404
      ? 'not_found'
      : status === 429
        ? 'rate_limited'
        : status >= 500
          ? 'internal'
          : 'invalid_request'

/**
 * An error of the profile API, answered as `{ error: { code, message, param?, ref?, issues? } }`:
 * 400 names the parameter, 404 echoes the ref that was asked.
 */
export class ProfileApiError extends HttpError {
  override name = 'ProfileApiError'
  readonly param: string | undefined
  readonly ref: string | undefined
  readonly issues: ValidationIssue[] | undefined

  constructor(
    status: number,
    message: string,
    details: { param?: string; ref?: string; issues?: ValidationIssue[] } = {},
    headers: Record<string, string> = {},
  ) {
    super(status, codeOf(status), message, headers)
    this.param = details.param
    this.ref = details.ref
    this.issues = details.issues
  }
}

/** 400 naming the query, path or body parameter that was refused. */
export function invalidParam(
  param: string,
  message: string,
  issues?: ValidationIssue[],
): ProfileApiError {
  return new ProfileApiError(400, `${param}: ${message}`, { param, issues })
}

/** 404 for a profile ref that resolves to no profile of the workspace. */
export function profileNotFound(ref: string): ProfileApiError {
  return new ProfileApiError(404, `no profile matches ${ref}`, { ref })
}

/** The wire body of an error (any `HttpError` of the collector, mapped to the API's codes). */
export function apiErrorBody(error: HttpError): ProfileApiErrorBody {
  const body: ProfileApiErrorBody['error'] = { code: codeOf(error.status), message: error.message }
  if (error instanceof ProfileApiError) {
    if (error.param !== undefined) body.param = error.param
    if (error.ref !== undefined) body.ref = error.ref
    if (error.issues !== undefined) body.issues = error.issues
  } else if (error.status === 400 || error.status === 413) {
    body.param = 'body'
  }
  return { error: body }
}

/** The first field of an issue path (`steps[0].event` → `steps`), as a 400's `param`. */
export function rootParam(path: string, fallback = 'body'): string {
  const root = path.split(/[.[]/)[0]
  return root === undefined || root === '' ? fallback : root
}
