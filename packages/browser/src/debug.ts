import type { Emitter } from './emitter'

/** In debug mode, reports the SDK's events on the console; the only place the SDK logs. */
export function attachConsole(emitter: Emitter): void {
  const tag = '[itinera]'
  emitter.on('error', (e) => console.error(tag, e.message, e))
  emitter.on('warning', (m) => console.warn(tag, m))
  emitter.on('rejected', (r) => console.warn(tag, 'server rejected', r))
  emitter.on('evicted', (m) => console.warn(tag, `outbox full: dropped ${m.length} oldest`))
  emitter.on('retry', (d) =>
    console.info(tag, `retry #${d.attempt} in ${d.delayMs} ms:`, d.error.message),
  )
  emitter.on('delivered', (m) => console.info(tag, `delivered ${m.length}`))
}
