import { afterEach, describe, expect, it } from 'vitest'
import type { ApiProfile, ApiTimelineEvent } from '@itinera/core'
import { at, profilePath, startApiHarness, type ApiHarness } from './api-harness.js'

let h: ApiHarness | undefined
afterEach(async () => {
  await h?.close()
  h = undefined
})

const viewed = (userId: string, messageId: string, minute: number) => ({
  type: 'track',
  userId,
  messageId,
  timestamp: at(minute),
  event: 'Product Viewed',
})

/** Follows `next` from the first page, running `between` after each page. */
async function collect<T>(
  api: ApiHarness['api'],
  path: string,
  between: (page: number) => Promise<unknown>,
): Promise<T[]> {
  const items: T[] = []
  let cursor: string | null = null
  let page = 0
  do {
    const answer = await api('GET', `${path}${cursor ? `&cursor=${cursor}` : ''}`)
    expect(answer.status).toBe(200)
    items.push(...(answer.body.data as T[]))
    cursor = answer.body.next as string | null
    await between(page++)
  } while (cursor)
  return items
}

describe('pagination under concurrent ingestion', () => {
  it('lists every existing profile exactly once while new profiles and events arrive', async () => {
    h = await startApiHarness()
    const api = h.api
    await h.send(Array.from({ length: 60 }, (_, i) => viewed(`u${i}`, `seed-${i}`, i)))
    expect((await api('GET', '/v1/profiles?limit=1000')).body.data).toHaveLength(60)
    let n = 0
    const listed = await collect<ApiProfile>(api, '/v1/profiles?limit=7', async () => {
      // Each page is followed by new profiles and by new events on existing ones.
      const batch = Array.from({ length: 5 }, () => {
        n++
        return n % 2 === 0
          ? viewed(`new-${n}`, `new-${n}`, n)
          : viewed(`u${n % 60}`, `more-${n}`, -n)
      })
      await h?.send(batch)
    })
    const ids = listed.map((p) => p.id)
    expect(new Set(ids).size).toBe(ids.length)
    // Each seeded person exactly once, even when an earlier event changed their profile.
    const users = listed.flatMap((p) =>
      p.identifiers.filter((i) => i.type === 'user_id').map((i) => i.value),
    )
    for (let i = 0; i < 60; i++) expect(users.filter((u) => u === `u${i}`)).toHaveLength(1)
    expect(n).toBeGreaterThan(40)
  })

  it('pages a timeline without skipping or repeating while earlier and later events arrive', async () => {
    h = await startApiHarness()
    const api = h.api
    await h.send(Array.from({ length: 40 }, (_, i) => viewed('u-busy', `t-${i}`, i * 2)))
    let n = 0
    const events = await collect<ApiTimelineEvent>(
      api,
      `${profilePath('user_id:u-busy', '/events')}?limit=6`,
      // Events land before and after the cursor, some at a timestamp already listed.
      async () =>
        h?.send([
          viewed('u-busy', `late-${++n}`, n),
          viewed('u-busy', `tie-${n}`, 2 * n),
          viewed('u-busy', `new-${n}`, 200 + n),
        ]),
    )
    const ids = events.map((e) => e.messageId)
    expect(new Set(ids).size).toBe(ids.length)
    for (let i = 0; i < 40; i++) expect(ids).toContain(`t-${i}`)
    const times = events.map((e) => e.timestamp)
    expect([...times].sort()).toEqual(times)
  })

  it('keeps pages stable when requests run in parallel with a stream of batches', async () => {
    h = await startApiHarness()
    const harness = h
    await harness.send(Array.from({ length: 120 }, (_, i) => viewed(`p${i}`, `s-${i}`, i)))
    let streaming = true
    const stream = (async () => {
      for (let i = 0; streaming; i++) {
        await harness.send([viewed(`q${i}`, `q-${i}`, i), viewed(`p${i % 120}`, `r-${i}`, 500 + i)])
      }
    })()
    const listed = await collect<ApiProfile>(harness.api, '/v1/profiles?limit=9', () =>
      Promise.resolve(),
    )
    streaming = false
    await stream
    const ids = listed.map((p) => p.id)
    expect(new Set(ids).size).toBe(ids.length)
    const seeded = (await harness.api('GET', '/v1/profiles?limit=1000')).body.data.filter(
      (p: ApiProfile) => p.identifiers.some((i) => i.type === 'user_id' && /^p\d+$/.test(i.value)),
    )
    expect(seeded).toHaveLength(120)
    for (const profile of seeded) expect(ids).toContain(profile.id)
  })
})
