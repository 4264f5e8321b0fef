import type { MessageValidation, ValidateMessageOptions } from '@itinera/core/wire'

/** Core's `validateMessage`, with its zod schemas. */
export type FullValidator = (input: unknown, options?: ValidateMessageOptions) => MessageValidation

let loading: Promise<FullValidator> | undefined

/**
 * Core's full validator, loaded the first time a call needs it. A call that passes the quick
 * check (`acceptCleanMessage`) never does; importing zod alone costs a fresh process about
 * 14 MB of memory and 50 ms (bench/node-sdk), which most processes never need to pay.
 */
export function loadFullValidator(): Promise<FullValidator> {
  loading ??= import('@itinera/core/validation').then(
    (core) => core.validateMessage,
    (error: unknown) => {
      // Not kept: the next call that needs the validator tries again.
      loading = undefined
      throw error
    },
  )
  return loading
}
