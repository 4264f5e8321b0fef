// Cart: lines, remove, totals, checkout; `Cart Viewed` and `Product Removed`.

import { cartSummary, readCart, removeFromCart } from './cart.js'
import { productProperties } from './catalog.js'
import { money, productTile, renderChrome } from './layout.js'
import { page, track } from './tracker.js'

const container = /** @type {HTMLElement} */ (document.querySelector('[data-cart]'))

/** The cart's products in the e-commerce spec's shape. */
export const cartProducts = (summary = cartSummary()) =>
  summary.lines.flatMap((line) =>
    line.product ? [productProperties(line.product, { quantity: line.quantity })] : [],
  )

function render() {
  const summary = cartSummary()
  container.replaceChildren()
  if (summary.lines.length === 0) {
    container.innerHTML =
      '<p>Your cart is empty. <a href="index.html">Find something you like</a>.</p>'
    renderChrome()
    return
  }
  const list = document.createElement('ul')
  list.className = 'cart-lines'
  for (const line of summary.lines) {
    const product = line.product
    if (!product) continue
    const item = document.createElement('li')
    const name = document.createElement('span')
    name.className = 'product-name'
    name.textContent = `${product.name} × ${line.quantity}`
    const price = document.createElement('span')
    price.className = 'price'
    price.textContent = money(product.price * line.quantity)
    const remove = document.createElement('button')
    remove.type = 'button'
    remove.className = 'quiet'
    remove.textContent = 'Remove'
    remove.setAttribute('aria-label', `Remove ${product.name}`)
    remove.addEventListener('click', () => {
      removeFromCart(product.product_id)
      track(
        'Product Removed',
        productProperties(product, { quantity: line.quantity, cart_id: summary.cartId }),
      )
      render()
    })
    item.append(productTile(product), name, price, remove)
    list.append(item)
  }
  const totals = document.createElement('dl')
  totals.className = 'totals'
  for (const [label, value] of [
    ['Subtotal', summary.subtotal],
    ['Shipping', summary.shipping],
    ['Tax', summary.tax],
    ['Total', summary.total],
  ]) {
    const row = document.createElement('div')
    const term = document.createElement('dt')
    term.textContent = String(label)
    const detail = document.createElement('dd')
    detail.textContent = money(Number(value))
    row.append(term, detail)
    totals.append(row)
  }
  const checkout = document.createElement('a')
  checkout.className = 'button'
  checkout.href = 'checkout.html'
  checkout.textContent = 'Go to checkout'
  container.append(list, totals, checkout)
  renderChrome()
}

render()
page('Cart')
track('Cart Viewed', { cart_id: readCart().cartId, products: cartProducts() })
