import type { IdentifierRef } from './types.js'

// Identifiers as `type\tvalue` lines: compact, and cheaper to read back than JSON. A value
// holding a tab or a newline is not encoded: that message is read from its body instead.

/** Encodes identifiers as `type\tvalue` lines, or `null` when a value cannot be encoded. */
export const encodeIdentifiers = (refs: readonly IdentifierRef[]): string | null =>
  refs.some((ref) => /[\t\n]/.test(ref.type + ref.value))
    ? null
    : refs.map((ref) => `${ref.type}\t${ref.value}`).join('\n')

/** Decodes what {@link encodeIdentifiers} wrote. */
export const decodeIdentifiers = (text: string): IdentifierRef[] =>
  text === ''
    ? []
    : text.split('\n').map((line) => {
        const tab = line.indexOf('\t')
        return { type: line.slice(0, tab), value: line.slice(tab + 1) }
      })
