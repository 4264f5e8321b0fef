import type { AnalyticsEventName, AnalyticsEvents } from './types'

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the public signature is typed per event
type Handler = (...args: any[]) => void

/** A typed event emitter whose failing listeners never reach the emitter's caller. */
export interface Emitter {
  on<E extends AnalyticsEventName>(
    event: E,
    handler: (...args: AnalyticsEvents[E]) => void,
  ): () => void
  emit<E extends AnalyticsEventName>(event: E, ...args: AnalyticsEvents[E]): void
}

/** Creates an {@link Emitter}. */
export function createEmitter(): Emitter {
  const map = new Map<string, Set<Handler>>()
  return {
    on(event, handler) {
      const set = map.get(event) ?? new Set<Handler>()
      map.set(event, set.add(handler as Handler))
      return () => void set.delete(handler as Handler)
    },
    emit(event, ...args) {
      for (const handler of map.get(event) ?? []) {
        try {
          handler(...args)
        } catch {
          // A listener's failure is the host page's bug; it must not break delivery.
        }
      }
    },
  }
}
