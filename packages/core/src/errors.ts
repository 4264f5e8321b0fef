/** Machine-readable reason codes carried by every {@link ItineraError}. */
export type ItineraErrorCode =
  | 'validation_failed'
  | 'config_invalid'
  | 'delivery_failed'
  | 'not_found'
  | 'unauthorized'
  | 'internal'

/** One problem found in an input: where (`path`) and why (`message`). */
export interface ValidationIssue {
  /** Position of the message in its batch, when the input was a batch. */
  index?: number
  /** Dotted field path inside the message, e.g. `context.page.url`; empty for the whole message. */
  path: string
  /** A sentence a developer understands. */
  message: string
}

/** Base class of every error Itinera throws. */
export class ItineraError extends Error {
  override name = 'ItineraError'
  readonly code: ItineraErrorCode

  constructor(code: ItineraErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.code = code
  }
}

/** Input did not match the spec; `issues` names each field and the reason. */
export class ValidationError extends ItineraError {
  override name = 'ValidationError'
  readonly issues: ValidationIssue[]

  constructor(issues: ValidationIssue[], options?: { cause?: unknown }) {
    super('validation_failed', issues.map(formatIssue).join('; ') || 'invalid input', options)
    this.issues = issues
  }
}

/** Options passed to a constructor or function were invalid. */
export class ConfigError extends ItineraError {
  override name = 'ConfigError'
  readonly issues: ValidationIssue[]

  constructor(message: string, issues: ValidationIssue[] = [], options?: { cause?: unknown }) {
    super('config_invalid', message, options)
    this.issues = issues
  }
}

/** A request to a server failed; `retryable` says whether sending again may succeed. */
export class DeliveryError extends ItineraError {
  override name = 'DeliveryError'
  readonly status: number | undefined
  readonly retryable: boolean
  readonly retryAfterMs: number | undefined

  constructor(
    message: string,
    details: { status?: number; retryable: boolean; retryAfterMs?: number },
    options?: { cause?: unknown },
  ) {
    super('delivery_failed', message, options)
    this.status = details.status
    this.retryable = details.retryable
    this.retryAfterMs = details.retryAfterMs
  }
}

/**
 * Formats an issue the way developers read it: `batch[3].event: required for type "track"`.
 */
export function formatIssue(issue: ValidationIssue): string {
  const root = issue.index === undefined ? '' : `batch[${issue.index}]`
  const where = [root, issue.path].filter(Boolean).join(issue.path.startsWith('[') ? '' : '.')
  return where ? `${where}: ${issue.message}` : issue.message
}

/** Result of an operation that can fail in an expected way. */
export type Result<T, E = ValidationIssue[]> = { ok: true; value: T } | { ok: false; error: E }
