import { describe, expect, it } from 'vitest'
import {
  formatIssue,
  parseMessage,
  validateBatch,
  validateMessage,
  ValidationError,
} from '@itinera/core'
import { segmentSpecExamples } from './segment-examples.fixture.js'

const track = { type: 'track', event: 'Order Completed', userId: 'u1', messageId: 'm1' }

// common.md illustrates the common fields with a `track` payload that has no `event`.
const [commonFields, ...callExamples] = segmentSpecExamples

describe('validateMessage', () => {
  it.each(callExamples)('accepts the Segment spec example "$name"', ({ message }) => {
    const result = validateMessage(message)
    expect(result.ok ? [] : result.errors).toEqual([])
  })

  it('accepts the common-fields example once it names its event', () => {
    const message = commonFields?.message
    expect(validateMessage({ ...message, event: 'Example' }).ok).toBe(true)
    expect(validateMessage(message)).toEqual({
      ok: false,
      errors: [{ path: 'event', message: 'required for type "track"' }],
    })
  })

  it('keeps unknown fields instead of stripping them', () => {
    const result = validateMessage({ ...track, version: 2, context: { ...{ custom: { a: 1 } } } })
    expect(result.ok && result.value).toMatchObject({ version: 2, context: { custom: { a: 1 } } })
  })

  it('reads numeric ids as strings and null optional fields as absent', () => {
    const result = validateMessage({
      type: 'identify',
      userId: 42,
      anonymousId: null,
      traits: null,
    })
    expect(result).toEqual({ ok: true, value: { type: 'identify', userId: '42' } })
  })

  it('requires a userId or an anonymousId', () => {
    const result = validateMessage({ type: 'track', event: 'x', userId: '  ' })
    expect(result.ok ? [] : result.errors).toEqual([
      { path: 'userId', message: 'a message needs a userId or an anonymousId' },
    ])
  })

  it('requires event for track', () => {
    const result = validateMessage({ type: 'track', anonymousId: 'a1' }, { index: 3 })
    expect(result.ok ? [] : result.errors.map(formatIssue)).toEqual([
      'batch[3].event: required for type "track"',
    ])
  })

  it('rejects an empty event name', () => {
    const result = validateMessage({ type: 'track', anonymousId: 'a1', event: ' ' })
    expect(result.ok ? [] : result.errors).toEqual([
      { path: 'event', message: 'must not be empty for type "track"' },
    ])
  })

  it('requires groupId for group', () => {
    const result = validateMessage({ type: 'group', userId: 'u1' })
    expect(result.ok ? [] : result.errors).toEqual([
      { path: 'groupId', message: 'required for type "group"' },
    ])
  })

  it('requires previousId and userId for alias, even with an anonymousId', () => {
    const result = validateMessage({ type: 'alias', anonymousId: 'a1' })
    expect(result.ok ? [] : result.errors.map(formatIssue)).toEqual([
      'userId: required for type "alias"',
      'previousId: required for type "alias"',
    ])
  })

  it('names the allowed types when type is missing or unknown', () => {
    const missing = validateMessage({ userId: 'u1' })
    const unknown = validateMessage({ userId: 'u1', type: 'purchase' })
    expect(missing.ok ? [] : missing.errors.map(formatIssue)).toEqual([
      'type: required; one of track, identify, page, screen, group, alias',
    ])
    expect(unknown.ok ? [] : unknown.errors.map(formatIssue)).toEqual([
      'type: "purchase" is not a message type; use one of track, identify, page, screen, group, alias',
    ])
  })

  it('rejects a message that is not an object', () => {
    expect(validateMessage([track])).toEqual({
      ok: false,
      errors: [{ path: '', message: 'must be a JSON object' }],
    })
  })

  it('rejects a message over 32 KB', () => {
    const result = validateMessage({ ...track, properties: { blob: 'x'.repeat(33 * 1024) } })
    expect(result.ok ? '' : result.errors[0]?.message).toMatch(
      /bytes serialized; the limit is 32768 bytes/,
    )
  })

  it('skips the size check when maxBytes is Infinity, so a caller can measure it instead', () => {
    const cyclic: Record<string, unknown> = {}
    cyclic.self = cyclic
    const big = { ...track, properties: { blob: 'x'.repeat(33 * 1024), cyclic } }
    expect(validateMessage(big, { maxBytes: Infinity }).ok).toBe(true)
  })

  it('rejects timestamps that are not ISO-8601 dates', () => {
    const result = validateMessage({
      ...track,
      timestamp: 'yesterday',
      sentAt: '2024-02-30T00:00:00Z',
    })
    expect(result.ok ? [] : result.errors.map((issue) => issue.path)).toEqual(['timestamp'])
  })

  it('names nested fields by their path', () => {
    const result = validateMessage({
      ...track,
      properties: ['not', 'an', 'object'],
      context: { page: { url: 5 }, externalIds: [{ id: 'x' }] },
    })
    expect(result.ok ? [] : result.errors.map(formatIssue)).toEqual([
      'context.page.url: must be a string',
      'context.externalIds[0].type: required',
      'properties: must be an object',
    ])
  })

  it('accepts context.externalIds and keeps their collection and encoding', () => {
    const externalIds = [{ id: 'ab-1', type: 'crm_id', collection: 'users', encoding: 'none' }]
    const result = validateMessage({ ...track, context: { externalIds } })
    expect(result.ok && result.value.context?.externalIds).toEqual(externalIds)
  })
})

describe('parseMessage', () => {
  it('throws a ValidationError that lists every issue', () => {
    expect(() => parseMessage({ type: 'group' })).toThrow(ValidationError)
    expect(() => parseMessage({ type: 'track', userId: 'u' })).toThrow(
      'event: required for type "track"',
    )
  })
})

describe('validateBatch', () => {
  it('keeps the valid messages and reports the invalid ones by index', () => {
    const result = validateBatch({
      batch: [
        track,
        { type: 'track', userId: 'u2', messageId: 'm2' },
        { ...track, messageId: 'm3' },
      ],
    })
    expect(result.ok).toBe(false)
    expect(result.indices).toEqual([0, 2])
    expect(result.messages.map((m) => m.messageId)).toEqual(['m1', 'm3'])
    expect(result.rejected).toEqual([
      {
        index: 1,
        messageId: 'm2',
        errors: [{ index: 1, path: 'event', message: 'required for type "track"' }],
      },
    ])
  })

  it('applies the envelope context, integrations and sentAt to each message', () => {
    const result = validateBatch({
      batch: [{ ...track, context: { ip: '1.2.3.4' } }],
      context: { library: { name: 'x', version: '1' }, ip: '0.0.0.0' },
      integrations: { All: true },
      sentAt: '2024-01-01T00:00:00.000Z',
    })
    expect(result.messages[0]).toMatchObject({
      context: { library: { name: 'x', version: '1' }, ip: '1.2.3.4' },
      integrations: { All: true },
      sentAt: '2024-01-01T00:00:00.000Z',
    })
  })

  it('rejects a body without a batch array', () => {
    expect(validateBatch({ messages: [] }).errors).toEqual([{ path: 'batch', message: 'required' }])
    expect(validateBatch('nope').errors[0]?.message).toMatch(/must be a JSON object/)
  })

  it('rejects a batch over 500 KB as a whole', () => {
    const big = { ...track, properties: { blob: 'x'.repeat(30 * 1024) } }
    const result = validateBatch({ batch: Array.from({ length: 18 }, () => big) })
    expect(result.messages).toEqual([])
    expect(result.errors[0]?.message).toMatch(/the limit is 512000 bytes \(500 KB\)/)
  })

  it('rejects a batch with too many messages', () => {
    const result = validateBatch({ batch: [track, track, track] }, { maxMessages: 2 })
    expect(result.errors).toEqual([{ path: 'batch', message: 'holds 3 messages; the limit is 2' }])
  })
})
