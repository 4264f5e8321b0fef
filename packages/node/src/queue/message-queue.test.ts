import { describe, expect, it } from 'vitest'
import { MessageQueue } from './message-queue.js'

const item = (id: string, bytes = 10) => ({ json: 'x'.repeat(bytes), bytes, messageId: id })

describe('MessageQueue', () => {
  it('numbers messages in call order and keeps count and byte totals', () => {
    const queue = new MessageQueue()
    expect([queue.push(item('a')), queue.push(item('b', 5))]).toEqual([0, 1])
    expect([queue.count, queue.bytes, queue.headSeq, queue.nextSeq]).toEqual([2, 15, 0, 2])
  })

  it('takes the oldest messages up to a count', () => {
    const queue = new MessageQueue()
    for (const id of ['a', 'b', 'c']) queue.push(item(id))
    const batch = queue.take(2, 1000)
    expect(batch.firstSeq).toBe(0)
    expect(batch.items.map((i) => i.messageId)).toEqual(['a', 'b'])
    expect([queue.count, queue.bytes, queue.headSeq]).toEqual([1, 10, 2])
  })

  it('stops before the byte budget counting one separator per message', () => {
    const queue = new MessageQueue()
    for (const id of ['a', 'b', 'c']) queue.push(item(id))
    expect(queue.take(10, 21).items).toHaveLength(1)
    expect(queue.take(10, 22).items).toHaveLength(2)
  })

  it('takes one message even when it alone exceeds the budget', () => {
    const queue = new MessageQueue()
    queue.push(item('big', 100))
    expect(queue.take(10, 5).items).toHaveLength(1)
  })

  it('keeps sequence numbers across many pushes and takes', () => {
    const queue = new MessageQueue()
    for (let i = 0; i < 10_000; i++) queue.push(item(String(i), 1))
    let taken = 0
    while (queue.count > 0) {
      const batch = queue.take(7, 1000)
      expect(batch.firstSeq).toBe(taken)
      expect(batch.items[0]?.messageId).toBe(String(taken))
      taken += batch.items.length
    }
    expect([taken, queue.bytes, queue.headSeq]).toEqual([10_000, 0, 10_000])
  })

  it('empties itself on drain', () => {
    const queue = new MessageQueue()
    queue.push(item('a'))
    queue.push(item('b'))
    expect(queue.drain().items).toHaveLength(2)
    expect(queue.count).toBe(0)
  })
})
