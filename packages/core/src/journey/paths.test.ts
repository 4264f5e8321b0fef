import { describe, expect, it } from 'vitest'
import { computePaths, ConfigError, safeParsePathsDefinition, type Message } from '@itinera/core'
import { at, identify, page, track } from './journey.fixture.js'

const profile = (id: string, names: string[]) => ({
  id,
  messages: names.map((name, i): Message =>
    name.startsWith('/') ? page(`${id}${i}`, at(1 + i), name) : track(`${id}${i}`, at(1 + i), name),
  ),
})

const profiles = [
  profile('a', ['/home', 'Product Viewed', 'Product Added', 'Order Completed']),
  profile('b', ['/home', 'Product Viewed', 'Product Viewed', 'Product Added']),
  profile('c', ['Product Viewed', '/home', 'Product Viewed']),
  profile('d', ['/home']),
]

describe('computePaths', () => {
  it('returns the top paths after the first occurrence of the start event', () => {
    const result = computePaths(profiles, { start: 'Product Viewed', depth: 2 })
    // Equal counts are ordered by their steps, so the result is deterministic.
    expect(result.paths).toEqual([
      { steps: ['Product Viewed', '/home', 'Product Viewed'], count: 1 },
      { steps: ['Product Viewed', 'Product Added'], count: 1 },
      { steps: ['Product Viewed', 'Product Added', 'Order Completed'], count: 1 },
    ])
    expect(result.profiles).toBe(3)
    expect(result.otherProfiles).toBe(0)
  })

  it('builds Sankey nodes and links with positions from the start', () => {
    const result = computePaths(profiles, { start: 'Product Viewed', depth: 1 })
    expect(result.nodes).toEqual([
      { id: '0:Product Viewed', name: 'Product Viewed', position: 0, value: 3 },
      { id: '1:Product Added', name: 'Product Added', position: 1, value: 2 },
      { id: '1:/home', name: '/home', position: 1, value: 1 },
    ])
    expect(result.links).toEqual([
      { source: '0:Product Viewed', target: '1:Product Added', value: 2 },
      { source: '0:Product Viewed', target: '1:/home', value: 1 },
    ])
  })

  it('names an unnamed page by its path, as analytics.js sends page()', () => {
    const unnamed = (id: string, when: string, extra: Record<string, unknown>) => {
      const message = page(id, when, '', extra) as Message & { name?: string }
      delete message.name
      return message
    }
    const visits = [
      {
        id: 'p',
        messages: [
          unnamed('p1', at(1), { properties: { path: '/pricing', url: 'https://x.test/pricing' } }),
          unnamed('p2', at(2), { context: { page: { path: '/signup' } } }),
          unnamed('p3', at(3), { properties: { url: 'https://x.test/docs/start?ref=a#top' } }),
          unnamed('p4', at(4), { context: { page: { url: 'https://x.test' } } }),
          unnamed('p5', at(5), {}),
          track('p6', at(6), 'Signed Up'),
        ],
      },
    ]
    expect(computePaths(visits, { depth: 5 }).paths).toEqual([
      { steps: ['/pricing', '/signup', '/docs/start', '/', '(page)', 'Signed Up'], count: 1 },
    ])
    // A name anchor is a step name, so a path anchors too.
    expect(computePaths(visits, { start: '/signup', depth: 2 }).paths).toEqual([
      { steps: ['/signup', '/docs/start', '/'], count: 1 },
    ])
    expect(computePaths(visits, { end: 'signed_up', depth: 1 }).paths).toEqual([
      { steps: ['(page)', 'Signed Up'], count: 1 },
    ])
  })

  it('groups steps named in different conventions, shown as the most common spelling', () => {
    const mixed = [
      profile('w1', ['Product Viewed', 'Product Added']),
      profile('w2', ['Product Viewed', 'Product Added']),
      profile('m1', ['product_viewed', 'product_added', 'productAdded']),
    ]
    const result = computePaths(mixed, { depth: 3 })
    expect(result.paths).toEqual([{ steps: ['Product Viewed', 'Product Added'], count: 3 }])
    expect(result.nodes.map((node) => node.id)).toEqual(['0:Product Viewed', '1:Product Added'])
    // A tie between spellings goes to the first in code-unit order.
    const tie = computePaths(
      [profile('x', ['order_completed']), profile('y', ['Order Completed'])],
      {},
    )
    expect(tie.paths).toEqual([{ steps: ['Order Completed'], count: 2 }])
  })

  it('groups pages by their exact path, and keeps any character of a name apart', () => {
    const unnamed = (id: string, minute: number, path: string): Message => {
      const message = page(id, at(minute), '', { properties: { path } }) as Message & {
        name?: string
      }
      delete message.name
      return message
    }
    const visits = [
      { id: 'p', messages: [unnamed('p1', 1, '/sign-up'), unnamed('p2', 2, '/signup')] },
      { id: 'q', messages: [unnamed('q1', 1, '/v1.2/docs'), track('q2', at(2), 'a\u0000b')] },
    ]
    expect(computePaths(visits, {}).paths).toEqual([
      { steps: ['/sign-up', '/signup'], count: 1 },
      { steps: ['/v1.2/docs', 'a\u0000b'], count: 1 },
    ])
    expect(computePaths(visits, { start: '/v12/docs' }).profiles).toBe(0)
    expect(computePaths(visits, { start: '/v1.2/docs' }).profiles).toBe(1)
  })

  it('returns the paths before the end event with negative positions', () => {
    const result = computePaths(profiles, { end: 'Product Added', depth: 2 })
    expect(result.paths).toEqual([
      { steps: ['/home', 'Product Viewed', 'Product Added'], count: 2 },
    ])
    expect(result.nodes.map((node) => node.id)).toEqual([
      '-2:/home',
      '-1:Product Viewed',
      '0:Product Added',
    ])
  })

  it('starts from each profile’s first step without an anchor and keeps repeats when asked', () => {
    const result = computePaths(profiles, { depth: 2, collapseRepeats: false })
    expect(result.paths).toContainEqual({
      steps: ['/home', 'Product Viewed', 'Product Viewed'],
      count: 1,
    })
    expect(result.profiles).toBe(4)
    const limited = computePaths(profiles, { depth: 2, limit: 1 })
    expect(limited.paths).toEqual([
      { steps: ['/home', 'Product Viewed', 'Product Added'], count: 2 },
    ])
    expect(limited.otherProfiles).toBe(2)
  })

  it('ignores message types that are not steps and accepts a matcher as anchor', () => {
    const withIdentify = {
      id: 'e',
      messages: [
        identify('e0', at(1), {}),
        page('e1', at(2), '/home'),
        track('e2', at(3), 'Signed In'),
      ],
    }
    const result = computePaths([withIdentify], {
      start: { type: 'page' },
      types: ['page', 'track'],
    })
    expect(result.paths).toEqual([{ steps: ['/home', 'Signed In'], count: 1 }])
  })

  it('finds the anchor across naming conventions and shows the names as sent', () => {
    const snake = profile('s', ['/home', 'product_viewed', 'product_added'])
    const result = computePaths([snake], { start: 'Product Viewed', depth: 1 })
    expect(result.paths).toEqual([{ steps: ['product_viewed', 'product_added'], count: 1 }])
  })

  it('rejects start and end together', () => {
    expect(() => computePaths([], { start: 'A', end: 'B' })).toThrow(ConfigError)
    const result = safeParsePathsDefinition({ start: 'A', end: 'B', depth: 0 })
    expect(result.ok ? [] : result.error.map((issue) => issue.path)).toEqual(['depth', 'end'])
  })
})
