/**
 * The spec's validators and their zod schemas, without the identity and journey engines: the
 * same objects as `@itinera/core` exports. `@itinera/node` loads this part only when a call
 * fails its quick check, so bundles that include it lazily stay small.
 *
 * @module @itinera/core/validation
 */
export { formatPath, parseMessage, validateBatch, validateMessage } from './spec/validate.js'
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
} from './spec/messages.js'
export { contextSchema, externalIdSchema } from './spec/context.js'
