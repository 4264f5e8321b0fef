// Starts the example API. ITINERA_WRITE_KEY and ITINERA_HOST point it at a collector.
import { once } from 'node:events'
import { Analytics } from '@itinera/node'
import { createApp } from './app.js'

const analytics = new Analytics({
  writeKey: process.env.ITINERA_WRITE_KEY ?? 'wk_demo',
  host: process.env.ITINERA_HOST ?? 'http://127.0.0.1:8787',
})
analytics.on('error', (error) => console.error(`itinera: ${error.message}`))

const server = createApp(analytics)
server.listen(Number(process.env.PORT ?? 3000))
await once(server, 'listening')
console.log(`example API on http://127.0.0.1:${(server.address() as { port: number }).port}`)

// On shutdown: stop taking requests, then deliver what is queued (at most 5 s), then exit.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    server.close()
    void analytics.close({ timeout: 5000 }).then(() => console.log('events delivered, bye'))
  })
}
