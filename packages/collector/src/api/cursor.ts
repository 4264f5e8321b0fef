import { isPlainObject } from '@itinera/core'
import { invalidParam } from './api-error.js'

/** Position after the last item of a page: keyset values, never an offset. */
export type CursorPosition =
  { kind: 'profiles'; afterSeq: number } | { kind: 'events'; timestamp: string; seq: number }

/**
 * Encodes a keyset position as an opaque base64url token. Keyset cursors keep pages stable while
 * messages arrive: nothing already listed moves across the position.
 */
export function encodeCursor(position: CursorPosition): string {
  const payload =
    position.kind === 'profiles'
      ? { k: 'p', s: position.afterSeq }
      : { k: 'e', t: position.timestamp, s: position.seq }
  return Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url')
}

/** Decodes a cursor of the given list; answers 400 naming `cursor` when it is not one. */
export function decodeCursor<K extends CursorPosition['kind']>(
  text: string,
  kind: K,
): Extract<CursorPosition, { kind: K }> {
  let payload: unknown
  try {
    if (!/^[A-Za-z0-9_-]+$/.test(text)) throw new Error('not base64url')
    payload = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'))
  } catch {
    throw invalidParam('cursor', 'is not a cursor of this list; pass the `next` value unchanged')
  }
  if (
    kind === 'profiles' &&
    isPlainObject(payload) &&
    payload.k === 'p' &&
    Number.isSafeInteger(payload.s)
  ) {
    return { kind: 'profiles', afterSeq: payload.s as number } as Extract<
      CursorPosition,
      { kind: K }
    >
  }
  if (
    kind === 'events' &&
    isPlainObject(payload) &&
    payload.k === 'e' &&
    typeof payload.t === 'string' &&
    Number.isSafeInteger(payload.s)
  ) {
    return { kind: 'events', timestamp: payload.t, seq: payload.s as number } as Extract<
      CursorPosition,
      { kind: K }
    >
  }
  throw invalidParam('cursor', 'is not a cursor of this list; pass the `next` value unchanged')
}
