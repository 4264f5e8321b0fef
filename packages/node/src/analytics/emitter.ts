// Listeners are stored untyped; on() and emit() keep the event/arguments pairing typed.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- variance: listeners of every event share one store
type Listener = (...args: any[]) => void

/**
 * A small typed event emitter. Unlike Node's EventEmitter, emitting `error` with no listener is
 * a no-op: a delivery failure must never crash the host. A throwing listener does not stop the
 * others; its exception is rethrown on the next tick, where the host's handlers see it.
 */
export class Emitter<Events extends { [K in keyof Events]: unknown[] }> {
  readonly #listeners = new Map<keyof Events, Set<Listener>>()

  /** Adds a listener; returns a function that removes it. */
  on<K extends keyof Events>(event: K, listener: (...args: Events[K]) => void): () => void {
    let set = this.#listeners.get(event)
    if (!set) this.#listeners.set(event, (set = new Set()))
    set.add(listener as Listener)
    return () => this.off(event, listener)
  }

  /** Adds a listener that runs once. */
  once<K extends keyof Events>(event: K, listener: (...args: Events[K]) => void): () => void {
    const off = this.on(event, (...args) => {
      off()
      listener(...args)
    })
    return off
  }

  /** Removes a listener added with {@link Emitter.on}. */
  off<K extends keyof Events>(event: K, listener: (...args: Events[K]) => void): void {
    this.#listeners.get(event)?.delete(listener as Listener)
  }

  /** Number of listeners of an event. */
  listenerCount(event: keyof Events): number {
    return this.#listeners.get(event)?.size ?? 0
  }

  protected emit<K extends keyof Events>(event: K, ...args: Events[K]): void {
    const set = this.#listeners.get(event)
    if (!set || set.size === 0) return
    for (const listener of [...set]) {
      try {
        listener(...args)
      } catch (error) {
        process.nextTick(() => {
          throw error
        })
      }
    }
  }
}
