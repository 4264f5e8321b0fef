// Tells which workspace cards are on screen, so charts load when seen and refresh only then.

/**
 * Watches elements; `onFirstVisible` runs once when an element first scrolls into view.
 * @param {(element: Element) => void} onFirstVisible
 */
export function createVisibilityTracker(onFirstVisible) {
  const visible = new Set()
  const seen = new Set()
  const observer = new IntersectionObserver((entries) => {
    for (const entry of entries) {
      if (entry.isIntersecting) {
        visible.add(entry.target)
        if (!seen.has(entry.target)) {
          seen.add(entry.target)
          onFirstVisible(entry.target)
        }
      } else visible.delete(entry.target)
    }
  })
  return {
    /** @param {Element} element */
    watch: (element) => observer.observe(element),
    /** @param {Element} element */
    isVisible: (element) => visible.has(element),
  }
}
