import { describe, expect, it } from 'vitest'
import { createWorkQueue } from './work-queue.js'

describe('createWorkQueue', () => {
  it('runs tasks one at a time in order', async () => {
    const queue = createWorkQueue()
    const log: string[] = []
    const task = (name: string) => async () => {
      log.push(`start ${name}`)
      await Promise.resolve()
      log.push(`end ${name}`)
    }
    await Promise.all([queue.run(task('a')), queue.run(task('b'))])
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b'])
  })

  it('queues a task only once while it waits, and keeps going after a failure', async () => {
    const queue = createWorkQueue()
    let runs = 0
    const counted = () => {
      runs += 1
      return Promise.resolve()
    }
    const failing = () => Promise.reject(new Error('boom'))
    await Promise.all([queue.run(failing), queue.run(counted), queue.run(counted)])
    expect(runs).toBe(1)
    await queue.run(counted)
    expect(runs).toBe(2)
  })
})
