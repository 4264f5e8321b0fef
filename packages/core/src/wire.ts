/**
 * What travels between the SDKs and the collector, without zod: the errors, the spec's limits,
 * its quick check for well-formed messages and its types, the retry rules and the profile-API
 * types and refs. These are the very objects `@itinera/core` exports, without the zod schemas
 * (load `@itinera/core` for `validateMessage`), the identity and journey engines and
 * libphonenumber-js, so that a server SDK loads fast: in a fresh process, importing the root
 * took 111 ms and 24 MB of RSS (bench/node-sdk).
 *
 * @module @itinera/core/wire
 */
export * from './errors.js'
export * from './spec/limits.js'
export * from './spec/fast-path.js'
export * from './spec/time.js'
export type { ExternalId, MessageContext } from './spec/context.js'
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
} from './spec/messages.js'
export type {
  BatchValidation,
  MessageValidation,
  RejectedMessage,
  ValidateBatchOptions,
  ValidateMessageOptions,
} from './spec/validate.js'
export * from './profile-api/index.js'
export * from './queue/index.js'
