/**
 * Itinera core: the Segment-compatible event spec, identity resolution, profiles and the
 * customer-journey engine. Isomorphic: no DOM and no Node imports.
 *
 * @module @itinera/core
 */
export { ConfigError, DeliveryError, ItineraError, ValidationError, formatIssue } from './errors.js'
export type { ItineraErrorCode, Result, ValidationIssue } from './errors.js'
export {
  MAX_BATCH_BYTES,
  MAX_BATCH_MESSAGES,
  MAX_MESSAGE_BYTES,
  MESSAGE_TYPES,
  aliasMessageSchema,
  batchSchema,
  contextSchema,
  correctTimestamp,
  externalIdSchema,
  formatPath,
  groupMessageSchema,
  identifyMessageSchema,
  isIsoTimestamp,
  jsonByteLength,
  messageSchema,
  messageSchemas,
  pageMessageSchema,
  parseMessage,
  parseTimestamp,
  screenMessageSchema,
  toIsoTimestamp,
  trackMessageSchema,
  utf8ByteLength,
  validateBatch,
  validateMessage,
} from './spec/index.js'
export type {
  AliasMessage,
  BatchEnvelope,
  BatchValidation,
  ClockSkewInput,
  CorrectedTime,
  ExternalId,
  GroupMessage,
  IdentifyMessage,
  Message,
  MessageContext,
  MessageType,
  MessageValidation,
  PageMessage,
  RejectedMessage,
  ScreenMessage,
  TrackMessage,
  ValidateBatchOptions,
  ValidateMessageOptions,
} from './spec/index.js'
