import http, { type IncomingMessage } from 'node:http'
import https from 'node:https'
import { DeliveryError } from '@itinera/core/wire'
import { LIBRARY_NAME, VERSION } from '../version.js'

// Error bodies are small JSON; never buffer an unbounded response.
const MAX_RESPONSE_BYTES = 1024 * 1024

/** What the transport needs to reach the collector. */
export interface HttpTransportOptions {
  url: URL
  /** Value of the Authorization header. */
  authorization: string
  /** Whether bodies arrive gzipped (the delivery queue compresses them); sets Content-Encoding. */
  gzip: boolean
  /** Per-request timeout in milliseconds. */
  timeout: number
  /** Sockets kept open at once. */
  maxSockets: number
}

/** A response of the collector. */
export interface TransportResponse {
  status: number
  body: string
  retryAfter: string | null
}

/**
 * Sends request bodies as given, written part after part; `close()` destroys pooled sockets so
 * nothing keeps the process alive.
 */
export interface Transport {
  send(body: readonly Buffer[], signal: AbortSignal): Promise<TransportResponse>
  close(): void
}

/**
 * A keep-alive HTTP(S) transport with a bounded socket pool and a per-request timeout. Network
 * failures and timeouts reject with a retryable DeliveryError.
 */
export function createHttpTransport(options: HttpTransportOptions): Transport {
  const secure = options.url.protocol === 'https:'
  const agentOptions = {
    keepAlive: true,
    maxSockets: options.maxSockets,
    scheduling: 'lifo' as const,
  }
  const agent = secure ? new https.Agent(agentOptions) : new http.Agent(agentOptions)

  async function send(body: readonly Buffer[], signal: AbortSignal): Promise<TransportResponse> {
    signal.throwIfAborted()
    let length = 0
    for (const part of body) length += part.length
    return new Promise<TransportResponse>((resolve, reject) => {
      const headers: Record<string, string | number> = {
        'content-type': 'application/json',
        'content-length': length,
        authorization: options.authorization,
        'user-agent': `${LIBRARY_NAME}/${VERSION}`,
      }
      if (options.gzip) headers['content-encoding'] = 'gzip'
      let timedOut = false
      const fail = (error: Error) => {
        clearTimeout(timer)
        reject(toDeliveryError(error, timedOut, options.timeout))
      }
      // Looked up per call (not bound at import) so request interceptors such as msw apply.
      const req = (secure ? https : http).request(
        options.url,
        { method: 'POST', agent, headers, signal },
        (res: IncomingMessage) => {
          const chunks: Buffer[] = []
          let size = 0
          res.on('data', (chunk: Buffer) => {
            size += chunk.length
            if (size <= MAX_RESPONSE_BYTES) chunks.push(chunk)
          })
          res.on('error', fail)
          res.on('end', () => {
            clearTimeout(timer)
            const retryAfter = res.headers['retry-after']
            resolve({
              status: res.statusCode ?? 0,
              body: Buffer.concat(chunks).toString('utf8'),
              retryAfter: Array.isArray(retryAfter)
                ? (retryAfter[0] ?? null)
                : (retryAfter ?? null),
            })
          })
        },
      )
      // A plain timer cleared with the response, not AbortSignal.timeout: those live until they
      // fire, so every request kept its signal and timer for `timeout` ms (bench/node-sdk).
      const timer = setTimeout(() => {
        timedOut = true
        req.destroy(new Error('timeout'))
      }, options.timeout)
      timer.unref()
      req.on('error', fail)
      // Corked, the parts leave together; end() uncorks.
      req.cork()
      for (const part of body) req.write(part)
      req.end()
    })
  }

  return { send, close: () => agent.destroy() }
}

function toDeliveryError(error: Error, timedOut: boolean, ms: number): DeliveryError {
  if (timedOut) {
    return new DeliveryError(
      `request timed out after ${ms} ms`,
      { retryable: true },
      { cause: error },
    )
  }
  return new DeliveryError(
    `request failed: ${error.message}`,
    { retryable: true },
    { cause: error },
  )
}
