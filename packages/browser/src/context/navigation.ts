/** Calls `onChange` when a single-page app changes path or query (pushState, replaceState, popstate). */
export function watchNavigation(onChange: () => void): void {
  let last = location.pathname + location.search
  const check = () => {
    const now = location.pathname + location.search
    if (now === last) return
    last = now
    onChange()
  }
  for (const method of ['pushState', 'replaceState'] as const) {
    const original = history[method]
    history[method] = function (this: History, ...args: Parameters<History['pushState']>) {
      original.apply(this, args)
      check()
    }
  }
  window.addEventListener('popstate', check)
}
