import { describe, expect, it } from 'vitest'
import { compileMatcher, type MatchableEntry, type Message } from '@itinera/core'
import { at, identify, page, track } from './journey.fixture.js'

const entry = (message: Message): MatchableEntry => ({
  type: message.type,
  event: message.type === 'track' ? message.event : undefined,
  name: message.type === 'page' || message.type === 'screen' ? message.name : undefined,
  message,
})
const tracked = (event: string, properties: Record<string, unknown> = {}) =>
  entry(track('m1', at(1), event, { properties }))
const paged = (name: string) => entry(page('m1', at(1), name))

describe('compileMatcher', () => {
  it.each(['Order Completed', 'order_completed', 'orderCompleted', 'ORDER-COMPLETED'])(
    'matches a track event written %s against every convention',
    (configured) => {
      const match = compileMatcher({ type: 'track', event: configured })
      for (const sent of [
        'Order Completed',
        'order_completed',
        'OrderCompleted',
        'order.completed',
      ]) {
        expect(match(tracked(sent))).toBe(true)
      }
      expect(match(tracked('Order Refunded'))).toBe(false)
      expect(match(paged('Order Completed'))).toBe(false)
    },
  )

  it('matches any name of a list by canonical form', () => {
    const match = compileMatcher({ event: ['Product Viewed', 'view_item'] })
    expect(match(tracked('product_viewed'))).toBe(true)
    expect(match(tracked('ViewItem'))).toBe(true)
    expect(match(tracked('view_item_list'))).toBe(false)
  })

  it('matches page and screen names the same way', () => {
    const match = compileMatcher({ type: ['page', 'screen'], event: 'Product Detail' })
    expect(match(paged('product-detail'))).toBe(true)
    expect(match(entry({ ...page('m2', at(1), 'productDetail'), type: 'screen' } as Message))).toBe(
      true,
    )
    expect(match(paged('Product List'))).toBe(false)
  })

  it('still applies types and conditions after the name matched', () => {
    const match = compileMatcher({
      type: 'track',
      event: 'Order Completed',
      where: [{ path: 'properties.revenue', op: 'gt', value: 0 }],
    })
    expect(match(tracked('order_completed', { revenue: 5 }))).toBe(true)
    expect(match(tracked('order_completed', { revenue: 0 }))).toBe(false)
  })

  it('never matches a message without a name when the matcher names one', () => {
    expect(compileMatcher({ event: 'Order Completed' })(entry(identify('m1', at(1), {})))).toBe(
      false,
    )
  })

  it('matches non-ASCII names only to themselves', () => {
    const match = compileMatcher({ event: '注文完了' })
    expect(match(tracked('注文完了'))).toBe(true)
    expect(match(tracked('カート表示'))).toBe(false)
    expect(match(tracked('_'))).toBe(false)
  })

  it('gives the same answers after seeing more distinct names than it remembers', () => {
    const match = compileMatcher({ event: ['Order Completed', 'Page 7'] })
    const names = Array.from({ length: 10_000 }, (_, i) => `page_${i}`)
    const first = names.map((name) => match(tracked(name)))
    expect(names.map((name) => match(tracked(name)))).toEqual(first)
    expect(first.filter(Boolean)).toHaveLength(1)
    expect(match(tracked('order_completed'))).toBe(true)
  })
})
