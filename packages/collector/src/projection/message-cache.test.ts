import { describe, expect, it } from 'vitest'
import type { StoredMessage } from '../storage/types.js'
import { MessageCache } from './message-cache.js'

const messages = (n: number) => Array.from({ length: n }, (_, seq) => ({ seq }) as StoredMessage)

describe('MessageCache', () => {
  it('evicts the least recently used profiles past its capacity', () => {
    const cache = new MessageCache(20)
    cache.set('a', messages(2))
    cache.set('b', messages(2))
    cache.get('a')
    for (let i = 0; i < 9; i++) cache.set(`p${i}`, messages(2))
    expect(cache.get('a')).toHaveLength(2)
    expect(cache.get('b')).toBeUndefined()
  })

  it('does not keep a profile larger than a tenth of its capacity', () => {
    const cache = new MessageCache(20)
    cache.set('big', messages(3))
    expect(cache.get('big')).toBeUndefined()
  })
})
