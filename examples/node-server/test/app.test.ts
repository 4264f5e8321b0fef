import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { gunzipSync } from 'node:zlib'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { Analytics } from '@itinera/node'
import { createApp } from '../src/app.js'

interface Received {
  type: string
  userId: string
  event?: string
  messageId: string
}

/** A stand-in collector that records every message it receives. */
async function startCollector() {
  const messages: Received[] = []
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const body = JSON.parse(gunzipSync(Buffer.concat(chunks)).toString()) as { batch: Received[] }
      messages.push(...body.batch)
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"success":true}')
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { server, messages, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }
}

const close = (server: Server) => new Promise((resolve) => server.close(resolve))

describe('example node server', () => {
  let collector: Awaited<ReturnType<typeof startCollector>>
  let analytics: Analytics
  let app: Server
  let base: string

  beforeEach(async () => {
    collector = await startCollector()
    analytics = new Analytics({ writeKey: 'wk_example', host: collector.url })
    app = createApp(analytics)
    await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve))
    base = `http://127.0.0.1:${(app.address() as AddressInfo).port}`
  })

  afterEach(async () => {
    await close(app)
    await analytics.close()
    await close(collector.server)
  })

  it('sends identify and track for a signup and an order once flushed', async () => {
    const post = (path: string, body: unknown) =>
      fetch(`${base}${path}`, { method: 'POST', body: JSON.stringify(body) })
    expect(
      (await post('/signup', { userId: 'u1', email: 'ana@example.com', plan: 'pro' })).status,
    ).toBe(201)
    expect((await post('/orders', { userId: 'u1', orderId: 'o-9', total: 42 })).status).toBe(201)
    await analytics.flush()
    expect(collector.messages.map((m) => [m.type, m.event, m.userId])).toEqual([
      ['identify', undefined, 'u1'],
      ['track', 'Signed Up', 'u1'],
      ['track', 'Order Completed', 'u1'],
    ])
    expect(collector.messages[2]?.messageId).toBe('order-o-9')
  })

  it('answers 400 without tracking when the request has no userId', async () => {
    const response = await fetch(`${base}/orders`, { method: 'POST', body: '{}' })
    expect(response.status).toBe(400)
    await analytics.flush()
    expect(collector.messages).toEqual([])
  })
})
