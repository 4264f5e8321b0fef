import type { Emitter } from './emitter'

/** In debug mode, reports the SDK's events on the console; the only place the SDK logs. */
export function attachConsole(emitter: Emitter): void {
  emitter.on('error', (e) => console.error('[itinera]', e.message, e))
  for (const [event, level] of [
    ['warning', 'warn'],
    ['rejected', 'warn'],
    ['evicted', 'warn'],
    ['retry', 'info'],
    ['delivered', 'info'],
  ] as const) {
    emitter.on(event, (...args: unknown[]) => console[level]('[itinera]', event, ...args))
  }
}
