import { describe, expect, it } from 'vitest'
import type { NewMessage } from '../types.js'
import { GroupedAppends } from './grouped-appends.js'

const message = (messageId: string) => ({ messageId }) as NewMessage

/** A commit that records each call and hands out seqs, failing for messageIds starting with "bad". */
function fakeCommit() {
  const calls: string[][] = []
  let seq = 0
  let release: (() => void) | undefined
  const gate = { hold: false }
  const commit = async (_workspaceId: string, messages: readonly NewMessage[]) => {
    calls.push(messages.map((m) => m.messageId))
    if (gate.hold) await new Promise<void>((resolve) => (release = resolve))
    if (messages.some((m) => m.messageId.startsWith('bad'))) throw new Error('rolled back')
    return messages.map(() => ++seq)
  }
  return { calls, commit, gate, release: () => release?.() }
}

describe('GroupedAppends', () => {
  it('commits the appends that arrive during a commit together, each getting its own seqs', async () => {
    const fake = fakeCommit()
    const appends = new GroupedAppends(fake.commit)
    fake.gate.hold = true
    const first = appends.append('ws', [message('a1')])
    const waiting = [
      appends.append('ws', [message('b1'), message('b2')]),
      appends.append('ws', [message('c1')]),
    ]
    fake.gate.hold = false
    fake.release()
    expect(await first).toEqual([1])
    expect(await Promise.all(waiting)).toEqual([[2, 3], [4]])
    expect(fake.calls).toEqual([['a1'], ['b1', 'b2', 'c1']])
  })

  it('commits each request of a failed group on its own, so only the bad one fails', async () => {
    const fake = fakeCommit()
    const appends = new GroupedAppends(fake.commit)
    fake.gate.hold = true
    const first = appends.append('ws', [message('a1')])
    const good = appends.append('ws', [message('g1')])
    const bad = appends.append('ws', [message('bad1')])
    fake.gate.hold = false
    fake.release()
    await first
    expect(await good).toEqual([2])
    await expect(bad).rejects.toThrow('rolled back')
    expect(fake.calls).toEqual([['a1'], ['g1', 'bad1'], ['g1'], ['bad1']])
  })

  it('keeps workspaces apart and waits for everything queued when asked', async () => {
    const fake = fakeCommit()
    const appends = new GroupedAppends(fake.commit)
    const results = [
      appends.append('one', [message('x1')]),
      appends.append('two', [message('y1')]),
      appends.append('one', [message('x2')]),
    ]
    await appends.idle()
    expect(fake.calls).toEqual([['x1'], ['y1'], ['x2']])
    expect((await Promise.all(results)).flat().sort()).toEqual([1, 2, 3])
  })
})
