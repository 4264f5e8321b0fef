// Runs a refresh function on an interval while the page is visible and live updates are on.

/**
 * @param {() => Promise<void>} refresh
 * @param {{ intervalMs?: number, onState?: (state: 'live' | 'paused' | 'error') => void }} [options]
 */
export function createPoller(refresh, { intervalMs = 4000, onState = () => {} } = {}) {
  let enabled = false
  let timer = 0
  let running = false

  const schedule = () => {
    clearTimeout(timer)
    if (enabled && document.visibilityState === 'visible') timer = setTimeout(tick, intervalMs)
  }

  async function tick() {
    if (running) return
    running = true
    try {
      await refresh()
      onState('live')
    } catch {
      onState('error')
    } finally {
      running = false
      schedule()
    }
  }

  document.addEventListener('visibilitychange', () => {
    if (enabled && document.visibilityState === 'visible') void tick()
    else schedule()
  })

  return {
    /** @param {boolean} on */
    setEnabled(on) {
      enabled = on
      onState(on ? 'live' : 'paused')
      schedule()
    },
    /** Refreshes now, then keeps the interval. */
    refreshNow: () => tick(),
  }
}
