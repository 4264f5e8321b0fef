import {
  extractIdentifiers,
  isPlainObject,
  MAX_BATCH_MESSAGES,
  MAX_MESSAGE_BYTES,
  type Message,
  type MessageType,
  type RejectedMessage,
  validateBatch,
  validateMessage,
} from '@itinera/core'
import { identifierKey } from '../identifier-key.js'
import type { CollectorStore, NewMessage, StoredMessage, Workspace } from '../storage/types.js'
import { checkSentSize, mayBeOverAsSent } from './message-size.js'
import { prepareMessage } from './prepare-messages.js'

/** What happened to the messages of one request. */
export interface IngestOutcome {
  /** Valid messages: stored, duplicates and suppressed together. */
  accepted: number
  /** Messages newly written to the raw log. */
  stored: StoredMessage[]
  /** messageIds the workspace already had: acknowledged, not stored again. */
  duplicates: string[]
  /** messageIds dropped because they carry an identifier under a deletion request. */
  suppressed: string[]
  /** Invalid messages with their issues. */
  rejected: RejectedMessage[]
  /** Problems with the request itself (not a batch, ...); nothing was stored. */
  envelopeErrors: { path: string; message: string }[]
}

/** Limits applied by {@link IngestPipeline}. */
export interface IngestLimits {
  /** @default 32768 */
  maxMessageBytes?: number
  /** @default 2500 */
  maxBatchMessages?: number
}

/** Called after messages are durably stored (profiles are updated from here). */
export type StoredListener = (workspaceId: string, stored: StoredMessage[]) => void

/** Called with the messages dropped because they carry suppressed identifiers (issue 7). */
export type SuppressedListener = (
  workspaceId: string,
  dropped: { messageId: string; identifiers: { type: string; value: string }[] }[],
) => void

/**
 * Validation, clock-skew correction, suppression, permanent deduplication and durable append:
 * the path every message takes, over HTTP or from `itinera import`.
 */
export class IngestPipeline {
  private readonly store: CollectorStore
  private readonly limits: Required<IngestLimits>
  private readonly suppressed = new Map<string, Set<string>>()
  /** Workspaces whose stored suppressions are in `suppressed` (deletions may add before that). */
  private readonly suppressionsLoaded = new Set<string>()
  private readonly listeners: StoredListener[] = []
  private readonly suppressedListeners: SuppressedListener[] = []

  constructor(store: CollectorStore, limits: IngestLimits = {}) {
    this.store = store
    this.limits = {
      maxMessageBytes: limits.maxMessageBytes ?? MAX_MESSAGE_BYTES,
      maxBatchMessages: limits.maxBatchMessages ?? MAX_BATCH_MESSAGES,
    }
  }

  /** Most messages one request may carry. */
  get maxBatchMessages(): number {
    return this.limits.maxBatchMessages
  }

  /** Registers a listener for stored messages. */
  onStored(listener: StoredListener): void {
    this.listeners.push(listener)
  }

  /** Registers a listener for messages dropped by the suppression list. */
  onSuppressed(listener: SuppressedListener): void {
    this.suppressedListeners.push(listener)
  }

  /** Ingests a `/v1/batch` body. */
  async ingestBatch(
    workspace: Workspace,
    body: unknown,
    receivedAt = Date.now(),
  ): Promise<IngestOutcome> {
    // The raw body was measured already, and each message is measured as it is stored (store_).
    const checked = validateBatch(body, {
      maxBytes: Number.POSITIVE_INFINITY,
      maxMessages: this.limits.maxBatchMessages,
      maxMessageBytes: Number.POSITIVE_INFINITY,
    })
    const envelopeErrors = checked.errors.filter((issue) => issue.index === undefined)
    if (envelopeErrors.length > 0) return { ...emptyOutcome(), envelopeErrors }
    const batch = body as { batch: unknown[] }
    const maxBytes = this.limits.maxMessageBytes
    const sentSize = (i: number, stored: string) => {
      const index = checked.indices[i] ?? 0
      if (!mayBeOverAsSent(stored, batch.batch[index], maxBytes)) return undefined
      return checkSentSize(batch, index, maxBytes)
    }
    return this.store_(workspace, checked.messages, checked.rejected, receivedAt, sentSize)
  }

  /** Ingests the body of a single-call endpoint (`/v1/track`, ...); the path sets `type`. */
  async ingestOne(
    workspace: Workspace,
    type: MessageType,
    body: unknown,
    receivedAt = Date.now(),
  ): Promise<IngestOutcome> {
    const input = isPlainObject(body) ? { ...body, type } : body
    const checked = validateMessage(input, { index: 0, maxBytes: this.limits.maxMessageBytes })
    if (checked.ok) return this.store_(workspace, [checked.value], [], receivedAt)
    return { ...emptyOutcome(), rejected: [rejectedAt(0, body, checked.errors)] }
  }

  /** Ingests messages that were already parsed one by one (bulk import). */
  async ingestMessages(
    workspace: Workspace,
    inputs: readonly unknown[],
    receivedAt = Date.now(),
  ): Promise<IngestOutcome> {
    const valid: Message[] = []
    const rejected: RejectedMessage[] = []
    inputs.forEach((input, index) => {
      const checked = validateMessage(input, { index, maxBytes: this.limits.maxMessageBytes })
      if (checked.ok) valid.push(checked.value)
      else rejected.push(rejectedAt(index, input, checked.errors))
    })
    return this.store_(workspace, valid, rejected, receivedAt)
  }

  /**
   * Adds normalized identifiers to the workspace's in-memory suppression list; the caller
   * stores them (`CollectorStore.addSuppressions`).
   */
  suppress(workspaceId: string, identifiers: readonly { type: string; value: string }[]): void {
    const set = this.suppressed.get(workspaceId) ?? new Set<string>()
    for (const ref of identifiers) set.add(identifierKey(ref))
    this.suppressed.set(workspaceId, set)
  }

  private async suppressionsOf(workspaceId: string): Promise<Set<string>> {
    if (!this.suppressionsLoaded.has(workspaceId)) {
      const records = await this.store.listSuppressions(workspaceId)
      // A deletion may have added identifiers meanwhile: merge, never replace.
      const set = this.suppressed.get(workspaceId) ?? new Set<string>()
      for (const record of records) set.add(identifierKey(record))
      this.suppressed.set(workspaceId, set)
      this.suppressionsLoaded.add(workspaceId)
    }
    return this.suppressed.get(workspaceId)!
  }

  /**
   * Prepares, measures, filters and appends valid messages. With `sentSize`, messages were not
   * measured yet: `sentSize` checks each one, as sent, from its stored JSON.
   */
  private async store_(
    workspace: Workspace,
    valid: Message[],
    rejected: RejectedMessage[],
    receivedAt: number,
    sentSize?: (position: number, stored: string) => RejectedMessage | undefined,
  ): Promise<IngestOutcome> {
    const outcome: IngestOutcome = { ...emptyOutcome(), accepted: valid.length, rejected }
    if (valid.length === 0) return outcome
    const suppressions = await this.suppressionsOf(workspace.id)
    const receivedIso = new Date(receivedAt).toISOString()
    const prepared: NewMessage[] = []
    valid.forEach((message, i) => {
      const item = prepareMessage(message, receivedAt, receivedIso)
      const tooLarge = sentSize?.(i, item.body)
      if (tooLarge) rejected.push(tooLarge)
      else prepared.push(item)
    })
    if (prepared.length < valid.length) {
      rejected.sort((a, b) => a.index - b.index)
      outcome.accepted = prepared.length
      if (prepared.length === 0) return outcome
    }
    const dropped: Parameters<SuppressedListener>[1] = []
    const kept =
      suppressions.size === 0
        ? prepared
        : prepared.filter((item) => {
            const hits = extractIdentifiers(item.message)
              .identifiers.filter((ref) => suppressions.has(identifierKey(ref)))
              .map(({ type, value }) => ({ type, value }))
            if (hits.length === 0) return true
            outcome.suppressed.push(item.messageId)
            dropped.push({ messageId: item.messageId, identifiers: hits })
            return false
          })
    if (dropped.length > 0) {
      for (const listener of this.suppressedListeners) {
        try {
          listener(workspace.id, dropped)
        } catch {
          continue
        }
      }
    }
    const { stored } = await this.store.appendMessages(workspace.id, kept)
    stored.forEach((entry, i) => {
      if (entry) outcome.stored.push(entry)
      else outcome.duplicates.push((kept[i] as (typeof kept)[number]).messageId)
    })
    if (outcome.stored.length > 0) {
      // The messages are committed: a failing listener must not turn the acknowledgment into an error.
      for (const listener of this.listeners) {
        try {
          listener(workspace.id, outcome.stored)
        } catch {
          continue
        }
      }
    }
    return outcome
  }
}

/** An invalid message's receipt, echoing its messageId when it sent one. */
const rejectedAt = (
  index: number,
  input: unknown,
  errors: RejectedMessage['errors'],
): RejectedMessage => ({
  index,
  messageId:
    isPlainObject(input) && typeof input.messageId === 'string' ? input.messageId : undefined,
  errors,
})

const emptyOutcome = (): IngestOutcome => ({
  accepted: 0,
  stored: [],
  duplicates: [],
  suppressed: [],
  rejected: [],
  envelopeErrors: [],
})
