// Types for channels.js, for the unit tests and editors; the browser loads the .js as is.
export declare const CHANNELS: Record<string, { label: string; color: string }>
export declare function channelStyle(channel: string | null | undefined): {
  key: string
  label: string
  color: string
}
