// Product page: details and "Add to cart"; `Product Viewed` and `Product Added`.

import { addToCart, readCart } from './cart.js'
import { findProduct, productProperties } from './catalog.js'
import { money, productTile, renderChrome } from './layout.js'
import { page, track } from './tracker.js'

const container = /** @type {HTMLElement} */ (document.querySelector('[data-product]'))
const product = findProduct(new URLSearchParams(location.search).get('id'))

if (!product) {
  container.innerHTML = '<h1>Product not found</h1><p>It may have sold out for good.</p>'
  page('Product Not Found')
} else {
  document.title = `${product.name} · Trailhead, an Itinera demo shop`
  const heading = document.createElement('h1')
  heading.textContent = product.name
  const blurb = document.createElement('p')
  blurb.textContent = `${product.blurb} By ${product.brand}.`
  const price = document.createElement('p')
  price.className = 'price big'
  price.textContent = money(product.price)
  const form = document.createElement('form')
  form.className = 'add-form'
  form.innerHTML = `
    <label for="quantity">Quantity</label>
    <input id="quantity" name="quantity" type="number" min="1" max="9" value="1" inputmode="numeric" />
    <button type="submit">Add to cart</button>
    <p class="added" role="status"></p>`
  form.addEventListener('submit', (event) => {
    event.preventDefault()
    const input = /** @type {HTMLInputElement} */ (form.querySelector('#quantity'))
    const quantity = Math.min(9, Math.max(1, Number(input.value) || 1))
    const cart = addToCart(product.product_id, quantity)
    track('Product Added', productProperties(product, { quantity, cart_id: cart.cartId }))
    const status = /** @type {HTMLElement} */ (form.querySelector('.added'))
    status.innerHTML = `Added ${quantity} to your cart. <a href="cart.html">View cart</a>`
    renderChrome()
  })
  container.append(productTile(product), heading, blurb, price, form)
  page(product.name, { category: product.category, product_id: product.product_id })
  track('Product Viewed', productProperties(product, { cart_id: readCart().cartId }))
}
renderChrome()
