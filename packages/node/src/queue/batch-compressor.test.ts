import { randomBytes } from 'node:crypto'
import { constants, inflateRawSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { BatchCompressor } from './batch-compressor.js'

const inflate = (deflated: Buffer) =>
  inflateRawSync(deflated, { finishFlush: constants.Z_SYNC_FLUSH })

describe('BatchCompressor', () => {
  it('compresses each input as its own deflate stream, however many it has done before', async () => {
    const compressor = new BatchCompressor()
    const inputs = [
      Buffer.from('{"batch":[{"event":"Order Completed"}'.repeat(400)),
      randomBytes(300 * 1024), // incompressible: several output chunks
      Buffer.from('x'),
      Buffer.from('{"batch":[{"event":"Signed Up"}'.repeat(2000)),
    ]
    const outputs: Buffer[] = []
    for (const input of inputs) outputs.push(await compressor.compress(input))
    // Outputs stay intact while later batches are compressed (they may share a buffer).
    outputs.forEach((output, index) => expect(inflate(output)).toEqual(inputs[index]))
    expect(outputs[0]?.length).toBeLessThan((inputs[0]?.length ?? 0) / 10)
    compressor.close()
  })

  it('refuses a second batch while one is being compressed', async () => {
    const compressor = new BatchCompressor()
    const first = compressor.compress(Buffer.from('a'.repeat(10_000)))
    await expect(compressor.compress(Buffer.from('b'))).rejects.toThrow(/busy/)
    expect(inflate(await first).toString()).toBe('a'.repeat(10_000))
    compressor.close()
  })

  it('rejects the batch being compressed when closed, and works again afterwards', async () => {
    const compressor = new BatchCompressor()
    const pending = compressor.compress(Buffer.from('a'.repeat(100_000)))
    compressor.close()
    await expect(pending).rejects.toThrow(/closed/)
    const next = compressor.compress(Buffer.from('after close'))
    // The closed engine's own callback, if it still runs, must not disturb the new batch.
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(inflate(await next).toString()).toBe('after close')
    compressor.close()
  })

  it('starts a fresh engine after close', async () => {
    const compressor = new BatchCompressor()
    await compressor.compress(Buffer.from('first'))
    compressor.close()
    expect(inflate(await compressor.compress(Buffer.from('second'))).toString()).toBe('second')
    compressor.close()
  })
})
