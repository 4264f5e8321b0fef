export { resolveIdentities } from './resolve-identities.js'
export { IdentityGraph } from './identity-graph.js'
export type { IdentityGraphOptions } from './identity-graph.js'
export { createMemoryIdentityStore } from './store.js'
export type { IdentityMark, IdentityStore, StoredMessage } from './store.js'
export { extractIdentifiers } from './extract-identifiers.js'
export { BLOCKED_EMAILS, BLOCKED_VALUES } from './normalize.js'
export { DEFAULT_CUSTOM_TYPE, DEFAULT_IDENTIFIER_TYPES, DEFAULT_IDENTITY_CAPS } from './options.js'
export type { IdentifierTypeOptions, IdentityOptions, NormalizeMode } from './options.js'
export type {
  EvidenceStep,
  Explanation,
  ExtractedIdentifier,
  ExtractionResult,
  HistoryEntry,
  Identifier,
  IdentifierSource,
  IngestResult,
  MergeRecord,
  RecomputedRecord,
  RefusalRule,
  RefusedLink,
  RejectedIdentifier,
  RejectionReason,
  ResolvedProfile,
  SharedRecord,
} from './types.js'
