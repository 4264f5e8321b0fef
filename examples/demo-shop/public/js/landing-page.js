// Landing page: campaign-aware hero, featured products; `page` and `Product List Viewed`.

import { PRODUCTS, productProperties } from './catalog.js'
import { money, productTile, renderChrome } from './layout.js'
import { page, track } from './tracker.js'

const HEROES = {
  spring_sale: [
    'Spring sale: 10% off with SPRING10',
    'Thanks for reading the newsletter. The code works at checkout.',
  ],
  trail_season: ['Trail season is here', 'Shoes and poles that love mud as much as you do.'],
  gear_guide: [
    'As reviewed in the gear guide',
    'The day pack and head torch the guide liked best.',
  ],
}

const params = new URLSearchParams(location.search)
const campaign = params.get('utm_campaign')
const hero = campaign ? HEROES[/** @type {keyof typeof HEROES} */ (campaign)] : undefined
if (campaign === 'spring_sale') sessionStorage.setItem('demo-shop.coupon', 'SPRING10')
if (hero) {
  const [title, text] = hero
  const heading = document.querySelector('[data-hero-title]')
  const paragraph = document.querySelector('[data-hero-text]')
  if (heading) heading.textContent = title
  if (paragraph) paragraph.textContent = text
}

const grid = /** @type {HTMLElement} */ (document.querySelector('[data-products]'))

/** @param {typeof PRODUCTS} products */
function showProducts(products) {
  grid.replaceChildren()
  products.forEach((product, index) => {
    const item = document.createElement('li')
    item.className = 'product-card'
    const link = document.createElement('a')
    link.href = `product.html?id=${encodeURIComponent(product.product_id)}`
    link.append(productTile(product))
    const name = document.createElement('span')
    name.className = 'product-name'
    name.textContent = product.name
    const price = document.createElement('span')
    price.className = 'price'
    price.textContent = money(product.price)
    link.append(name, price)
    link.addEventListener('click', () =>
      track('Product Clicked', productProperties(product, { position: index + 1 })),
    )
    item.append(link)
    grid.append(item)
  })
}

const search = /** @type {HTMLFormElement} */ (document.querySelector('[data-search]'))
search.addEventListener('submit', (event) => {
  event.preventDefault()
  const query = String(new FormData(search).get('query') ?? '').trim()
  const words = query.toLowerCase().split(/\s+/).filter(Boolean)
  const found = PRODUCTS.filter((product) =>
    words.every((word) => `${product.name} ${product.category}`.toLowerCase().includes(word)),
  )
  showProducts(found)
  const result = /** @type {HTMLElement} */ (document.querySelector('[data-search-result]'))
  result.textContent = query
    ? `${found.length} product${found.length === 1 ? '' : 's'} for “${query}”.`
    : ''
  if (query) track('Products Searched', { query })
})

showProducts(PRODUCTS)

renderChrome()
page('Home', { title: document.title })
track('Product List Viewed', {
  list_id: 'featured',
  category: 'Featured',
  products: PRODUCTS.map((product, index) => ({
    ...productProperties(product),
    position: index + 1,
  })),
})
