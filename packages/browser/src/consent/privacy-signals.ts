/** True when the browser asks not to be tracked through the signals the options honor. */
export function hasOptOutSignal(honorGpc: boolean, honorDnt: boolean): boolean {
  const nav = navigator as Navigator & { globalPrivacyControl?: boolean }
  const w = window as Window & { doNotTrack?: string }
  if (honorGpc && nav.globalPrivacyControl === true) return true
  return honorDnt && (nav.doNotTrack === '1' || w.doNotTrack === '1')
}
