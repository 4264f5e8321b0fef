/**
 * The spec's validators and their zod schemas, without the identity and journey engines: the
 * same objects as `@itinera/core` exports. `@itinera/node` loads this part only when a call
 * fails its quick check, so bundles that include it lazily stay small.
 *
 * @module @itinera/core/validation
 */
export * from './spec/validate.js'
export * from './spec/messages.js'
export { contextSchema, externalIdSchema } from './spec/context.js'
