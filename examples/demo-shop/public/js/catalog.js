// The shop's products (the seed generator in packages/collector/src/demo uses the same ones).

/** @typedef {{ product_id: string, sku: string, name: string, category: string, brand: string, price: number, colour: string, blurb: string }} Product */

/** @type {Product[]} */
export const PRODUCTS = [
  {
    product_id: 'p-trail-runner',
    sku: 'TR-42',
    name: 'Trail Runner Shoes',
    category: 'Footwear',
    brand: 'Itinera Outdoor',
    price: 119,
    colour: '#2563eb',
    blurb: 'Grippy, light and quick to dry.',
  },
  {
    product_id: 'p-day-pack',
    sku: 'DP-20',
    name: 'Day Pack 20 L',
    category: 'Bags',
    brand: 'Itinera Outdoor',
    price: 79,
    colour: '#0f766e',
    blurb: 'Carries a day on the hills.',
  },
  {
    product_id: 'p-rain-shell',
    sku: 'RS-M',
    name: 'Rain Shell Jacket',
    category: 'Apparel',
    brand: 'Northline',
    price: 149,
    colour: '#7c3aed',
    blurb: 'Three layers between you and the weather.',
  },
  {
    product_id: 'p-merino-tee',
    sku: 'MT-S',
    name: 'Merino T-Shirt',
    category: 'Apparel',
    brand: 'Northline',
    price: 45,
    colour: '#b45309',
    blurb: 'Warm when cool, cool when warm.',
  },
  {
    product_id: 'p-water-bottle',
    sku: 'WB-750',
    name: 'Insulated Bottle 750 ml',
    category: 'Accessories',
    brand: 'Kettle & Co',
    price: 29,
    colour: '#0369a1',
    blurb: 'Keeps tea hot for twelve hours.',
  },
  {
    product_id: 'p-head-torch',
    sku: 'HT-300',
    name: 'Head Torch 300 lm',
    category: 'Accessories',
    brand: 'Lumo',
    price: 39,
    colour: '#a16207',
    blurb: 'For the walk back after sunset.',
  },
  {
    product_id: 'p-trek-poles',
    sku: 'TP-2',
    name: 'Trekking Poles (pair)',
    category: 'Gear',
    brand: 'Itinera Outdoor',
    price: 89,
    colour: '#be123c',
    blurb: 'Save your knees on the way down.',
  },
  {
    product_id: 'p-sleeping-bag',
    sku: 'SB-3S',
    name: 'Three-Season Sleeping Bag',
    category: 'Gear',
    brand: 'Lumo',
    price: 189,
    colour: '#4d7c0f',
    blurb: 'Comfortable down to −5 °C.',
  },
]

/**
 * @param {string | null} id
 * @returns {Product | undefined}
 */
export const findProduct = (id) => PRODUCTS.find((product) => product.product_id === id)

/**
 * The Segment e-commerce spec's product properties.
 * @param {Product} product
 * @param {Record<string, unknown>} [extra]
 */
export const productProperties = (product, extra = {}) => ({
  product_id: product.product_id,
  sku: product.sku,
  name: product.name,
  category: product.category,
  brand: product.brand,
  price: product.price,
  currency: 'USD',
  url: new URL(`product.html?id=${product.product_id}`, location.href).href,
  ...extra,
})
