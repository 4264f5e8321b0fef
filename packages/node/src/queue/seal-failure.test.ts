import { describe, expect, it } from 'vitest'
import type { Compressor } from './batch-compressor.js'
import { MessageQueue } from './message-queue.js'
import { SealError, readMessageIds, sealBatch } from './sealed-batch.js'

// Compression that fails, as zlib does when it runs out of memory.
const failing: Compressor = {
  compress: () => Promise.reject(new Error('out of memory')),
  close: () => {},
}

describe('sealBatch when compression fails', () => {
  it('rejects with the batch uncompressed, readable after its slabs and scratch are reused', async () => {
    const queue = new MessageQueue()
    for (const messageId of ['a', 'b', 'c']) {
      queue.write({ messageId }, 32 * 1024)
      queue.commit()
    }
    const batch = queue.drain()
    const slab = batch.chunks[0]?.slab.buffer
    const scratch = Buffer.alloc(1024)
    const sealed = sealBatch(batch, failing, scratch)
    queue.settle(batch)
    slab?.fill(0x20)
    const error = await sealed.catch((failure: unknown) => failure)
    scratch.fill(0x20)
    expect(error).toBeInstanceOf(SealError)
    expect((error as SealError).message).toBe('could not compress the batch: Error: out of memory')
    expect(readMessageIds((error as SealError).uncompressed)).toEqual(['a', 'b', 'c'])
  })
})
