/** The tables derived from the raw log, which a rebuild clears (the same in every store). */
export const DERIVED_TABLES = [
  'projection_state',
  'profiles',
  'profile_identifiers',
  'profile_messages',
  'identity_events',
] as const
