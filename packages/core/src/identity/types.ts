/** An identifier: a typed value that names a person, such as `{ type: 'email', value: 'ann@x.io' }`. */
export interface Identifier {
  /** `user_id`, `email`, `phone`, `anonymous_id`, `device_id`, or a custom type. */
  type: string
  /** The normalized value (emails lower-cased, phones in E.164, ids trimmed). */
  value: string
}

/** One person as resolved from a set of messages. */
export interface ResolvedProfile {
  /** `prof_` + a hash of the profile's earliest message id; a pure function of the message set. */
  id: string
  /** The identifiers the profile holds, by type priority then value. */
  identifiers: Identifier[]
  /** The messages attached to the profile, in `(timestamp, messageId)` order. */
  messageIds: string[]
}

/** Where in a message an identifier was read. */
export type IdentifierSource =
  | 'userId'
  | 'anonymousId'
  | 'previousId'
  | 'traits.email'
  | 'traits.phone'
  | 'context.traits.email'
  | 'context.traits.phone'
  | 'context.device.id'
  | 'context.externalIds'

/** An identifier read from a message, with the raw value kept beside the normalized one. */
export interface ExtractedIdentifier extends Identifier {
  /** The value as it appeared in the message. */
  raw: string
  /** Where it was read. */
  source: IdentifierSource
}

/** Why a value read from a message was not used as an identifier. */
export type RejectionReason = 'blocked' | 'invalid' | 'too_long' | 'suppressed'

/** A value read from a message that does not link anything, and why. */
export interface RejectedIdentifier {
  type: string
  raw: string
  source: IdentifierSource
  reason: RejectionReason
}

/** The identifiers of one message, in priority order, and the values that were rejected. */
export interface ExtractionResult {
  identifiers: ExtractedIdentifier[]
  rejected: RejectedIdentifier[]
}

/** The rule that refused a link. */
export type RefusalRule =
  /** The union would hold more distinct values of `type` than its limit. */
  | { rule: 'limit'; type: string; limit: number }
  /** The union would hold more identifiers than `maxIdentifiers`. */
  | { rule: 'max_identifiers'; limit: number }
  /** The union would have absorbed more merges than `maxMerges`. */
  | { rule: 'max_merges'; limit: number }

/** Two profiles became one because a message linked them. */
export interface MergeRecord {
  kind: 'merge'
  /** The message that linked them. */
  messageId: string
  /** Its time (ISO-8601, UTC, as ordered: skew-corrected `timestamp` first), when it had one. */
  timestamp: string | undefined
  /** The profile that kept its id (the older one). */
  survivor: string
  /** The profile id that now resolves to `survivor`. */
  absorbed: string
  /** The identifiers the message linked: the message's anchor and one identifier of `absorbed`. */
  link: [Identifier, Identifier]
}

/** A message tried to link an identifier to a profile and a rule said no. */
export interface RefusedLink {
  kind: 'refused'
  messageId: string
  timestamp: string | undefined
  /** The profile the message attached to (its highest-priority identifier's). */
  profileId: string
  /** The message's highest-priority identifier. */
  anchor: Identifier
  /** The lower-priority identifier whose link was refused. */
  identifier: Identifier
  /** The profile holding `identifier`, when it already had one. */
  otherProfileId: string | undefined
  reason: RefusalRule
}

/** An identifier was marked shared: it stops linking profiles but stays where it is. */
export interface SharedRecord {
  kind: 'shared'
  /** The message whose refused link crossed the threshold, or undefined when marked by hand. */
  messageId: string | undefined
  timestamp: string | undefined
  identifier: Identifier
}

/** A component was recomputed by an unmerge operation. */
export interface RecomputedRecord {
  kind: 'recomputed'
  cause: 'mark_shared' | 'block' | 'remove_messages' | 'suppress'
  /** The identifiers or message ids the operation named. */
  subjects: string[]
}

/** One entry of a profile's audit trail. */
export type HistoryEntry = MergeRecord | RefusedLink | SharedRecord | RecomputedRecord

/** What one ingested message did to the graph. */
export interface IngestResult {
  /** The profile the message belongs to; undefined when it was suppressed. */
  profileId: string | undefined
  /** The message id used (the message's own, or a derived one). */
  messageId: string
  /** The message id was already ingested; nothing changed. */
  duplicate: boolean
  /** The message carried a suppressed identifier or an erased message id and was ignored. */
  suppressed: boolean
  /** The message was older than its component and the component was replayed in order. */
  recomputed: boolean
  /** Merges this message caused (in the order they happened). */
  merged: readonly MergeRecord[]
  /** Links this message tried and a rule refused. */
  refused: readonly RefusedLink[]
}

/** One step of an explanation: `messageId` linked `from` and `to`. */
export interface EvidenceStep {
  from: Identifier
  to: Identifier
  messageId: string
  timestamp: string | undefined
}

/** Why two identifiers are in one profile: the shortest chain of linking messages. */
export interface Explanation {
  /** Both identifiers are in the same profile. */
  sameProfile: boolean
  /** That profile, when they are. */
  profileId: string | undefined
  /** The chain from the first identifier to the second; empty when not in one profile. */
  steps: EvidenceStep[]
}
