/** Version of @itinera/node, sent as `context.library.version`. */
export const VERSION = '0.1.0'

/** Library name sent as `context.library.name`. */
export const LIBRARY_NAME = '@itinera/node'
