import { MAX_BATCH_BYTES, jsonByteLength } from '@itinera/core'
import { describe, expect, it } from 'vitest'
import type { DemoMessage } from './demo-messages.js'
import { generateDemoMessages } from './generate-demo-messages.js'
import { seedDemo, toBatches } from './seed-demo.js'

const now = '2026-06-01T00:00:00.000Z'

describe('toBatches', () => {
  it('keeps every batch under the message count and the body limit', () => {
    const { messages } = generateDemoMessages({ profiles: 200, seed: 3, now })
    const batches = toBatches(messages, 250)
    expect(batches.flat()).toEqual(messages)
    for (const batch of batches) {
      expect(batch.length).toBeLessThanOrEqual(250)
      expect(jsonByteLength({ batch })).toBeLessThan(MAX_BATCH_BYTES)
    }
  })
})

describe('seedDemo', () => {
  it('sends the whole dataset in order through the given sender', async () => {
    const received: DemoMessage[] = []
    const progress: number[] = []
    const summary = await seedDemo({
      profiles: 50,
      seed: 2,
      now,
      batchSize: 100,
      send: (batch) => {
        received.push(...batch)
        return Promise.resolve()
      },
      onProgress: (sent) => progress.push(sent),
    })
    expect(received).toEqual(generateDemoMessages({ profiles: 50, seed: 2, now }).messages)
    expect(summary).toEqual({
      profiles: 50,
      messages: received.length,
      batches: Math.ceil(received.length / 100),
    })
    expect(progress.at(-1)).toBe(received.length)
  })

  it('refuses to start without somewhere to send', async () => {
    await expect(seedDemo({ profiles: 1 })).rejects.toThrow('seedDemo needs `send`')
  })
})

describe('seedDemo with a collector', () => {
  it('points the demo shop at the seeded workspace', async () => {
    const routes: string[] = []
    await seedDemo({
      profiles: 1,
      now,
      writeKey: 'wk_seeded',
      collector: { route: (method, pattern) => void routes.push(`${method} ${pattern}`) },
      send: () => Promise.resolve(),
    })
    expect(routes).toEqual(['GET /demo/config.js'])
  })
})
