// The cart, kept in localStorage so it survives page loads.

import { findProduct } from './catalog.js'

const KEY = 'demo-shop.cart'

/** @returns {{ cartId: string, items: Array<{ product_id: string, quantity: number }> }} */
export function readCart() {
  try {
    const saved = JSON.parse(localStorage.getItem(KEY) ?? 'null')
    if (saved && Array.isArray(saved.items)) return saved
  } catch {
    // A damaged cart starts over.
  }
  return { cartId: `cart-${crypto.randomUUID().slice(0, 8)}`, items: [] }
}

/** @param {ReturnType<typeof readCart>} cart */
function writeCart(cart) {
  localStorage.setItem(KEY, JSON.stringify(cart))
}

/** @param {string} productId @param {number} quantity */
export function addToCart(productId, quantity) {
  const cart = readCart()
  const line = cart.items.find((item) => item.product_id === productId)
  if (line) line.quantity += quantity
  else cart.items.push({ product_id: productId, quantity })
  writeCart(cart)
  return cart
}

/** @param {string} productId */
export function removeFromCart(productId) {
  const cart = readCart()
  cart.items = cart.items.filter((item) => item.product_id !== productId)
  writeCart(cart)
  return cart
}

export function clearCart() {
  localStorage.removeItem(KEY)
}

/** Cart lines with their products, and totals. */
export function cartSummary(cart = readCart()) {
  const lines = cart.items
    .map((item) => ({ ...item, product: findProduct(item.product_id) }))
    .filter((line) => line.product !== undefined)
  const subtotal = lines.reduce((sum, line) => sum + (line.product?.price ?? 0) * line.quantity, 0)
  const shipping = subtotal === 0 || subtotal >= 100 ? 0 : 6.5
  const tax = Math.round(subtotal * 0.08 * 100) / 100
  const total = Math.round((subtotal + shipping + tax) * 100) / 100
  return {
    cartId: cart.cartId,
    lines,
    subtotal,
    shipping,
    tax,
    total,
    count: lines.reduce((n, line) => n + line.quantity, 0),
  }
}
