import {
  DeliveryError,
  isPlainObject,
  isRetryableStatus,
  ItineraError,
  type ProfileApiErrorBody,
  type ValidationIssue,
} from '@itinera/core/wire'

/** The profile was not found (404), or belongs to another workspace. */
export class NotFoundError extends ItineraError {
  override name = 'NotFoundError'
  readonly status = 404
  /** The ref that was asked, as the server echoed it. */
  readonly ref: string | undefined

  constructor(message: string, ref?: string) {
    super('not_found', message)
    this.ref = ref
  }
}

/** The secret key is missing, wrong, or a write key (401/403). */
export class UnauthorizedError extends ItineraError {
  override name = 'UnauthorizedError'
  readonly status: number

  constructor(message: string, status = 401) {
    super('unauthorized', message)
    this.status = status
  }
}

/** The request was malformed (400); `param` names the parameter the server refused. */
export class InvalidRequestError extends ItineraError {
  override name = 'InvalidRequestError'
  readonly status = 400
  readonly param: string | undefined
  readonly issues: ValidationIssue[]

  constructor(message: string, details: { param?: string; issues?: ValidationIssue[] } = {}) {
    super('validation_failed', message)
    this.param = details.param
    this.issues = details.issues ?? []
  }
}

/** Too many requests (429); `retryAfterMs` comes from the Retry-After header. */
export class RateLimitError extends DeliveryError {
  override name = 'RateLimitError'

  constructor(message: string, retryAfterMs: number | undefined) {
    super(message, { status: 429, retryable: true, retryAfterMs })
  }
}

/** Reads an error body, tolerating servers that answer with something else. */
function readErrorBody(body: unknown): Partial<ProfileApiErrorBody['error']> {
  if (isPlainObject(body) && isPlainObject(body.error))
    return body.error as Partial<ProfileApiErrorBody['error']>
  if (isPlainObject(body) && typeof body.message === 'string') return { message: body.message }
  return {}
}

/** Maps a failed response to the matching typed error, keeping the server's message. */
export function toProfileApiError(
  status: number,
  body: unknown,
  retryAfterMs: number | undefined,
  fallback: string,
): ItineraError {
  const error = readErrorBody(body)
  const message = error.message ?? fallback
  if (status === 404) return new NotFoundError(message, error.ref)
  if (status === 401 || status === 403) return new UnauthorizedError(message, status)
  if (status === 429) return new RateLimitError(message, retryAfterMs)
  if (status === 400 || status === 422) {
    return new InvalidRequestError(message, { param: error.param, issues: error.issues })
  }
  return new DeliveryError(message, { status, retryable: isRetryableStatus(status) })
}
