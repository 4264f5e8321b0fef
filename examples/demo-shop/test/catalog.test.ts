import { generateDemoMessages, type DemoProduct } from '@itinera/collector'
import { describe, expect, it } from 'vitest'

// A browser module without types: imported by URL, typed with the seeder's product type.
const catalogUrl = new URL('../public/js/catalog.js', import.meta.url).href
const { PRODUCTS } = (await import(catalogUrl)) as { PRODUCTS: DemoProduct[] }

// The collector's demo seeder ships without this folder, so it keeps its own copy of the
// catalogue; this keeps the two from drifting apart.
describe('demo catalogue', () => {
  it('seeds only products the shop sells, with the same fields', () => {
    const shop = new Map(
      PRODUCTS.map(({ product_id, sku, name, category, brand, price }) => [
        product_id,
        { product_id, sku, name, category, brand, price },
      ]),
    )
    const { messages } = generateDemoMessages({ profiles: 200, now: '2024-06-01T00:00:00.000Z' })
    const seeded = new Map<string, Record<string, unknown>>()
    for (const message of messages as { properties?: Record<string, unknown> }[]) {
      const items = message.properties?.products ?? [message.properties]
      for (const item of items as (Record<string, unknown> | undefined)[]) {
        if (typeof item?.product_id !== 'string') continue
        const { product_id, sku, name, category, brand, price } = item
        seeded.set(item.product_id, { product_id, sku, name, category, brand, price })
      }
    }
    expect(seeded.size).toBeGreaterThan(0)
    for (const [id, product] of seeded) expect(product).toEqual(shop.get(id))
  })
})
