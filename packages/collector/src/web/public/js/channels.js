// Channel names, colours and labels; colours pass 3:1 contrast against the light card background.

/** @type {Record<string, { label: string, color: string }>} */
export const CHANNELS = {
  web: { label: 'Web', color: '#2563eb' },
  mobile: { label: 'Mobile', color: '#7c3aed' },
  server: { label: 'Server', color: '#0f766e' },
  email: { label: 'Email', color: '#c2410c' },
  pos: { label: 'Store', color: '#b91c1c' },
  store: { label: 'Store', color: '#b91c1c' },
  other: { label: 'Other', color: '#4b5563' },
}

/**
 * The display label and colour of a channel; unknown channels fall back to `other`.
 * @param {string | null | undefined} channel
 * @returns {{ key: string, label: string, color: string }}
 */
export function channelStyle(channel) {
  const key = channel && CHANNELS[channel] ? channel : 'other'
  const style = CHANNELS[key] ?? { label: 'Other', color: '#4b5563' }
  return { key, label: channel && !CHANNELS[channel] ? channel : style.label, color: style.color }
}
