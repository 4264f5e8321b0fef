import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { Analytics } from '@itinera/node'

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  const text = Buffer.concat(chunks).toString('utf8')
  const value: unknown = text ? JSON.parse(text) : {}
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {}
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' })
  res.end(JSON.stringify(body))
}

/**
 * The example API: `POST /signup` and `POST /orders` record server-side events. Tracking never
 * blocks or fails a request: the SDK queues the call and reports problems on its `error` event.
 */
export function createApp(analytics: Analytics): Server {
  return createServer((req, res) => {
    void handle(req, res).catch(() => reply(res, 400, { error: 'invalid JSON body' }))
  })

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method === 'GET' && req.url === '/health') return reply(res, 200, { ok: true })
    if (req.method !== 'POST') return reply(res, 404, { error: 'not found' })
    const body = await readJson(req)
    const userId = typeof body.userId === 'string' ? body.userId : undefined
    if (!userId) return reply(res, 400, { error: 'userId is required' })
    if (req.url === '/signup') {
      analytics.identify({ userId, traits: { email: body.email, plan: body.plan } })
      analytics.track({ userId, event: 'Signed Up', properties: { plan: body.plan } })
      return reply(res, 201, { userId })
    }
    if (req.url === '/orders') {
      const orderId = String(body.orderId ?? '')
      analytics.track({
        userId,
        event: 'Order Completed',
        // A stable messageId lets the collector drop a duplicate if the client retries the order.
        messageId: orderId ? `order-${orderId}` : undefined,
        properties: { orderId, total: body.total, currency: body.currency ?? 'EUR' },
      })
      return reply(res, 201, { orderId })
    }
    return reply(res, 404, { error: 'not found' })
  }
}
