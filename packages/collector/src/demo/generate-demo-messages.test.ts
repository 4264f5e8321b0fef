import { detectChannel, validateMessage } from '@itinera/core'
import { describe, expect, it } from 'vitest'
import { generateDemoMessages } from './generate-demo-messages.js'

const now = '2026-06-01T00:00:00.000Z'
const dataset = generateDemoMessages({ profiles: 400, seed: 7, now })

describe('generateDemoMessages', () => {
  it('gives identical messages for the same seed and end time', () => {
    expect(generateDemoMessages({ profiles: 400, seed: 7, now })).toEqual(dataset)
  })

  it('gives different customers for another seed', () => {
    const other = generateDemoMessages({ profiles: 400, seed: 8, now })
    expect(other.messages[0]).not.toEqual(dataset.messages[0])
  })

  it('produces only messages the collector accepts', () => {
    const invalid = dataset.messages
      .map((message, index) => validateMessage(message, { index }))
      .filter((result) => !result.ok)
    expect(invalid).toEqual([])
  })

  it('keeps every message inside the period, in time order, with a unique id', () => {
    const start = Date.parse(now) - 60 * 86_400_000
    const times = dataset.messages.map((message) => Date.parse(message.timestamp))
    expect(Math.min(...times)).toBeGreaterThanOrEqual(start)
    expect(Math.max(...times)).toBeLessThanOrEqual(Date.parse(now))
    expect(times).toEqual([...times].sort((a, b) => a - b))
    expect(new Set(dataset.messages.map((message) => message.messageId)).size).toBe(
      dataset.messages.length,
    )
  })

  it('spans the web, mobile, server, email and store channels', () => {
    const channels = new Set(
      dataset.messages.map((message) => {
        const checked = validateMessage(message)
        return checked.ok ? detectChannel(checked.value) : 'invalid'
      }),
    )
    expect([...channels].sort()).toEqual(['email', 'mobile', 'pos', 'server', 'web'])
  })

  it('mixes every kind of customer', () => {
    expect(Object.values(dataset.personas).every((count) => count > 0)).toBe(true)
    expect(Object.values(dataset.personas).reduce((sum, count) => sum + count, 0)).toBe(400)
  })

  it('brings visitors from UTM campaigns and has them sign in, buy, buy again and review', () => {
    const events = (name: string) => dataset.messages.filter((message) => message.event === name)
    const campaigns = new Set(
      dataset.messages.map((message) => (message.context.campaign as { name?: string })?.name),
    )
    expect(campaigns).toContain('spring_sale')
    expect(campaigns).toContain('trail_season')
    expect(dataset.messages.some((message) => message.type === 'identify')).toBe(true)
    expect(events('Signed In').length).toBeGreaterThan(0)
    expect(events('Product Reviewed').length).toBeGreaterThan(0)
    const ordersPerUser = new Map<string, number>()
    for (const order of events('Order Completed')) {
      const key = order.userId ?? order.anonymousId ?? ''
      ordersPerUser.set(key, (ordersPerUser.get(key) ?? 0) + 1)
    }
    expect([...ordersPerUser.values()].some((count) => count >= 2)).toBe(true)
  })

  it('follows the e-commerce spec for orders', () => {
    const order = dataset.messages.find((message) => message.event === 'Order Completed')
    expect(order?.properties).toMatchObject({
      order_id: expect.any(String),
      total: expect.any(Number),
      revenue: expect.any(Number),
      currency: 'USD',
      products: expect.arrayContaining([
        expect.objectContaining({ product_id: expect.any(String), price: expect.any(Number) }),
      ]),
    })
  })

  it('averages a realistic number of messages per customer', () => {
    const perProfile = dataset.messages.length / dataset.profiles
    expect(perProfile).toBeGreaterThan(5)
    expect(perProfile).toBeLessThan(60)
  })
})
