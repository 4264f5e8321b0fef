import type { Emitter } from './emitter'

/** In debug mode, reports the SDK's events on the console; the only place the SDK logs. */
export function attachConsole(emitter: Emitter): void {
  const log =
    (level: 'error' | 'warn' | 'info', what: string) =>
    (...args: unknown[]) =>
      console[level]('[itinera]', what, ...args)
  emitter.on('error', (e) => console.error('[itinera]', e.message, e))
  emitter.on('warning', log('warn', 'warning'))
  emitter.on('rejected', log('warn', 'rejected'))
  emitter.on('evicted', log('warn', 'evicted'))
  emitter.on('retry', log('info', 'retry'))
  emitter.on('delivered', log('info', 'delivered'))
}
