export { contextSchema, externalIdSchema } from './context.js'
export { acceptCleanMessage, isPlainObject } from './fast-path.js'
export type { ExternalId, MessageContext } from './context.js'
export {
  MAX_BATCH_BYTES,
  MAX_BATCH_MESSAGES,
  MAX_MESSAGE_BYTES,
  MESSAGE_TYPES,
  jsonByteLength,
  oversizeMessage,
  utf8ByteLength,
} from './limits.js'
export {
  aliasMessageSchema,
  batchSchema,
  groupMessageSchema,
  identifyMessageSchema,
  messageSchema,
  messageSchemas,
  pageMessageSchema,
  screenMessageSchema,
  trackMessageSchema,
} from './messages.js'
export type {
  AliasMessage,
  BatchEnvelope,
  GroupMessage,
  IdentifyMessage,
  Message,
  MessageType,
  PageMessage,
  ScreenMessage,
  TrackMessage,
} from './messages.js'
export { correctTimestamp, isIsoTimestamp, parseTimestamp, toIsoTimestamp } from './time.js'
export type { ClockSkewInput, ClockSkewOptions, CorrectedTime } from './time.js'
export { formatPath, parseMessage, validateBatch, validateMessage } from './validate.js'
export type {
  BatchValidation,
  MessageValidation,
  RejectedMessage,
  ValidateBatchOptions,
  ValidateMessageOptions,
} from './validate.js'
