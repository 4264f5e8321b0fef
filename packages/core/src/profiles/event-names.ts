/** Whitespace, `_`, `-` and `.`: the separators of `Order Completed`, `order_completed`, … */
const SEPARATORS = /[\s_.-]+/g

/**
 * The form in which matchers compare event, page and screen names: lower case, without
 * whitespace, `_`, `-` or `.`. `Order Completed`, `order_completed`, `orderCompleted`,
 * `OrderCompleted` and `ORDER-COMPLETED` all read `ordercompleted`, so case, separators and
 * camelCase boundaries never matter. Other characters (digits, accents, other scripts) are kept,
 * so non-ASCII names still match only themselves (up to case and separators). A name made only of
 * separators is its own canonical form.
 *
 * @example
 * canonicalEventName('Order Completed') === canonicalEventName('orderCompleted') // true
 * @see docs/journeys.md#rules
 */
export function canonicalEventName(name: string): string {
  const canonical = name.replace(SEPARATORS, '').toLowerCase()
  return canonical === '' ? name : canonical
}

/** Whether a name equals one of a list of names by {@link canonicalEventName}. */
export type EventNameTest = (name: string) => boolean

// Enough for every event name of a real tracking plan; page names carrying ids have no bound.
const MAX_REMEMBERED = 4096

/** `answer` with the results for the names seen remembered, up to 4096 names. */
function rememberedPerName<T>(answer: (name: string) => T): (name: string) => T {
  const remembered = new Map<string, T>()
  return (name) => {
    let known = remembered.get(name)
    if (known === undefined) {
      known = answer(name)
      if (remembered.size >= MAX_REMEMBERED) remembered.clear()
      remembered.set(name, known)
    }
    return known
  }
}

/**
 * Compiles a list of names into a test by canonical form. The canonical forms of `names` are
 * computed once; the answer for each name seen is remembered (up to 4096 names), so a timeline
 * pays one map lookup per entry.
 */
export function createEventNameTest(names: readonly string[]): EventNameTest {
  const canonical = new Set(names.map(canonicalEventName))
  return rememberedPerName((name) => canonical.has(canonicalEventName(name)))
}

/**
 * {@link canonicalEventName} with the answers for the names seen remembered (up to 4096 names),
 * for code that groups many entries by name.
 */
export function createCanonicalizer(): (name: string) => string {
  return rememberedPerName(canonicalEventName)
}
