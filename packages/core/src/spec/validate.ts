import type { z } from 'zod'
import { ValidationError, type ValidationIssue } from '../errors.js'
import {
  MAX_BATCH_BYTES,
  MAX_BATCH_MESSAGES,
  MAX_MESSAGE_BYTES,
  MESSAGE_TYPES,
  jsonByteLength,
  oversizeMessage,
} from './limits.js'
import { acceptCleanMessage, isPlainObject } from './fast-path.js'
import { batchSchema, messageSchemas, type Message, type MessageType } from './messages.js'

/** The outcome of validating one message. */
export type MessageValidation =
  { ok: true; value: Message } | { ok: false; errors: ValidationIssue[] }

/** Options for {@link validateMessage}. */
export interface ValidateMessageOptions {
  /** Position in a batch, copied onto every issue. */
  index?: number
  /**
   * Largest serialized size in bytes; `Infinity` skips measuring, for callers that measure the
   * serialized form themselves. @default 32768
   */
  maxBytes?: number
}

const isMessageType = (value: unknown): value is MessageType =>
  typeof value === 'string' && (MESSAGE_TYPES as readonly string[]).includes(value)

const kilobytes = (bytes: number) => `${Math.round((bytes / 1024) * 10) / 10} KB`

/** Formats a zod path the way JavaScript reads it: `context.externalIds[0].type`. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((key, i) =>
      typeof key === 'number' ? `[${key}]` : i === 0 ? String(key) : `.${String(key)}`,
    )
    .join('')
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined
    value = (value as Record<PropertyKey, unknown>)[key]
  }
  return value
}

function toIssues(error: z.ZodError, input: unknown, index: number | undefined): ValidationIssue[] {
  return error.issues.map((issue) => {
    const missing = issue.code === 'invalid_type' && valueAt(input, issue.path) === undefined
    const message = missing && !issue.message.startsWith('required') ? 'required' : issue.message
    return withIndex({ path: formatPath(issue.path), message }, index)
  })
}

const withIndex = (issue: ValidationIssue, index: number | undefined): ValidationIssue =>
  index === undefined ? issue : { index, ...issue }

/**
 * Checks one message against the Segment spec and returns it typed, or every problem found.
 * Unknown fields are kept; `null` optional fields read as absent; numeric ids become strings.
 *
 * @example
 * const result = validateMessage({ type: 'track', userId: 'u1' })
 * // result.ok === false; result.errors[0] → { path: 'event', message: 'required for type "track"' }
 */
export function validateMessage(
  input: unknown,
  options: ValidateMessageOptions = {},
): MessageValidation {
  const { index, maxBytes = MAX_MESSAGE_BYTES } = options
  const fail = (path: string, message: string): MessageValidation => ({
    ok: false,
    errors: [withIndex({ path, message }, index)],
  })
  if (!isPlainObject(input)) return fail('', 'must be a JSON object')
  const bytes = Number.isFinite(maxBytes) ? jsonByteLength(input) : 0
  if (bytes > maxBytes) {
    return fail('', oversizeMessage(bytes, maxBytes))
  }
  if (input.type === undefined || input.type === null) {
    return fail('type', `required; one of ${MESSAGE_TYPES.join(', ')}`)
  }
  if (!isMessageType(input.type)) {
    return fail(
      'type',
      `${JSON.stringify(input.type)} is not a message type; use one of ${MESSAGE_TYPES.join(', ')}`,
    )
  }
  const clean = acceptCleanMessage(input, input.type)
  if (clean) return { ok: true, value: clean }
  const parsed = messageSchemas[input.type].safeParse(input)
  if (parsed.success) return { ok: true, value: parsed.data as Message }
  return { ok: false, errors: toIssues(parsed.error, input, index) }
}

/** Like {@link validateMessage}, but throws a {@link ValidationError} listing every issue. */
export function parseMessage(input: unknown, options?: ValidateMessageOptions): Message {
  const result = validateMessage(input, options)
  if (!result.ok) throw new ValidationError(result.errors)
  return result.value
}

/** A message of a batch that failed validation. */
export interface RejectedMessage {
  index: number
  messageId: string | undefined
  errors: ValidationIssue[]
}

/** The outcome of validating a batch: valid messages are usable even when others failed. */
export interface BatchValidation {
  /** True when the envelope and every message are valid. */
  ok: boolean
  /** Valid messages in batch order, with the envelope's defaults applied. */
  messages: Message[]
  /** The batch position of each entry in `messages`. */
  indices: number[]
  /** Invalid messages, each with its own issues. */
  rejected: RejectedMessage[]
  /** Every issue, envelope issues first (they have no `index`). */
  errors: ValidationIssue[]
}

/** Options for {@link validateBatch}. */
export interface ValidateBatchOptions {
  /** Largest serialized batch in bytes. @default 512000 */
  maxBytes?: number
  /** Most messages in one batch. @default 2500 */
  maxMessages?: number
  /** Largest serialized message in bytes. @default 32768 */
  maxMessageBytes?: number
}

// Segment applies the envelope's context, integrations and sentAt to every message of the batch.
function applyEnvelope(message: unknown, envelope: Record<string, unknown>): unknown {
  if (!isPlainObject(message)) return message
  const merged: Record<string, unknown> = { ...message }
  for (const key of ['context', 'integrations'] as const) {
    const shared = envelope[key]
    if (isPlainObject(shared))
      merged[key] = isPlainObject(message[key])
        ? { ...shared, ...message[key] }
        : (message[key] ?? shared)
  }
  if (merged.sentAt == null && envelope.sentAt != null) merged.sentAt = envelope.sentAt
  return merged
}

/**
 * Checks a batch request body (`{ batch: [...], context?, integrations?, sentAt? }`). Each
 * message is validated on its own, so one bad message never hides the good ones.
 */
export function validateBatch(input: unknown, options: ValidateBatchOptions = {}): BatchValidation {
  const {
    maxBytes = MAX_BATCH_BYTES,
    maxMessages = MAX_BATCH_MESSAGES,
    maxMessageBytes = MAX_MESSAGE_BYTES,
  } = options
  const envelopeFailure = (path: string, message: string): BatchValidation => ({
    ok: false,
    messages: [],
    indices: [],
    rejected: [],
    errors: [{ path, message }],
  })
  if (!isPlainObject(input))
    return envelopeFailure('', 'a batch must be a JSON object with a "batch" array')
  // Callers that already measured the raw body (the collector) pass Infinity to skip this pass.
  const bytes = Number.isFinite(maxBytes) ? jsonByteLength(input) : 0
  if (bytes > maxBytes) {
    return envelopeFailure(
      '',
      `batch is ${bytes} bytes serialized; the limit is ${maxBytes} bytes (${kilobytes(maxBytes)})`,
    )
  }
  const envelope = batchSchema.safeParse(input)
  if (!envelope.success) {
    return { ...envelopeFailure('', ''), errors: toIssues(envelope.error, input, undefined) }
  }
  const items = envelope.data.batch
  if (items.length > maxMessages) {
    return envelopeFailure('batch', `holds ${items.length} messages; the limit is ${maxMessages}`)
  }
  const result: BatchValidation = { ok: true, messages: [], indices: [], rejected: [], errors: [] }
  items.forEach((item, index) => {
    const checked = validateMessage(applyEnvelope(item, input), {
      index,
      maxBytes: maxMessageBytes,
    })
    if (checked.ok) {
      result.messages.push(checked.value)
      result.indices.push(index)
      return
    }
    const messageId =
      isPlainObject(item) && typeof item.messageId === 'string' ? item.messageId : undefined
    result.rejected.push({ index, messageId, errors: checked.errors })
    result.errors.push(...checked.errors)
  })
  result.ok = result.rejected.length === 0
  return result
}
