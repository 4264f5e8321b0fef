import { describe, expect, it } from 'vitest'
import { MessageQueue, type TakenBatch } from './message-queue.js'
import { readMessageIds } from './sealed-batch.js'
import { SLAB_BYTES } from './slab.js'

const message = (id: string, pad = 0) => ({ messageId: id, pad: 'x'.repeat(pad) })
const json = (id: string, pad = 0) => JSON.stringify(message(id, pad))
const push = (queue: MessageQueue, id: string, pad = 0) => {
  queue.write(message(id, pad), 32 * 1024)
  return queue.commit()
}
const ids = (batch: TakenBatch) => readMessageIds(batch)

describe('MessageQueue', () => {
  it('numbers messages in call order and keeps count and byte totals', () => {
    const queue = new MessageQueue()
    expect([push(queue, 'a'), push(queue, 'b')]).toEqual([0, 1])
    expect([queue.count, queue.bytes, queue.headSeq, queue.nextSeq]).toEqual([
      2,
      2 * json('a').length,
      0,
      2,
    ])
  })

  it('takes the oldest messages up to a count and reads them back', () => {
    const queue = new MessageQueue()
    for (const id of ['a', 'b', 'c']) push(queue, id)
    const batch = queue.take(2, 1000)
    expect(batch.firstSeq).toBe(0)
    expect(ids(batch)).toEqual(['a', 'b'])
    expect(readMessageIds(batch, [1])).toEqual(['b'])
    expect([queue.count, queue.headSeq]).toEqual([1, 2])
  })

  it('stops before the byte budget counting one separator per message', () => {
    const queue = new MessageQueue()
    for (const id of ['a', 'b', 'c']) push(queue, id)
    const size = json('a').length
    expect(queue.take(10, 2 * size + 1).count).toBe(1)
    expect(queue.take(10, 2 * size + 2).count).toBe(2)
  })

  it('takes one message even when it alone exceeds the budget', () => {
    const queue = new MessageQueue()
    push(queue, 'big', 100)
    expect(queue.take(10, 5).count).toBe(1)
  })

  it('keeps order and content across slabs and many takes', () => {
    const queue = new MessageQueue()
    const n = Math.ceil((3 * SLAB_BYTES) / 1000)
    for (let i = 0; i < n; i++) push(queue, String(i), 980)
    let taken = 0
    while (queue.count > 0) {
      const batch = queue.take(7, 100_000)
      expect(batch.firstSeq).toBe(taken)
      expect(ids(batch)).toEqual(Array.from({ length: batch.count }, (_, k) => String(taken + k)))
      taken += batch.count
      queue.settle(batch)
    }
    expect([taken, queue.bytes, queue.headSeq]).toEqual([n, 0, n])
  })

  it('keeps call order when the queue grows while it wraps around', () => {
    const queue = new MessageQueue()
    for (let i = 0; i < 1000; i++) push(queue, String(i))
    expect(queue.take(900, Number.POSITIVE_INFINITY).count).toBe(900)
    for (let i = 1000; i < 3000; i++) push(queue, String(i))
    const rest = queue.drain()
    expect(rest.firstSeq).toBe(900)
    expect(ids(rest)).toEqual(Array.from({ length: 2100 }, (_, k) => String(900 + k)))
  })

  it('reuses settled slabs instead of allocating new ones', () => {
    const queue = new MessageQueue()
    const seen = new Set<Buffer>()
    for (let round = 0; round < 10; round++) {
      for (let i = 0; i < 2000; i++) push(queue, `${round}-${i}`, 980)
      const batch = queue.drain()
      for (const chunk of batch.chunks) seen.add(chunk.slab.buffer)
      queue.settle(batch)
    }
    // 10 rounds of about 2 MB each would need about 20 slabs without reuse.
    expect(seen.size).toBeLessThan(8)
  })

  it('refuses a message larger than maxBytes and queues nothing for it', () => {
    const queue = new MessageQueue()
    expect(queue.write(message('big', 100), 50)).toBe(-1)
    expect(() => queue.commit()).toThrow()
    push(queue, 'a')
    expect(ids(queue.drain())).toEqual(['a'])
  })

  it('queues nothing when serializing throws', () => {
    const queue = new MessageQueue()
    expect(() => queue.write({ n: 1n }, 1000)).toThrow(TypeError)
    expect(() => queue.commit()).toThrow()
    expect(queue.count).toBe(0)
  })

  it('empties itself on drain', () => {
    const queue = new MessageQueue()
    push(queue, 'a')
    push(queue, 'b')
    expect(queue.drain().count).toBe(2)
    expect(queue.count).toBe(0)
  })
})
