import { constants, createDeflateRaw, type DeflateRaw } from 'node:zlib'

/** Compresses a batch head into raw deflate ended by a sync flush (see gzip-frame.ts). */
export interface Compressor {
  compress(input: Buffer): Promise<Buffer>
  /** Frees the native state; the compressor is not used again. */
  close(): void
}

// One output chunk holds a typical compressed batch, so a batch takes one trip to the thread
// pool instead of one per 16 KB (the default chunk size).
const OPTIONS = { level: constants.Z_BEST_SPEED, chunkSize: 64 * 1024 }

/**
 * A raw deflate engine kept for many batches, one at a time: each batch is its own deflate
 * stream, ended by a sync flush, after which the engine is reset. A one-shot `deflateRaw` call
 * allocates about 256 KB of zlib state and a 64 KB output buffer for every batch; at
 * N = 1,000,000 in bench/node-sdk up to 15 MB of those buffers were waiting for the GC at once.
 * Here consecutive batches fill the same output buffer, each keeping a view of its part.
 */
export class BatchCompressor implements Compressor {
  #engine: DeflateRaw | undefined
  #chunks: Buffer[] = []
  #busy = false

  compress(input: Buffer): Promise<Buffer> {
    if (this.#busy) return Promise.reject(new Error('the compressor is busy with another batch'))
    this.#busy = true
    const engine = (this.#engine ??= this.#create())
    return new Promise<Buffer>((resolve, reject) => {
      let settled = false
      const fail = (error: Error) => {
        if (settled) return
        settled = true
        this.#discard()
        reject(error)
      }
      engine.once('error', fail)
      engine.write(input)
      engine.flush(constants.Z_SYNC_FLUSH, (error?: Error | null) => {
        engine.off('error', fail)
        if (error) return fail(error)
        if (settled) return
        settled = true
        // In flowing mode a write's output is emitted as 'data' before the write's callback runs.
        const chunks = this.#chunks
        this.#chunks = []
        engine.reset()
        this.#busy = false
        resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks))
      })
    })
  }

  close(): void {
    this.#discard()
  }

  #create(): DeflateRaw {
    const engine = createDeflateRaw(OPTIONS)
    engine.on('data', (chunk: Buffer) => this.#chunks.push(chunk))
    return engine
  }

  #discard(): void {
    this.#engine?.removeAllListeners('data')
    this.#engine?.on('error', () => {})
    this.#engine?.close()
    this.#engine = undefined
    this.#chunks = []
    this.#busy = false
  }
}
