import type { IncomingMessage } from 'node:http'
import { gunzip } from 'node:zlib'
import { HttpError } from './http-error.js'

/** Options for {@link readBody}. */
export interface ReadBodyOptions {
  /** Largest body in bytes, after decompression. */
  maxBytes: number
}

const tooLarge = (maxBytes: number) =>
  new HttpError(
    413,
    'payload_too_large',
    `request body is larger than ${maxBytes} bytes; split it into smaller batches`,
    // The rest of the body is not read: close the connection once the answer is sent.
    { connection: 'close' },
  )

/**
 * Decompresses a gzip body, refusing more than `maxBytes` of output with a 413 (it stops
 * inflating there, so a small bomb costs no memory) and a corrupt stream with a 400.
 */
export function gunzipLimited(data: Buffer, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    gunzip(data, { maxOutputLength: maxBytes + 1 }, (error, result) => {
      if (error) {
        const code = (error as NodeJS.ErrnoException).code
        reject(
          code === 'ERR_BUFFER_TOO_LARGE'
            ? tooLarge(maxBytes)
            : new HttpError(400, 'invalid_gzip', 'the gzip request body could not be decompressed'),
        )
      } else if (result.length > maxBytes) reject(tooLarge(maxBytes))
      else resolve(result)
    })
  })
}

/** Reads the whole body (gzip or identity), refusing more than `maxBytes` with a 413. */
export function readBody(req: IncomingMessage, options: ReadBodyOptions): Promise<Buffer> {
  const { maxBytes } = options
  const encoding = String(req.headers['content-encoding'] ?? 'identity')
    .toLowerCase()
    .trim()
  if (encoding !== 'identity' && encoding !== 'gzip' && encoding !== '') {
    req.resume()
    return Promise.reject(
      new HttpError(
        415,
        'unsupported_encoding',
        `content-encoding "${encoding}" is not supported; send gzip or no encoding`,
      ),
    )
  }
  const declared = Number(req.headers['content-length'])
  if (Number.isFinite(declared) && declared > maxBytes) {
    req.resume()
    return Promise.reject(tooLarge(maxBytes))
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    let failed = false
    const onData = (chunk: Buffer) => {
      size += chunk.length
      if (size <= maxBytes) chunks.push(chunk)
      else if (!failed) {
        // Keep draining (not destroying) the request so the 413 reaches the client.
        failed = true
        chunks.length = 0
        reject(tooLarge(maxBytes))
      }
    }
    req.on('data', onData)
    req.once('error', () => {
      if (!failed) reject(new HttpError(400, 'aborted', 'the request body was not received'))
      failed = true
    })
    req.once('end', () => {
      if (failed) return
      const data = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size)
      if (encoding === 'gzip') gunzipLimited(data, maxBytes).then(resolve, reject)
      else resolve(data)
    })
  })
}

/** Parses a JSON body, answering 400 with a clear message when it is malformed. */
export function parseJson(data: Buffer): unknown {
  if (data.length === 0)
    throw new HttpError(400, 'invalid_json', 'the request body is empty; send a JSON object')
  try {
    return JSON.parse(data.toString('utf8')) as unknown
  } catch {
    throw new HttpError(400, 'invalid_json', 'the request body is not valid JSON')
  }
}
