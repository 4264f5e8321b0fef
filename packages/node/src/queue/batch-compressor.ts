import { constants, createDeflateRaw, type DeflateRaw } from 'node:zlib'

/** Compresses a batch head into raw deflate ended by a sync flush (see gzip-frame.ts). */
export interface Compressor {
  compress(input: Buffer): Promise<Buffer>
  /** Frees the native state; a batch being compressed is rejected. */
  close(): void
}

// One output chunk holds a typical compressed batch, so a batch usually takes one trip to the
// thread pool instead of one per 16 KB (the default chunk size); one that reaches the end of
// the buffer takes two.
export const DEFLATE_OPTIONS = { level: constants.Z_BEST_SPEED, chunkSize: 64 * 1024 }

/**
 * A raw deflate engine kept for many batches, one at a time: each batch is its own deflate
 * stream, ended by a sync flush, after which the engine is reset. A one-shot `deflateRaw` call
 * allocates about 256 KB of zlib state and a 64 KB output buffer for every batch; at
 * N = 1,000,000 in bench/node-sdk up to 15 MB of those buffers were waiting for the GC at once.
 * Here consecutive batches fill the same output buffer, each keeping a view of its part (so a
 * 64 KB buffer lives as long as any batch in it waits).
 */
export class BatchCompressor implements Compressor {
  #engine: DeflateRaw | undefined
  #chunks: Buffer[] = []
  /** Settles the batch being compressed with an error; set while one is. */
  #abandon: ((error: Error) => void) | undefined

  compress(input: Buffer): Promise<Buffer> {
    if (this.#abandon) return Promise.reject(new Error('the compressor is busy with another batch'))
    const engine = (this.#engine ??= this.#create())
    return new Promise<Buffer>((resolve, reject) => {
      const settle = () => {
        engine.off('error', fail)
        this.#abandon = undefined
      }
      const fail = (error: Error) => {
        settle()
        this.#discard(engine)
        reject(error)
      }
      this.#abandon = fail
      engine.once('error', fail)
      engine.write(input)
      engine.flush(constants.Z_SYNC_FLUSH, (error?: Error | null) => {
        // Closed or failed meanwhile: that path has settled the promise already.
        if (this.#engine !== engine || this.#abandon !== fail) return
        if (error) return fail(error)
        settle()
        // In flowing mode a write's output is emitted as 'data' before the write's callback runs.
        const chunks = this.#chunks
        this.#chunks = []
        engine.reset()
        resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks))
      })
    })
  }

  /** Frees the engine; a batch being compressed is rejected. The next call starts a new engine. */
  close(): void {
    if (this.#abandon) this.#abandon(new Error('the compressor was closed'))
    else if (this.#engine) this.#discard(this.#engine)
  }

  #create(): DeflateRaw {
    const engine = createDeflateRaw(DEFLATE_OPTIONS)
    engine.on('data', (chunk: Buffer) => this.#chunks.push(chunk))
    return engine
  }

  #discard(engine: DeflateRaw): void {
    engine.removeAllListeners('data')
    engine.on('error', () => {})
    engine.close()
    if (this.#engine !== engine) return
    this.#engine = undefined
    this.#chunks = []
  }
}
