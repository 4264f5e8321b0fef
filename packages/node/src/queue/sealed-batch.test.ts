import { gunzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { BatchCompressor } from './batch-compressor.js'
import { MessageQueue } from './message-queue.js'
import { readMessageIds, requestBody, sealBatch } from './sealed-batch.js'

function takeBatch(ids: string[]) {
  const queue = new MessageQueue()
  for (const messageId of ids) {
    queue.write({ messageId, text: 'Zoë 😀' }, 32 * 1024)
    queue.commit()
  }
  return { queue, batch: queue.drain() }
}

const TAIL = '],"sentAt":"2024-05-01T10:00:00.000Z"}'

describe('sealBatch', () => {
  it.each([true, false])('builds the request body with gzip %s', async (gzip) => {
    const { queue, batch } = takeBatch(['a', 'b', 'c'])
    const sealed = sealBatch(batch, gzip ? new BatchCompressor() : undefined, Buffer.alloc(1024))
    queue.settle(batch)
    const body = Buffer.concat(requestBody(await sealed, TAIL))
    const text = (gzip ? gunzipSync(body) : body).toString()
    expect(JSON.parse(text)).toEqual({
      batch: ['a', 'b', 'c'].map((messageId) => ({ messageId, text: 'Zoë 😀' })),
      sentAt: '2024-05-01T10:00:00.000Z',
    })
  })

  it('keeps the messages readable after their slab is reused', async () => {
    const { queue, batch } = takeBatch(['a', 'b', 'c'])
    const slab = batch.chunks[0]?.slab.buffer
    const sealed = sealBatch(batch, new BatchCompressor(), Buffer.alloc(16))
    queue.settle(batch)
    slab?.fill(0x20)
    expect(readMessageIds(await sealed)).toEqual(['a', 'b', 'c'])
    expect(readMessageIds(await sealed, [2, 0])).toEqual(['c', 'a'])
  })
})
