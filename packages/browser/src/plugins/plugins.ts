import { ItineraError } from '@itinera/core'
import type { Emitter } from '../emitter'
import type { Analytics, BrowserMessage, Plugin } from '../types'

/** Runs enrichment and destination plugins, isolating any that fail. */
export interface PluginHost {
  add(plugin: Plugin, analytics: Analytics): Promise<void>
  enrich(message: BrowserMessage): Promise<BrowserMessage | null>
  deliver(message: BrowserMessage, granted: (categories: string[]) => boolean): void
}

/** Creates the plugin host. */
export function createPluginHost(emitter: Emitter): PluginHost {
  let list: Plugin[] = []
  const isolate = (plugin: Plugin, error: unknown) => {
    list = list.filter((p) => p !== plugin)
    emitter.emit(
      'error',
      new ItineraError('internal', `plugin "${plugin.name}" failed and was removed`, {
        cause: error,
      }),
    )
  }
  const hookOf = (p: Plugin, m: BrowserMessage) => p[m.type] ?? p.message
  return {
    async add(plugin, analytics) {
      list.push(plugin)
      try {
        await plugin.load?.(analytics)
      } catch (error) {
        isolate(plugin, error)
      }
    },
    async enrich(message) {
      let current: BrowserMessage = message
      for (const p of list) {
        const hook = p.type === 'enrichment' && hookOf(p, current)
        if (!hook) continue
        try {
          const result = (await hook.call(p, current)) as BrowserMessage | null | undefined
          if (result === null) return null
          if (result) current = result
        } catch (error) {
          isolate(p, error)
        }
      }
      return current
    },
    deliver(message, granted) {
      for (const p of list) {
        const hook = p.type === 'destination' && hookOf(p, message)
        if (!hook || !granted(p.consent ?? [])) continue
        try {
          const result = hook.call(p, message) as Promise<unknown> | undefined
          if (result && typeof result.then === 'function')
            result.then(undefined, (e) => isolate(p, e))
        } catch (error) {
          isolate(p, error)
        }
      }
    },
  }
}
