/** @module @itinera/browser */
export const VERSION = '0.1.0'
