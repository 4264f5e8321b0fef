import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { gunzipSync } from 'node:zlib'
import { closeNow, listenOnLoopback } from '@itinera/test-utils/loopback'

/** A request the sink received, decoded. */
export interface SinkRequest {
  headers: IncomingMessage['headers']
  body: { batch: Record<string, unknown>[]; context?: Record<string, unknown>; sentAt?: string }
  compressedBytes: number
}

/** Decides the answer to a request; return undefined for 200. */
export type SinkFault = (
  request: SinkRequest,
  index: number,
) => { status: number; body?: unknown; headers?: Record<string, string> } | 'hang' | undefined

/** A loopback collector stand-in that records what it acknowledged, by messageId. */
export interface LoopbackSink {
  url: string
  requests: SinkRequest[]
  /** messageId → times acknowledged. */
  acknowledged: Map<string, number>
  setFault(fault: SinkFault | undefined): void
  close(): Promise<void>
}

/** Starts a sink on 127.0.0.1 with a random port. */
export async function startLoopbackSink(): Promise<LoopbackSink> {
  let fault: SinkFault | undefined
  const requests: SinkRequest[] = []
  const acknowledged = new Map<string, number>()
  const hanging = new Set<ServerResponse>()
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const raw = Buffer.concat(chunks)
      const text = (req.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw).toString()
      const request: SinkRequest = {
        headers: req.headers,
        body: JSON.parse(text) as SinkRequest['body'],
        compressedBytes: raw.length,
      }
      requests.push(request)
      const answer = fault?.(request, requests.length - 1)
      if (answer === 'hang') {
        hanging.add(res)
        return
      }
      const status = answer?.status ?? 200
      if (status === 200) {
        for (const message of request.body.batch) {
          const id = String(message.messageId)
          acknowledged.set(id, (acknowledged.get(id) ?? 0) + 1)
        }
      }
      res.writeHead(status, { 'content-type': 'application/json', ...answer?.headers })
      res.end(JSON.stringify(answer?.body ?? { success: true }))
    })
  })
  const port = await listenOnLoopback(server)
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    acknowledged,
    setFault: (next) => {
      fault = next
    },
    close: () => {
      for (const res of hanging) res.destroy()
      return closeNow(server)
    },
  }
}
