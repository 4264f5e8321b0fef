/** Version of `@itinera/browser`, reported in `context.library.version`. */
export const VERSION = '0.1.0'
