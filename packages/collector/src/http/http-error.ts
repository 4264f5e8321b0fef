import { ItineraError, type ItineraErrorCode } from '@itinera/core'

const codeByStatus = (status: number): ItineraErrorCode =>
  status === 401 || status === 403
    ? 'unauthorized'
    : status === 404
      ? 'not_found'
      : status >= 500
        ? 'internal'
        : 'validation_failed'

/**
 * An error answered to the client as `{ success: false, error: { code, message } }` with
 * `status`. `reason` is the wire code (`invalid_json`, `payload_too_large`, ...).
 */
export class HttpError extends ItineraError {
  override name = 'HttpError'
  readonly status: number
  readonly reason: string
  readonly headers: Record<string, string>

  constructor(
    status: number,
    reason: string,
    message: string,
    headers: Record<string, string> = {},
  ) {
    super(codeByStatus(status), message)
    this.status = status
    this.reason = reason
    this.headers = headers
  }
}
