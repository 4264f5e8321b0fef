// Types for profile-ref.js, for the unit tests and editors; the browser loads the .js as is.
export type ParsedProfileRef =
  { ok: true; ref: string; type: string; value: string } | { ok: false; error: string }
export declare function parseProfileRef(input: string): ParsedProfileRef
export declare function encodeProfileRef(ref: string): string
